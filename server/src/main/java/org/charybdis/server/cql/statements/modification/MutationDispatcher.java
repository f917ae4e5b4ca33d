package org.charybdis.server.cql.statements.modification;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.messages.VoidResult;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.replica.Database;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.PartitionSequencer;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.TableEngine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sends collected partition updates to their owning shards and applies them there, into each table's
 * current engine. Completes (on the calling shard) when every shard has applied its share.
 */
final class MutationDispatcher {
    private MutationDispatcher() {}

    static CompletionStage<Result> apply(PartitionWrites writes, ExecutionContext context) {
        org.charybdis.server.cql.ConsistencyChecks.forWrite(context.options().consistency());
        if (writes.isEmpty()) return CompletableFuture.completedFuture(VoidResult.INSTANCE);
        Database database = context.server().database();
        long maxMutationBytes = maxMutationBytes(context);
        List<List<PartitionWrites.Partition>> byShard = new ArrayList<>(database.shardCount());
        for (int i = 0; i < database.shardCount(); i++) byShard.add(null);
        for (PartitionWrites.Partition partition : writes.partitions()) {
            int shard = database.shardOf(partition.key());
            if (byShard.get(shard) == null) byShard.set(shard, new ArrayList<>(2));
            byShard.get(shard).add(partition);
        }
        long now = context.nowInSeconds();
        List<CompletableFuture<Void>> parts = new ArrayList<>(2);
        for (int shard = 0; shard < byShard.size(); shard++) {
            List<PartitionWrites.Partition> partitions = byShard.get(shard);
            if (partitions == null) continue;
            parts.add(database.onShardAsync(shard, storage -> applyOnShard(storage, partitions, now, maxMutationBytes)));
        }
        CompletableFuture<Void> all = parts.size() == 1 ? parts.getFirst()
                : CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new));
        return all.thenApply(ignored -> VoidResult.INSTANCE);
    }

    /**
     * Runs on the owning shard: checks every table still exists; writes each partition of a counter table in its
     * own turn of the partition sequencer (see {@link CounterWrites}); for the others, lets a lightweight
     * transaction or counter write running on one of the partitions finish first, does the reads some list
     * operations need, then writes them all at once through the shard's storage (commitlog, memtables).
     */
    private static CompletableFuture<Void> applyOnShard(ShardStorage storage, List<PartitionWrites.Partition> partitions, long now,
                                                        long maxMutationBytes) {
        List<TableEngine> engines = new ArrayList<>(partitions.size());
        for (PartitionWrites.Partition partition : partitions) {
            TableEngine engine = storage.table(partition.table().id());
            if (engine == null) {
                throw new InvalidRequestException("Table " + partition.table() + " was dropped while the write was running");
            }
            engines.add(engine);
        }
        List<TableEngine> plainEngines = new ArrayList<>(partitions.size());
        List<PartitionWrites.Partition> plain = new ArrayList<>(partitions.size());
        List<CompletableFuture<Void>> parts = new ArrayList<>(1);
        for (int i = 0; i < partitions.size(); i++) {
            PartitionWrites.Partition partition = partitions.get(i);
            TableEngine engine = engines.get(i);
            if (partition.isCounterTable()) {
                parts.add(storage.sequencer().run(partition.table().id(), partition.key(),
                        () -> CounterWrites.apply(storage, engine, partition, now, maxMutationBytes)));
            } else {
                plainEngines.add(engine);
                plain.add(partition);
            }
        }
        if (!plain.isEmpty()) parts.add(applyPlain(storage, plainEngines, plain, now, maxMutationBytes));
        return parts.size() == 1 ? parts.getFirst() : CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new));
    }

    private static CompletableFuture<Void> applyPlain(ShardStorage storage, List<TableEngine> engines,
                                                      List<PartitionWrites.Partition> partitions, long now, long maxMutationBytes) {
        PartitionSequencer sequencer = storage.sequencer();
        if (sequencer.isIdle()) return readAndWrite(storage, engines, partitions, now, maxMutationBytes);
        List<CompletableFuture<Void>> turns = new ArrayList<>(partitions.size());
        for (PartitionWrites.Partition partition : partitions) turns.add(sequencer.drained(partition.table().id(), partition.key()));
        return CompletableFuture.allOf(turns.toArray(CompletableFuture[]::new))
                .thenCompose(ignored -> readAndWrite(storage, engines, partitions, now, maxMutationBytes));
    }

    private static CompletableFuture<Void> readAndWrite(ShardStorage storage, List<TableEngine> engines,
                                                        List<PartitionWrites.Partition> partitions, long now, long maxMutationBytes) {
        CompletableFuture<Void> reads = CompletableFuture.completedFuture(null);
        for (int i = 0; i < partitions.size(); i++) {
            PartitionWrites.Partition partition = partitions.get(i);
            TableEngine engine = engines.get(i);
            reads = reads.thenCompose(ignored -> readBeforeWrite(engine, partition, now));
        }
        return reads.thenCompose(ignored -> {
            List<PartitionUpdate> updates = new ArrayList<>(partitions.size());
            for (PartitionWrites.Partition partition : partitions) {
                PartitionUpdate update = partition.builder().build();
                checkSize(update, partition, maxMutationBytes);
                updates.add(update);
            }
            return storage.write(engines, updates);
        });
    }

    /** Runs the partition's deferred writes (list index operations) with the current cells they need. */
    static CompletableFuture<Void> readBeforeWrite(TableEngine engine, PartitionWrites.Partition partition, long now) {
        CompletableFuture<Void> reads = CompletableFuture.completedFuture(null);
        for (PartitionWrites.ReadBeforeWrite read : partition.reads()) {
            reads = reads.thenCompose(ignored -> currentCells(engine, partition, read, now)).thenAccept(read.write());
        }
        return reads;
    }

    private static CompletableFuture<List<Cell>> currentCells(TableEngine engine, PartitionWrites.Partition partition,
                                                              PartitionWrites.ReadBeforeWrite read, long now) {
        BitSet columns = new BitSet();
        columns.set(read.column());
        boolean isStatic = read.clustering().isStatic();
        ReadFilter filter = new ReadFilter(isStatic ? List.of() : List.of(Slice.exactly(read.clustering())), false, columns, isStatic);
        return engine.read(partition.key(), filter, now).thenApply(view -> {
            if (view == null) return List.of();
            Row row;
            if (isStatic) {
                row = view.staticRow();
            } else {
                Iterator<Row> rows = view.rows();
                row = rows.hasNext() ? rows.next() : null;
            }
            return row == null ? List.of() : List.copyOf(row.cellsOf(read.column()));
        });
    }

    static void checkSize(PartitionUpdate update, PartitionWrites.Partition partition, long max) {
        long size = update.key().key().remaining();
        if (update.staticRow() != null) size += sizeOf(update.staticRow());
        for (RowUpdate row : update.rows()) size += sizeOf(row);
        if (size > max) {
            throw new InvalidRequestException("Rejected an oversized mutation (" + size + "/" + max + ") for keyspace: "
                    + partition.table().keyspace() + ". Top keys and sizes: " + partition.table() + " " + size);
        }
    }

    private static long sizeOf(RowUpdate row) {
        long size = row.clustering().dataSize();
        for (Cell cell : row.cells()) size += cell.dataSize();
        return size;
    }

    /** As Cassandra: half a commitlog segment (a commitlog entry must fit), and no more than a client may send. */
    static long maxMutationBytes(ExecutionContext context) {
        ServerConfig config = context.server().config();
        long frame = (long) config.get(ServerConfig.NATIVE_TRANSPORT_MAX_FRAME_SIZE_IN_MB) << 20;
        long halfSegment = ((long) config.get(ServerConfig.COMMITLOG_SEGMENT_SIZE_IN_MB) << 20) / 2 - 1024; // entry framing
        return Math.min(frame, halfSegment);
    }
}
