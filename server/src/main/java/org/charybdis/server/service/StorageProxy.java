package org.charybdis.server.service;

import org.charybdis.cql.exceptions.WriteType;
import org.charybdis.cql.messages.ConsistencyLevel;
import org.charybdis.scheduler.Shard;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.index.vector.VectorIndexes;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.IndexMetadata;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.trigger.Triggers;
import org.charybdis.server.service.pager.AnnPager;
import org.charybdis.server.service.pager.AttachedIndexPager;
import org.charybdis.server.service.pager.AttachedQuery;
import org.charybdis.server.service.pager.IndexPager;
import org.charybdis.server.service.pager.Pager;
import org.charybdis.server.service.pager.ShardReader;
import org.charybdis.server.service.pager.TableSource;
import org.charybdis.server.tracing.Tracing;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.ReadLimit;
import org.charybdis.storage.engine.RequestTrace;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.TableEngine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The coordinator (ScyllaDB's storage_proxy): statements compile and bind, then hand their reads and writes here.
 * It owns the shard hops (each partition's work runs on the shard owning it, in the caller's scheduling group),
 * the partition sequencer, read-before-write and the pagers' access to the data, and it is the one place where a
 * request's {@link Deadline} is enforced: the caller gets the timeout error when the deadline passes, and the
 * work stops at its next checkpoint. Every method is called on a shard thread and completes on it.
 */
public final class StorageProxy {
    private final Database database;
    private final ServerClock clock;
    private final long maxMutationBytes;
    /** Nodes an ANN query collects from each SSTable's vector graph (vector_search_beam_width). */
    private final int vectorSearchWidth;
    private final CorruptSSTables corruptSSTables;
    private final CoordinatorLatencies latencies;
    private final Triggers triggers;
    private final ReplicaWrites.Writers writers;
    private volatile java.util.function.Function<TableMetadata, CompletableFuture<Void>> beforeTruncate =
            table -> CompletableFuture.completedFuture(null);

    public StorageProxy(Database database, ServerClock clock, ServerConfig config, Triggers triggers) {
        this.database = database;
        this.triggers = triggers;
        this.writers = new ReplicaWrites.Writers(database.views(), triggers, database::shardOf);
        this.clock = clock;
        this.maxMutationBytes = maxMutationBytes(config);
        this.vectorSearchWidth = config.get(ServerConfig.VECTOR_SEARCH_BEAM_WIDTH);
        this.corruptSSTables = new CorruptSSTables(config.diskFailurePolicy(), database);
        this.latencies = new CoordinatorLatencies(database.shardCount());
    }

    /** The node's triggers, which add their mutations to the writes of their tables. */
    public Triggers triggers() {
        return triggers;
    }

    /** The coordinator's latencies per operation (proxyhistograms and the metrics). */
    public CoordinatorLatencies latencies() {
        return latencies;
    }

    /** How {@code disk_failure_policy: stop_paranoid} stops serving clients once they can connect. */
    public void onDiskFailureStop(Runnable stopClients) {
        corruptSSTables.onStop(stopClients);
    }

    /** The shard owning a partition. */
    public int shardOf(DecoratedKey key) {
        return database.shardOf(key);
    }

    /**
     * Writes the partitions of a plain (non-counter) statement or batch: each shard's share is applied atomically
     * there, after any lightweight transaction running on its partitions. A write the storage cannot take (a full
     * disk) fails with WriteFailure saying why, as every write below does.
     */
    public CompletableFuture<Void> mutate(PartitionWrites writes, long nowInSeconds, Deadline deadline, RequestTrace trace) {
        return write(writes, false, nowInSeconds, deadline, trace);
    }

    /** Writes the partitions of a counter statement or batch: each partition reads its totals and writes them in its turn. */
    public CompletableFuture<Void> counterMutate(PartitionWrites writes, long nowInSeconds, Deadline deadline, RequestTrace trace) {
        return write(writes, true, nowInSeconds, deadline, trace);
    }

    private CompletableFuture<Void> write(PartitionWrites writes, boolean counters, long now, Deadline deadline, RequestTrace trace) {
        if (writes.isEmpty()) return CompletableFuture.completedFuture(null);
        long start = System.nanoTime();
        List<List<PartitionWrites.Partition>> byShard = new ArrayList<>(database.shardCount());
        for (int i = 0; i < database.shardCount(); i++) byShard.add(null);
        for (PartitionWrites.Partition partition : writes.partitions()) {
            if (partition.isCounterTable() != counters) {
                throw new IllegalArgumentException((counters ? "a counter write" : "a plain write") + " holds " + partition.table());
            }
            int shard = database.shardOf(partition.key());
            if (byShard.get(shard) == null) byShard.set(shard, new ArrayList<>(2));
            byShard.get(shard).add(partition);
        }
        List<CompletableFuture<Void>> parts = new ArrayList<>(2);
        for (int shard = 0; shard < byShard.size(); shard++) {
            List<PartitionWrites.Partition> partitions = byShard.get(shard);
            if (partitions == null) continue;
            Tracing.hop(trace, shard);
            parts.add(database.onOwnerAsync(shard, storage -> {
                if (trace.enabled()) trace.event("Writing to the commitlog and memtables (" + partitions.size() + " partitions)");
                return ReplicaWrites.apply(storage, writers, partitions, counters, now, maxMutationBytes, deadline);
            }));
        }
        CompletableFuture<Void> all = parts.size() == 1 ? parts.getFirst() : CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new));
        return latencies.timed(writeOperation(counters, deadline), bounded(writeFailures(all, deadline), deadline), start);
    }

    /** A counter statement or batch is a counter operation; a plain logged or unlogged batch, a batch operation. */
    private static CoordinatorLatencies.Operation writeOperation(boolean counters, Deadline deadline) {
        if (counters) return CoordinatorLatencies.Operation.COUNTER;
        WriteType type = deadline.writeType();
        return type == WriteType.BATCH || type == WriteType.UNLOGGED_BATCH ? CoordinatorLatencies.Operation.BATCH
                : CoordinatorLatencies.Operation.WRITE;
    }

    /**
     * A lightweight transaction on one partition: on its shard and in its turn of the partition sequencer (so no
     * other transaction or counter write reads or writes it in between, even while this one waits for the disk), reads
     * what the operation names, lets it judge, and writes the update if it applies. Every cell written gets one
     * timestamp chosen on the owning shard, above the newest one read (as Cassandra commits at its ballot's).
     */
    public <R> CompletableFuture<R> cas(PartitionWrites.Partition partition, CasOperation<R> operation, long nowInSeconds, Deadline deadline,
                                        RequestTrace trace) {
        long start = System.nanoTime();
        TableMetadata table = partition.table();
        int owner = database.shardOf(partition.key());
        Tracing.hop(trace, owner);
        CompletableFuture<R> result = database.onOwnerAsync(owner, storage -> {
            deadline.check();
            return storage.sequencer().run(table.id(), partition.key(), () -> {
                deadline.check(); // waited for its turn too long: contention
                return casOnOwner(storage, partition, operation, nowInSeconds, trace);
            });
        });
        return latencies.timed(CoordinatorLatencies.Operation.CAS, bounded(writeFailures(result, deadline), deadline), start);
    }

    private <R> CompletableFuture<R> casOnOwner(ShardStorage storage, PartitionWrites.Partition partition, CasOperation<R> operation, long now,
                                                RequestTrace trace) {
        TableEngine engine = ReplicaWrites.engines(storage, List.of(partition)).getFirst();
        if (trace.enabled()) trace.event("Reading existing values for CAS precondition");
        ReadFilter filter = operation.readFilter(engine.layout().clusteringComparator());
        return engine.read(partition.key(), filter, now, ReadLimit.NONE, trace).thenCompose(view -> {
            CasOperation.Decision<R> decision = operation.decide(view);
            if (!decision.apply()) {
                if (trace.enabled()) trace.event("CAS precondition does not match current values: nothing written");
                return CompletableFuture.completedFuture(decision.answer());
            }
            if (trace.enabled()) trace.event("CAS precondition is met; writing the update to the commitlog and memtables");
            return ReplicaWrites.readBeforeWrite(engine, partition, now).thenCompose(ignored -> {
                long timestamp = clock.nextMicrosAbove(storage.shardId(), decision.newestTimestamp());
                PartitionUpdate update = partition.builder().build().withUpdatedTimestamps(timestamp);
                ReplicaWrites.checkSize(update, partition, maxMutationBytes);
                VectorIndexes.checkWrite(partition.table(), update);
                List<PartitionUpdate> updates = TriggeredWrites.samePartition(triggers, partition, update, now);
                List<TableEngine> engines = Collections.nCopies(updates.size(), engine);
                // already in the partition's turn
                return database.views().writeInTurn(storage, engines, updates, now).thenApply(done -> decision.answer());
            });
        });
    }

    /** Sets what runs before a TRUNCATE empties a table (auto_snapshot); the truncation waits for it. Set before clients connect. */
    public void beforeTruncate(java.util.function.Function<TableMetadata, CompletableFuture<Void>> hook) {
        this.beforeTruncate = hook;
    }

    /** Empties a table on every shard. */
    public CompletableFuture<Void> truncate(TableMetadata table, Deadline deadline) {
        CompletableFuture<Void> all = beforeTruncate.apply(table).thenCompose(ignored -> database.onAllShardsAsync(storage -> {
            deadline.check();
            TableEngine engine = storage.table(table.id());
            return engine == null ? CompletableFuture.<Void>completedFuture(null) : engine.truncate();
        })).thenApply(ignored -> null);
        return bounded(all, deadline);
    }

    /** Where a stored table's reads run: on the shards owning its data, each read checking the deadline first. */
    public TableSource source(TableMetadata table, Deadline deadline, RequestTrace trace) {
        return TableSource.shards(database, table, deadline, trace);
    }

    /** A pager over the rows storage-attached indexes find (see {@link AttachedIndexPager}). */
    public Pager attachedIndexPager(TableMetadata table, List<AttachedQuery> predicates, ShardReader reader, TokenRange range,
                                    int perPartitionLimit, ConsistencyLevel consistency, Deadline deadline) {
        return new AttachedIndexPager(database, table, predicates, reader, range, perPartitionLimit, consistency, deadline);
    }

    /** A pager over the rows a secondary index finds (see {@link IndexPager}). */
    public Pager indexPager(TableMetadata table, IndexMetadata index, ByteBuffer lookup, ShardReader reader, TokenRange range,
                            int perPartitionLimit, ConsistencyLevel consistency, Deadline deadline) {
        return new IndexPager(database, table, index, lookup, reader, range, perPartitionLimit, consistency, deadline);
    }

    /** The rows an unrestricted ANN query finds through the vector index's graphs (see {@link AnnPager}). */
    public Pager annPager(TableMetadata table, IndexMetadata index, float[] target, int limit, ShardReader reader,
                          ConsistencyLevel consistency, Deadline deadline) {
        return new AnnPager(database, table, index, target, limit, vectorSearchWidth, reader, consistency, deadline);
    }

    /**
     * Runs a read (a page, or the pages an aggregate folds) under its deadline: the caller gets the timeout error once
     * it passes; the pagers check it between partitions and pages. A corrupt SSTable fails the read with ReadFailure.
     */
    public <T> CompletableFuture<T> read(Deadline deadline, ConsistencyLevel consistency, Supplier<CompletableFuture<T>> read) {
        long start = System.nanoTime();
        CompletableFuture<T> running;
        try {
            deadline.check();
            running = read.get();
        } catch (RuntimeException e) {
            running = CompletableFuture.failedFuture(e);
        }
        CoordinatorLatencies.Operation operation = deadline.kind() == Deadline.Kind.RANGE
                ? CoordinatorLatencies.Operation.RANGE : CoordinatorLatencies.Operation.READ;
        return latencies.timed(operation, bounded(running.exceptionallyCompose(e -> CompletableFuture.failedFuture(corruptSSTables.translate(e, consistency))), deadline), start);
    }

    private static <T> CompletableFuture<T> writeFailures(CompletableFuture<T> write, Deadline deadline) {
        return write.exceptionallyCompose(e -> CompletableFuture.failedFuture(RefusedWrites.translate(e, deadline)));
    }

    /** Waits (at most {@code seconds}) until a new index is built on every shard. */
    public CompletableFuture<Void> awaitIndexBuilt(UUID indexId, long seconds) {
        return database.onAllShardsAsync(storage -> database.indexes().shard(storage.shardId()).awaitBuilt(indexId, seconds))
                .thenApply(ignored -> null);
    }

    /**
     * The work's future, or one that fails with the deadline's error when the deadline passes first. The timer runs on
     * the calling shard's event loop; off-shard callers (start-up, tests) simply wait for the work.
     */
    static <T> CompletableFuture<T> bounded(CompletableFuture<T> work, Deadline deadline) {
        if (deadline.isUnbounded()) return work;
        Shard shard = Shard.current();
        if (work.isDone() || shard == null) {
            if (!work.isDone() || work.isCompletedExceptionally()) work.whenComplete((value, failure) -> { if (failure != null) deadline.noteFailure(failure); });
            return work;
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        ScheduledFuture<?> timer = shard.eventLoop().schedule(() -> {
            Throwable timeout = deadline.timeoutError();
            if (answer.completeExceptionally(timeout)) deadline.noteFailure(timeout);
        }, deadline.remainingNanos(), TimeUnit.NANOSECONDS);
        work.whenComplete((value, failure) -> {
            timer.cancel(false);
            if (failure == null) answer.complete(value);
            else if (answer.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure)) deadline.noteFailure(failure);
        });
        return answer;
    }

    /** As Cassandra: half a commitlog segment (a commitlog entry must fit), and no more than a client may send. */
    private static long maxMutationBytes(ServerConfig config) {
        long frame = (long) config.get(ServerConfig.NATIVE_TRANSPORT_MAX_FRAME_SIZE_IN_MB) << 20;
        long halfSegment = ((long) config.get(ServerConfig.COMMITLOG_SEGMENT_SIZE_IN_MB) << 20) / 2 - 1024; // entry framing
        return Math.min(frame, halfSegment);
    }
}
