package org.charybdis.storage.dht;

/**
 * ScyllaDB's {@code biased-token-round-robin} token-to-shard mapping, as specified in ScyllaDB's
 * {@code docs/dev/protocol-extensions.md}: bias the token by 2^63, drop the {@code ignoreMsb} top bits,
 * and take the high 64 bits of the unsigned 128-bit product with the shard count. Shard-aware drivers
 * compute the same function, so it must match bit for bit.
 */
public final class ShardOf {
    /** ScyllaDB's default {@code murmur3_partitioner_ignore_msb_bits}. */
    public static final int DEFAULT_IGNORE_MSB = 12;

    private final int shardCount;
    private final int ignoreMsb;

    public ShardOf(int shardCount, int ignoreMsb) {
        if (shardCount < 1) throw new IllegalArgumentException("shard count must be positive: " + shardCount);
        if (ignoreMsb < 0 || ignoreMsb > 63) throw new IllegalArgumentException("ignore_msb must be in [0, 63]: " + ignoreMsb);
        this.shardCount = shardCount;
        this.ignoreMsb = ignoreMsb;
    }

    public static ShardOf withDefaultIgnoreMsb(int shardCount) {
        return new ShardOf(shardCount, DEFAULT_IGNORE_MSB);
    }

    /** The shard owning a token, in [0, shardCount). */
    public int shard(long token) {
        return shard(token, shardCount, ignoreMsb);
    }

    public static int shard(long token, int shardCount, int ignoreMsb) {
        long biased = (token ^ Long.MIN_VALUE) << ignoreMsb; // token + 2^63 modulo 2^64
        return (int) Math.unsignedMultiplyHigh(biased, shardCount);
    }

    public int shardCount() { return shardCount; }

    public int ignoreMsb() { return ignoreMsb; }

    @Override
    public String toString() { return "biased-token-round-robin(shards=" + shardCount + ", ignore_msb=" + ignoreMsb + ")"; }
}
