package org.charybdis.scheduler.io;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The disk's token bucket, shared by every shard's IO queue: one token is one nanosecond of disk time, tokens
 * come back at one per nanosecond of wall time, and at most {@code burstNanos} of them pile up while the disk
 * idles. Because {@link IoCapacity#costNanos} already turned each request into disk time, the bucket is the same
 * for every disk; a faster disk just makes requests cheaper.
 * <p>
 * Kept as a single virtual schedule (GCRA): {@code diskFreeAt} is when the disk will have worked off everything
 * granted so far. A request may start when that is not in the future (tokens >= 0) and then moves it by its
 * cost, so one big request may briefly take the bucket into debt instead of waiting for a burst it can never
 * hold. Lock-free: shards race with compare-and-set. Times are {@link System#nanoTime} values, compared by
 * subtraction so the clock may wrap.
 */
final class DiskTokenBucket {
    /** How much disk time may be handed out at once after an idle spell: the queue's latency goal. */
    static final long DEFAULT_BURST_NANOS = 1_000_000;

    private final long burstNanos;
    private final AtomicLong diskFreeAt;

    DiskTokenBucket(long burstNanos, long now) {
        if (burstNanos <= 0) throw new IllegalArgumentException("burstNanos must be positive: " + burstNanos);
        this.burstNanos = burstNanos;
        this.diskFreeAt = new AtomicLong(now - burstNanos);
    }

    /**
     * Takes {@code cost} tokens if the bucket is not in debt at {@code now} and returns 0; otherwise takes nothing
     * and returns how many nanoseconds to wait before asking again.
     */
    long tryAcquire(long cost, long now) {
        while (true) {
            long freeAt = diskFreeAt.get();
            long wait = freeAt - now;
            if (wait > 0) return wait;
            long start = now - freeAt > burstNanos ? now - burstNanos : freeAt; // idle time beyond a burst is lost
            if (diskFreeAt.compareAndSet(freeAt, start + cost)) return 0;
        }
    }

    /** Tokens available at {@code now}: negative while in debt, at most the burst. For tests and metrics. */
    long tokens(long now) {
        return Math.min(burstNanos, now - diskFreeAt.get());
    }
}
