package org.charybdis.server.service;

import org.charybdis.scheduler.Shard;
import org.charybdis.storage.engine.EstimatedHistogram;

import java.util.concurrent.CompletableFuture;

/**
 * How long the coordinator took to answer single-partition reads, range reads and writes (microseconds), per shard:
 * what {@code nodetool proxyhistograms} shows. Each shard records into its own histograms; {@link #snapshot} is
 * taken on that shard.
 */
public final class CoordinatorLatencies {
    /** The kinds of request proxyhistograms tells apart. */
    public enum Kind { READ, RANGE, WRITE }

    /** [shard][kind] */
    private final EstimatedHistogram[][] histograms;

    public CoordinatorLatencies(int shards) {
        histograms = new EstimatedHistogram[shards][Kind.values().length];
        for (EstimatedHistogram[] shard : histograms) {
            for (int k = 0; k < shard.length; k++) shard[k] = new EstimatedHistogram();
        }
    }

    /** Records the request's latency when it completes; requests started off the shards (start-up, tests) are not counted. */
    <T> CompletableFuture<T> timed(Kind kind, CompletableFuture<T> request, long startNanos) {
        Shard shard = Shard.current();
        if (shard == null) return request;
        EstimatedHistogram histogram = histograms[shard.id()][kind.ordinal()];
        if (request.isDone()) histogram.add((System.nanoTime() - startNanos) / 1000);
        else request.whenComplete((value, failure) -> histogram.add((System.nanoTime() - startNanos) / 1000));
        return request;
    }

    /** A copy of one shard's histograms, indexed by {@link Kind#ordinal()}: call it on that shard. */
    public EstimatedHistogram[] snapshot(int shard) {
        EstimatedHistogram[] copy = new EstimatedHistogram[Kind.values().length];
        for (int k = 0; k < copy.length; k++) copy[k] = histograms[shard][k].copy();
        return copy;
    }
}
