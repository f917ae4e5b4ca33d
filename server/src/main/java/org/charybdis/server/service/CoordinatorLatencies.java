package org.charybdis.server.service;

import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.scheduler.Shard;
import org.charybdis.storage.engine.EstimatedHistogram;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * How long the coordinator took to answer each operation, per shard: recorded once here, into the histograms
 * {@code nodetool proxyhistograms} shows (microseconds) and to the {@link Listener} that the Prometheus metrics
 * set (per operation and scheduling group). Each shard records into its own histograms; {@link #snapshot} is
 * taken on that shard.
 */
public final class CoordinatorLatencies {
    /** The kinds of request proxyhistograms tells apart. */
    public enum Kind { READ, RANGE, WRITE }

    /** What the coordinator ran for a statement or batch; each names the proxyhistogram it counts in, if any. */
    public enum Operation {
        READ(Kind.READ), WRITE(Kind.WRITE), RANGE(Kind.RANGE), CAS(null), COUNTER(Kind.WRITE), BATCH(Kind.WRITE);

        private final Kind histogram;
        private final String label = name().toLowerCase(Locale.ROOT);

        Operation(Kind histogram) {
            this.histogram = histogram;
        }

        /** The metric label: read, write, range, cas, counter, batch. */
        public String label() { return label; }
    }

    /** Told of every operation that completed on a shard, on that shard's thread; must not allocate. */
    @FunctionalInterface
    public interface Listener {
        void completed(int shard, SchedulingGroup group, Operation operation, long nanos);
    }

    /** [shard][kind] */
    private final EstimatedHistogram[][] histograms;
    private volatile Listener listener = (shard, group, operation, nanos) -> { };

    public CoordinatorLatencies(int shards) {
        histograms = new EstimatedHistogram[shards][Kind.values().length];
        for (EstimatedHistogram[] shard : histograms) {
            for (int k = 0; k < shard.length; k++) shard[k] = new EstimatedHistogram();
        }
    }

    /** Sets who else hears of each operation's latency (the metrics); set before clients connect. */
    public void listen(Listener listener) {
        this.listener = listener;
    }

    /**
     * Records the operation's latency when it completes, charged to the scheduling group running now (the caller's
     * service level); operations started off the shards (start-up, tests) are not counted.
     */
    <T> CompletableFuture<T> timed(Operation operation, CompletableFuture<T> request, long startNanos) {
        Shard shard = Shard.current();
        if (shard == null) return request;
        SchedulingGroup group = shard.currentGroup();
        if (request.isDone()) record(shard.id(), group, operation, System.nanoTime() - startNanos);
        else request.whenComplete((value, failure) -> record(shard.id(), group, operation, System.nanoTime() - startNanos));
        return request;
    }

    private void record(int shard, SchedulingGroup group, Operation operation, long nanos) {
        if (operation.histogram != null) histograms[shard][operation.histogram.ordinal()].add(nanos / 1000);
        listener.completed(shard, group, operation, nanos);
    }

    /** A copy of one shard's histograms, indexed by {@link Kind#ordinal()}: call it on that shard. */
    public EstimatedHistogram[] snapshot(int shard) {
        EstimatedHistogram[] copy = new EstimatedHistogram[Kind.values().length];
        for (int k = 0; k < copy.length; k++) copy[k] = histograms[shard][k].copy();
        return copy;
    }
}
