package org.charybdis.server.replica;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Per shard counts of the partition operations a shard sent to the partition's owner: those the owner was the calling
 * shard itself (the connection's shard; what a shard-aware driver aims for) and those that hopped to another shard.
 * Each shard's thread is the only writer of its own pair, so counting is a plain add on a cache line no other shard
 * writes; readers (metrics, the admin API) on any thread see a recent value, never a torn one.
 */
public final class ShardHops {
    private static final VarHandle COUNTS = MethodHandles.arrayElementVarHandle(long[].class);
    /** 16 longs (128 bytes) per shard, and one stride before the first: no two shards' pairs share a cache line. */
    private static final int STRIDE = 16;
    private static final int LOCAL = 0;
    private static final int CROSS_SHARD = 1;

    private final long[] counts;
    private final int shardCount;

    public ShardHops(int shardCount) {
        this.shardCount = shardCount;
        this.counts = new long[(shardCount + 1) * STRIDE];
    }

    /** Counts one operation sent from shard {@code caller} (only ever called on that shard's thread) to shard {@code owner}. */
    void record(int caller, int owner) {
        int slot = index(caller, caller == owner ? LOCAL : CROSS_SHARD);
        COUNTS.setOpaque(counts, slot, counts[slot] + 1);
    }

    /** Operations shard {@code shard} ran on itself since start. */
    public long local(int shard) {
        return (long) COUNTS.getOpaque(counts, index(shard, LOCAL));
    }

    /** Operations shard {@code shard} sent to another shard since start. */
    public long crossShard(int shard) {
        return (long) COUNTS.getOpaque(counts, index(shard, CROSS_SHARD));
    }

    /** {@link #local} summed over the shards. */
    public long totalLocal() {
        long sum = 0;
        for (int shard = 0; shard < shardCount; shard++) sum += local(shard);
        return sum;
    }

    /** {@link #crossShard} summed over the shards. */
    public long totalCrossShard() {
        long sum = 0;
        for (int shard = 0; shard < shardCount; shard++) sum += crossShard(shard);
        return sum;
    }

    public int shardCount() {
        return shardCount;
    }

    private static int index(int shard, int which) {
        return (shard + 1) * STRIDE + which;
    }
}
