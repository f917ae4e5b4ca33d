package org.charybdis.tools.bench;

import org.HdrHistogram.Histogram;
import org.charybdis.scheduler.Shard;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.ShardOf;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableEngine;

import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * Point reads of random existing rows owned by one shard, a bounded number in flight, each checked against
 * what was written. Lives on the shard's thread like {@link ShardWriter}.
 */
final class ShardReader {
    /** What one shard's reads measured: latencies and how many answers were not the row written. */
    record Result(Histogram latencyMicros, long wrongAnswers) {}

    private final Shard shard;
    private final TableEngine engine;
    private final BenchTable table;
    private final ShardOf shardOf;
    private final long rows;
    private final long count;
    private final int concurrency;
    private final SplittableRandom random;
    private final Histogram latencyMicros = LatencySummary.newHistogram();
    private final CompletableFuture<Result> done = new CompletableFuture<>();
    private long issued;
    private long completed;
    private long wrongAnswers;
    private int inFlight;
    private boolean pumping;

    ShardReader(Shard shard, TableEngine engine, BenchTable table, ShardOf shardOf, long rows, long count, int concurrency, long seed) {
        this.shard = shard;
        this.engine = engine;
        this.table = table;
        this.shardOf = shardOf;
        this.rows = rows;
        this.count = count;
        this.concurrency = concurrency;
        this.random = new SplittableRandom(seed);
    }

    /** Starts reading (call on the shard's thread). */
    CompletableFuture<Result> start() {
        pump();
        return done;
    }

    private void pump() {
        if (pumping) return;
        pumping = true;
        try {
            while (inFlight < concurrency && issued < count && !done.isDone()) issue(nextOwnedKey());
            if (inFlight == 0 && completed == count && !done.isDone()) done.complete(new Result(latencyMicros, wrongAnswers));
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        } finally {
            pumping = false;
        }
    }

    /** A uniformly random existing key owned by this shard (shards own about equal shares, so few draws are lost). */
    private DecoratedKey nextOwnedKey() {
        while (true) {
            DecoratedKey key = BenchTable.key(random.nextLong(rows));
            if (shardOf.shard(key.token()) == shard.id()) return key;
        }
    }

    private void issue(DecoratedKey key) {
        issued++;
        inFlight++;
        long index = key.key().getLong(0);
        long started = System.nanoTime();
        engine.read(key, ReadFilter.ALL, System.currentTimeMillis() / 1000).whenComplete((view, error) -> {
            inFlight--;
            if (error != null) {
                done.completeExceptionally(error);
                return;
            }
            if (Shard.current() != shard) {
                done.completeExceptionally(new IllegalStateException("a read of shard " + shard.id() + " completed on " + Shard.current()));
                return;
            }
            if (!table.matches(index, view)) wrongAnswers++; // rows are read here, on the shard, as the engine requires
            latencyMicros.recordValue(LatencySummary.micros(System.nanoTime() - started));
            completed++;
            pump();
        });
    }
}
