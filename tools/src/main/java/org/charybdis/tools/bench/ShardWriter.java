package org.charybdis.tools.bench;

import org.HdrHistogram.Histogram;
import org.charybdis.scheduler.Shard;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.ShardOf;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.TableEngine;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Writes one shard's rows through {@link ShardStorage#write} (commitlog, then memtable) with a bounded number
 * in flight, refilling as acknowledgements arrive. Lives on the shard's thread: started there, and every
 * completion it reacts to runs there too (checked, since anything else would be an engine bug).
 */
final class ShardWriter {
    private final Shard shard;
    private final ShardStorage storage;
    private final List<TableEngine> engines;
    private final BenchTable table;
    private final KeyOrder order;
    private final ShardOf shardOf;
    private final int concurrency;
    private final Histogram latencyMicros = LatencySummary.newHistogram();
    private final CompletableFuture<Histogram> done = new CompletableFuture<>();
    private long nextPosition;
    private volatile long written; // read by the progress line on another thread
    private int inFlight;
    private boolean pumping;

    ShardWriter(Shard shard, ShardStorage storage, TableEngine engine, BenchTable table, KeyOrder order, ShardOf shardOf, int concurrency) {
        this.shard = shard;
        this.storage = storage;
        this.engines = List.of(engine);
        this.table = table;
        this.order = order;
        this.shardOf = shardOf;
        this.concurrency = concurrency;
    }

    /** Starts writing (call on the shard's thread); completes with the write latencies once every row is acknowledged. */
    CompletableFuture<Histogram> start() {
        pump();
        return done;
    }

    /** Rows this shard wrote so far. */
    long written() { return written; }

    private void pump() {
        if (pumping) return; // an acknowledgement that arrived inside issue(): the loop below goes on
        pumping = true;
        try {
            while (inFlight < concurrency && !done.isDone()) {
                DecoratedKey key = nextOwnedKey();
                if (key == null) break;
                issue(key);
            }
            if (inFlight == 0 && nextPosition >= order.size() && !done.isDone()) done.complete(latencyMicros);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        } finally {
            pumping = false;
        }
    }

    /** The next key in write order that this shard owns, or null when there is none left. */
    private DecoratedKey nextOwnedKey() {
        while (nextPosition < order.size()) {
            DecoratedKey key = BenchTable.key(order.at(nextPosition++));
            if (shardOf.shard(key.token()) == shard.id()) return key;
        }
        return null;
    }

    private void issue(DecoratedKey key) {
        long started = System.nanoTime();
        long index = key.key().getLong(0);
        PartitionUpdate update = table.insert(key, index, System.currentTimeMillis() * 1000, System.currentTimeMillis() / 1000);
        inFlight++;
        storage.write(engines, List.of(update)).whenComplete((ignored, error) -> {
            inFlight--;
            if (error != null) {
                done.completeExceptionally(error);
                return;
            }
            if (Shard.current() != shard) {
                done.completeExceptionally(new IllegalStateException("a write of shard " + shard.id() + " completed on " + Shard.current()));
                return;
            }
            written = written + 1; // single writer: the shard thread
            latencyMicros.recordValue(LatencySummary.micros(System.nanoTime() - started));
            pump();
        });
    }
}
