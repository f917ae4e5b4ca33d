package org.charybdis.scheduler.io;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one IO class on one shard. Submitters, the dispatcher and IO threads all update them, so they
 * are atomics; metrics read them from any thread.
 */
final class IoClassStats implements IoQueue.ClassStats {
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong dispatchedCost = new AtomicLong();
    private final AtomicLong queueWaitNanos = new AtomicLong();
    private final AtomicLong pageCacheReads = new AtomicLong();
    private final AtomicLong pageCacheBytes = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();

    @Override
    public long opsCompleted() { return completed.get(); }

    @Override
    public long opsFailed() { return failed.get(); }

    @Override
    public long bytesCompleted() { return bytes.get(); }

    @Override
    public long queueLength() { return queued.get(); }

    @Override
    public long inFlight() { return inFlight.get(); }

    @Override
    public long queueWaitNanos() { return queueWaitNanos.get(); }

    @Override
    public long dispatchedCostNanos() { return dispatchedCost.get(); }

    @Override
    public long pageCacheReads() { return pageCacheReads.get(); }

    @Override
    public long pageCacheBytes() { return pageCacheBytes.get(); }

    @Override
    public long readOps() { return reads.get(); }

    void queued() { queued.incrementAndGet(); }

    /** A read request queued for an IO thread. */
    void readQueued() { reads.incrementAndGet(); }

    void readFromPageCache(long readBytes) {
        reads.incrementAndGet();
        pageCacheReads.incrementAndGet();
        pageCacheBytes.addAndGet(readBytes);
    }

    void dispatched(long waitedNanos, long cost) {
        queued.decrementAndGet();
        inFlight.incrementAndGet();
        queueWaitNanos.addAndGet(Math.max(0, waitedNanos));
        dispatchedCost.addAndGet(cost);
    }

    /** Dropped before dispatch (cancelled by its caller, or failed at shutdown). */
    void droppedFromQueue() { queued.decrementAndGet(); }

    void finished(long requestBytes, boolean succeeded) {
        inFlight.decrementAndGet();
        completed.incrementAndGet();
        if (succeeded) bytes.addAndGet(requestBytes);
        else failed.incrementAndGet();
    }

    /** Dispatched, but the IO threads refused it. */
    void notRun() { inFlight.decrementAndGet(); }
}
