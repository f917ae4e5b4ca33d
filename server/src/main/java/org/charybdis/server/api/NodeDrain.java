package org.charybdis.server.api;

import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.server.replica.Database;
import org.charybdis.storage.engine.ShardStorage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drain, like {@code nodetool drain}: every shard flushes its memtables, syncs and closes its commitlog;
 * afterwards the storage engines refuse writes. Runs once: later calls share the first one's outcome
 * (a failed drain may be retried), and the node's mode (NORMAL, DRAINING, DRAINED) tells operators where it stands.
 */
public final class NodeDrain {
    /** The node's operation mode as {@code status} and {@code info} report it. */
    public enum Mode { NORMAL, DRAINING, DRAINED }

    private final Database database;
    private final AtomicReference<CompletableFuture<Void>> drain = new AtomicReference<>();

    public NodeDrain(Database database) {
        this.database = database;
    }

    /** Starts the drain on every shard (or joins the one under way); completes when all shards are drained. */
    public CompletableFuture<Void> start() {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        if (!drain.compareAndSet(null, mine)) return drain.get();
        database.onAllShardsAsync(ShardRuntime.MAINTENANCE, ShardStorage::drain).whenComplete((ignored, failure) -> {
            if (failure == null) {
                mine.complete(null);
                return;
            }
            drain.compareAndSet(mine, null); // let the operator retry once the cause is fixed
            mine.completeExceptionally(failure);
        });
        return mine;
    }

    public Mode mode() {
        CompletableFuture<Void> started = drain.get();
        if (started == null) return Mode.NORMAL;
        return started.isDone() ? Mode.DRAINED : Mode.DRAINING;
    }
}
