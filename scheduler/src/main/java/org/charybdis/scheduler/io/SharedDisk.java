package org.charybdis.scheduler.io;

import java.util.Objects;

/**
 * The disk every shard's IO queue draws on: its capacity, the token bucket that paces dispatch to it, and the
 * timer that wakes a queue once the bucket has refilled. One per data disk per runtime, so shards share the
 * disk's capacity rather than each assuming the whole disk.
 */
public final class SharedDisk {
    private final IoCapacity capacity;
    private final IoTimer timer;
    private final DiskTokenBucket bucket;

    public SharedDisk(IoCapacity capacity, IoTimer timer) {
        this(capacity, timer, DiskTokenBucket.DEFAULT_BURST_NANOS);
    }

    /** @param burstNanos disk time handed out at once after an idle spell (the latency goal; 1 ms by default) */
    public SharedDisk(IoCapacity capacity, IoTimer timer, long burstNanos) {
        this.capacity = Objects.requireNonNull(capacity, "capacity");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.bucket = new DiskTokenBucket(burstNanos, timer.nanoTime());
    }

    public IoCapacity capacity() { return capacity; }

    public IoTimer timer() { return timer; }

    /** 0 if a request of {@code cost} may start now (and takes its tokens), else nanoseconds to wait. */
    long tryAcquire(long cost) { return bucket.tryAcquire(cost, timer.nanoTime()); }
}
