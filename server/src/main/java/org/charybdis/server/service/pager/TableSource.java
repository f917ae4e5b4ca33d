package org.charybdis.server.service.pager;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.service.Deadline;
import org.charybdis.server.tracing.Tracing;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.RequestTrace;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.TableEngine;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Where a query's reads run: on the shards owning the data, or on one in-memory snapshot (virtual tables). */
public interface TableSource {
    /** Runs the read on the shard owning the partition; completes on the calling shard. */
    <T> CompletableFuture<T> onOwner(DecoratedKey key, Function<TableEngine, CompletableFuture<T>> read);

    /** Runs the read on every shard; answers in shard order. */
    <T> CompletableFuture<List<T>> onEvery(Function<TableEngine, CompletableFuture<T>> read);

    /** How many answers {@link #onEvery} gives. */
    int shardCount();

    /**
     * A stored table's shards; a read still queued there past the deadline is dropped with the timeout error. A traced
     * read records its hops to other shards.
     */
    static TableSource shards(Database database, TableMetadata table, Deadline deadline, RequestTrace trace) {
        Function<ShardStorage, TableEngine> engine = storage -> {
            deadline.check();
            TableEngine e = storage.table(table.id());
            if (e == null) throw new InvalidRequestException("table " + table.name() + " does not exist");
            return e;
        };
        return new TableSource() {
            @Override
            public <T> CompletableFuture<T> onOwner(DecoratedKey key, Function<TableEngine, CompletableFuture<T>> read) {
                if (trace.enabled()) Tracing.hop(trace, database.shardOf(key));
                return database.onOwnerAsync(key, storage -> read.apply(engine.apply(storage)));
            }

            @Override
            public <T> CompletableFuture<List<T>> onEvery(Function<TableEngine, CompletableFuture<T>> read) {
                return database.onAllShardsAsync(storage -> read.apply(engine.apply(storage)));
            }

            @Override
            public int shardCount() {
                return database.shardCount();
            }
        };
    }

    /** A single engine read on the calling thread (a virtual table's fresh snapshot). */
    static TableSource snapshot(TableEngine engine) {
        return new TableSource() {
            @Override
            public <T> CompletableFuture<T> onOwner(DecoratedKey key, Function<TableEngine, CompletableFuture<T>> read) {
                try {
                    return read.apply(engine);
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }

            @Override
            public <T> CompletableFuture<List<T>> onEvery(Function<TableEngine, CompletableFuture<T>> read) {
                return onOwner(null, read).thenApply(List::of);
            }

            @Override
            public int shardCount() {
                return 1;
            }
        };
    }
}
