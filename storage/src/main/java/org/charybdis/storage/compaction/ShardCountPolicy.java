package org.charybdis.storage.compaction;

/**
 * UCS's rule for how many equal parts of the token ring a compaction or flush output is split into,
 * given the output's density d (bytes per whole ring):
 * <pre>
 *   S = 1                                      if d &lt; m
 *       min(2^floor(log2(d / m)), x)           if d &lt; m·b  (x: largest power-of-two divisor of b)
 *       b                                      if d &lt; t·b
 *       b · 2^round((1 - λ) · log2(d / (t·b)))  otherwise
 * </pre>
 * with base shard count b, target size t, minimum size m and growth λ. Counts are power-of-two
 * multiples of b, so every boundary of a lower density is also a boundary of all higher ones.
 */
public record ShardCountPolicy(int baseShardCount, long targetSSTableSize, long minSSTableSize, double sstableGrowth) {
    /** Highest doubling of the base count, as in Cassandra. */
    static final int MAX_SHARD_SHIFT = 20;
    /** Keeps {@code b << shift} inside an int whatever the base count. */
    static final int MAX_SHARDS = 1 << 30;

    public ShardCountPolicy {
        if (baseShardCount <= 0) throw new IllegalArgumentException("base shard count must be positive: " + baseShardCount);
        if (targetSSTableSize <= 0) throw new IllegalArgumentException("target size must be positive: " + targetSSTableSize);
        if (minSSTableSize < 0) throw new IllegalArgumentException("minimum size must not be negative: " + minSSTableSize);
        if (!(sstableGrowth >= 0 && sstableGrowth <= 1)) throw new IllegalArgumentException("growth must be in [0, 1]: " + sstableGrowth);
    }

    /** Number of shards of the whole ring for an output of this density. */
    public int shardCount(double density) {
        if (minSSTableSize > 0) {
            double count = density / minSSTableSize;
            if (count < baseShardCount) {
                // Round down to a power of two that divides the base count, so boundaries stay shared.
                return Math.min(Integer.highestOneBit((int) count | 1), baseShardCount & -baseShardCount);
            }
        }
        if (sstableGrowth == 1) return baseShardCount;
        double ratio = density / ((double) targetSSTableSize * baseShardCount);
        double exponent = Math.log(ratio) / Math.log(2) * (1 - sstableGrowth) + 0.5;
        if (!(exponent >= 0)) return baseShardCount; // below t·b, or NaN for a zero density
        int shift = exponent >= MAX_SHARD_SHIFT ? MAX_SHARD_SHIFT : (int) exponent;
        while (shift > 0 && ((long) baseShardCount << shift) > MAX_SHARDS) shift--;
        return baseShardCount << shift;
    }

    /** The boundaries splitting the ring for an output of this density. */
    public ShardingBoundaries boundaries(double density) {
        return ShardingBoundaries.ofCount(shardCount(density));
    }
}
