package org.charybdis.storage.compaction;

import java.math.BigInteger;

/**
 * The whole Murmur3 ring {@code [MIN_TOKEN, MAX_TOKEN]} split into {@code count} equal, contiguous
 * shards. Shard {@code i} starts at {@code MIN_TOKEN + floor(i · (2^64 - 1) / count)}; the arithmetic is
 * exact (no long overflow), so the boundaries of {@code n} shards are also boundaries of {@code 2n}.
 * Tokens below {@code MIN_TOKEN} (the empty key's) belong to shard 0.
 */
public final class ShardingBoundaries {
    private static final BigInteger RING_TOKENS = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger MIN = BigInteger.valueOf(TokenSpace.MIN_TOKEN);

    private final int count;

    private ShardingBoundaries(int count) {
        this.count = count;
    }

    public static ShardingBoundaries ofCount(int count) {
        if (count <= 0) throw new IllegalArgumentException("shard count must be positive: " + count);
        return new ShardingBoundaries(count);
    }

    public int count() { return count; }

    /** First token of shard {@code index} (0 &lt;= index &lt; count). */
    public long shardStart(int index) {
        if (index < 0 || index >= count) throw new IndexOutOfBoundsException("shard " + index + " of " + count);
        if (index == 0) return TokenSpace.MIN_TOKEN;
        return RING_TOKENS.multiply(BigInteger.valueOf(index)).divide(BigInteger.valueOf(count)).add(MIN).longValueExact();
    }

    /** Last token of shard {@code index}, inclusive. */
    public long shardEnd(int index) {
        return index == count - 1 ? TokenSpace.MAX_TOKEN : shardStart(index + 1) - 1;
    }

    /** The shard a token belongs to. */
    public int shardOf(long token) {
        int low = 0;
        int high = count - 1;
        while (low < high) { // the last shard whose start is <= token
            int mid = (low + high + 1) >>> 1;
            if (shardStart(mid) <= token) low = mid;
            else high = mid - 1;
        }
        return low;
    }

    /** True when the two tokens fall in different shards, i.e. a writer must start a new SSTable. */
    public boolean crossesBoundary(long previousToken, long token) {
        return shardOf(previousToken) != shardOf(token);
    }

    /** A cursor for one writer that walks tokens in ascending order without allocating. */
    public Cursor cursor() {
        return new Cursor();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShardingBoundaries other && other.count == count;
    }

    @Override
    public int hashCode() { return count; }

    @Override
    public String toString() { return count + " shard(s)"; }

    /**
     * Tracks the shard of the last token a writer saw. Feed it the tokens of the partitions being written,
     * in ascending order; {@link #advance} says when the output must be split before this partition.
     */
    public final class Cursor {
        private int shard;
        private long nextStart;

        private Cursor() {
            shard = 0;
            nextStart = count == 1 ? Long.MAX_VALUE : shardStart(1);
        }

        /**
         * Moves to the shard of {@code token}; returns true when that is past the current shard (the writer
         * closes its SSTable, if it has one, and starts the next). Tokens must not go backwards.
         */
        public boolean advance(long token) {
            if (token < nextStart || shard == count - 1) return false;
            shard = shardOf(token);
            nextStart = shard == count - 1 ? Long.MAX_VALUE : shardStart(shard + 1);
            return true;
        }

        public int shard() { return shard; }

        /** Last token of the current shard, inclusive. */
        public long shardEnd() { return ShardingBoundaries.this.shardEnd(shard); }
    }
}
