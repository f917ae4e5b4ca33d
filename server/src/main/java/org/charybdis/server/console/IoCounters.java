package org.charybdis.server.console;

import org.charybdis.scheduler.io.IoQueue;

/**
 * The raw counters of one IO class on one shard at one moment, or the difference of two such moments: what the live
 * console turns into per-second figures. Differences of several shards add up to the node's.
 */
record IoCounters(long readOps, long readBytes, long writeOps, long writeBytes, long sequentialReads, long randomReads,
                  long sequentialWrites, long randomWrites, long dispatched, long queueWaitNanos, long costNanos,
                  long cachedReads, long cachedReadBytes) {
    static final IoCounters ZERO = new IoCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    static IoCounters of(IoQueue.ClassStats stats) {
        IoQueue.DirectionStats reads = stats.reads();
        IoQueue.DirectionStats writes = stats.writes();
        return new IoCounters(reads.ops(), reads.bytes(), writes.ops(), writes.bytes(), reads.sequential(), reads.random(),
                writes.sequential(), writes.random(), stats.requestsDispatched(), stats.queueWaitNanos(), stats.dispatchedCostNanos(),
                stats.pageCacheReads(), stats.pageCacheBytes());
    }

    IoCounters minus(IoCounters earlier) {
        return new IoCounters(readOps - earlier.readOps, readBytes - earlier.readBytes, writeOps - earlier.writeOps,
                writeBytes - earlier.writeBytes, sequentialReads - earlier.sequentialReads, randomReads - earlier.randomReads,
                sequentialWrites - earlier.sequentialWrites, randomWrites - earlier.randomWrites, dispatched - earlier.dispatched,
                queueWaitNanos - earlier.queueWaitNanos, costNanos - earlier.costNanos, cachedReads - earlier.cachedReads,
                cachedReadBytes - earlier.cachedReadBytes);
    }

    IoCounters plus(IoCounters other) {
        return new IoCounters(readOps + other.readOps, readBytes + other.readBytes, writeOps + other.writeOps,
                writeBytes + other.writeBytes, sequentialReads + other.sequentialReads, randomReads + other.randomReads,
                sequentialWrites + other.sequentialWrites, randomWrites + other.randomWrites, dispatched + other.dispatched,
                queueWaitNanos + other.queueWaitNanos, costNanos + other.costNanos, cachedReads + other.cachedReads,
                cachedReadBytes + other.cachedReadBytes);
    }

    /** The figures of a difference taken over {@code seconds}, with the requests waiting now. */
    ConsoleSample.Io figures(double seconds, long queueLength) {
        return new ConsoleSample.Io(readOps / seconds, writeOps / seconds, readBytes / seconds, writeBytes / seconds,
                ratio(readBytes, readOps), ratio(writeBytes, writeOps),
                fraction(sequentialReads, randomReads), fraction(sequentialWrites, randomWrites),
                ratio(queueWaitNanos, dispatched) / 1e6, queueLength, costNanos / 1e9 / seconds,
                cachedReads / seconds, cachedReadBytes / seconds);
    }

    private static double ratio(long total, long count) {
        return count == 0 ? 0 : (double) total / count;
    }

    /** The sequential share, or null when there were no positioned requests to tell. */
    private static Double fraction(long sequential, long random) {
        long all = sequential + random;
        return all == 0 ? null : (double) sequential / all;
    }
}
