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
    private final AtomicLong dispatched = new AtomicLong();
    private final AtomicLong pageCacheReads = new AtomicLong();
    private final AtomicLong pageCacheBytes = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final Direction readRequests = new Direction();
    private final Direction writeRequests = new Direction();

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
    public long requestsDispatched() { return dispatched.get(); }

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

    @Override
    public IoQueue.DirectionStats reads() { return readRequests; }

    @Override
    public IoQueue.DirectionStats writes() { return writeRequests; }

    /** Classifies a positioned request of {@code file} as it is queued (the order the storage asked in). */
    void positioned(boolean write, Object file, long position, long requestBytes) {
        (write ? writeRequests : readRequests).classify(file, position, requestBytes);
    }

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
        dispatched.incrementAndGet();
        queueWaitNanos.addAndGet(Math.max(0, waitedNanos));
        dispatchedCost.addAndGet(cost);
    }

    /** Dropped before dispatch (cancelled by its caller, or failed at shutdown). */
    void droppedFromQueue() { queued.decrementAndGet(); }

    void finished(boolean write, long requestBytes, boolean succeeded) {
        inFlight.decrementAndGet();
        completed.incrementAndGet();
        if (succeeded) {
            bytes.addAndGet(requestBytes);
            (write ? writeRequests : readRequests).finished(requestBytes);
        } else {
            failed.incrementAndGet();
        }
    }

    /** IO done outside the queue, counted as one completed, sequential request. */
    void external(boolean write, long requestBytes) {
        completed.incrementAndGet();
        bytes.addAndGet(requestBytes);
        Direction direction = write ? writeRequests : readRequests;
        direction.sequential.incrementAndGet();
        direction.finished(requestBytes);
    }

    /** Dispatched, but the IO threads refused it. */
    void notRun() { inFlight.decrementAndGet(); }

    /** The requests of one direction: those an IO thread ran and how their positions followed each other. */
    private static final class Direction implements IoQueue.DirectionStats {
        private final AtomicLong ops = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicLong sequential = new AtomicLong();
        private final AtomicLong random = new AtomicLong();
        private final AccessPattern pattern = new AccessPattern();

        @Override
        public long ops() { return ops.get(); }

        @Override
        public long bytes() { return bytes.get(); }

        @Override
        public long sequential() { return sequential.get(); }

        @Override
        public long random() { return random.get(); }

        void classify(Object file, long position, long requestBytes) {
            (pattern.sequential(file, position, requestBytes) ? sequential : random).incrementAndGet();
        }

        void finished(long requestBytes) {
            ops.incrementAndGet();
            bytes.addAndGet(requestBytes);
        }
    }
}
