package org.charybdis.storage.lsm;

import java.util.function.LongSupplier;

/**
 * {@code compaction_throughput} on one shard: compactions may write at most their shard's share of the node's rate
 * (the node's bytes per second divided by the shards). A compaction reports what it wrote and is told how long to
 * pause before going on; it pauses with a timer, never by blocking the shard. Pauses are as long as the bytes written
 * ahead of the rate, less a short burst allowance, so a compaction that was idle does not race ahead to catch up.
 * A rate of 0 is unthrottled: then the IO scheduler's compaction shares alone decide.
 */
final class CompactionThrottle {
    /** Credit an idle shard may use at full speed before the rate applies. */
    static final long BURST_NANOS = 100_000_000;

    private final LongSupplier nodeBytesPerSecond;
    private final int shards;
    private final LongSupplier nanoClock;
    /** When the bytes written so far are paid for at the rate. */
    private long paidUntilNanos = Long.MIN_VALUE;

    /** @param nodeBytesPerSecond the node's current rate (it changes at runtime), 0 for unthrottled */
    CompactionThrottle(LongSupplier nodeBytesPerSecond, int shards, LongSupplier nanoClock) {
        if (shards < 1) throw new IllegalArgumentException("at least one shard: " + shards);
        this.nodeBytesPerSecond = nodeBytesPerSecond;
        this.shards = shards;
        this.nanoClock = nanoClock;
    }

    /** The shard's rate now, 0 when unthrottled. */
    long bytesPerSecond() {
        return Math.max(0, nodeBytesPerSecond.getAsLong() / shards);
    }

    /** Nanoseconds to pause after writing {@code bytes} more; 0 when within the rate or unthrottled. */
    long pauseAfter(long bytes) {
        long rate = nodeBytesPerSecond.getAsLong() / shards;
        long now = nanoClock.getAsLong();
        if (rate <= 0 || bytes <= 0) {
            if (rate <= 0) paidUntilNanos = Long.MIN_VALUE;
            return 0;
        }
        long from = Math.max(paidUntilNanos, now - BURST_NANOS);
        paidUntilNanos = from + (long) (bytes * 1e9 / rate);
        return Math.max(0, paidUntilNanos - now);
    }
}
