package org.charybdis.server.service;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.server.index.vector.VectorIndexes;
import org.charybdis.server.trigger.Triggers;
import org.charybdis.server.view.MaterializedViews;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.ForwardedUpdate;
import org.charybdis.storage.engine.PartitionSequencer;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.TableEngine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;

/**
 * The owning shard's side of a write: checks every table still exists, lets a lightweight transaction or counter
 * write running on one of the partitions finish first, does the reads some list operations need, then writes the
 * partitions at once through the shard's storage (commitlog, memtables). Counter partitions each run in their own
 * turn of the partition sequencer (see {@link CounterWrites}). Runs on the owning shard's thread.
 */
final class ReplicaWrites {
    private ReplicaWrites() {}

    /** What a write adds to itself: its tables' views' updates, its triggers' mutations, sent to other shards by key. */
    record Writers(MaterializedViews views, Triggers triggers, ToIntFunction<DecoratedKey> shardOf) {}

    /** Applies one shard's share of a write; {@code counters} says whether they are counter-table partitions. */
    static CompletableFuture<Void> apply(ShardStorage storage, Writers writers, List<PartitionWrites.Partition> partitions, boolean counters,
                                         long now, long maxMutationBytes, Deadline deadline) {
        deadline.check(); // a write still queued past its deadline is dropped, never applied late
        List<TableEngine> engines = engines(storage, partitions);
        if (counters) {
            TriggeredWrites.checkCounters(writers.triggers(), partitions, now);
            List<CompletableFuture<Void>> parts = new ArrayList<>(partitions.size());
            for (int i = 0; i < partitions.size(); i++) {
                PartitionWrites.Partition partition = partitions.get(i);
                TableEngine engine = engines.get(i);
                parts.add(storage.sequencer().run(partition.table().id(), partition.key(), () -> {
                    deadline.check();
                    return CounterWrites.apply(storage, engine, partition, now, maxMutationBytes);
                }));
            }
            return parts.size() == 1 ? parts.getFirst() : CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new));
        }
        PartitionSequencer sequencer = storage.sequencer();
        if (sequencer.isIdle()) return readAndWrite(storage, writers, engines, partitions, now, maxMutationBytes, deadline);
        List<CompletableFuture<Void>> turns = new ArrayList<>(partitions.size());
        for (PartitionWrites.Partition partition : partitions) turns.add(sequencer.drained(partition.table().id(), partition.key()));
        return CompletableFuture.allOf(turns.toArray(CompletableFuture[]::new))
                .thenCompose(ignored -> readAndWrite(storage, writers, engines, partitions, now, maxMutationBytes, deadline));
    }

    /** The engine of each partition's table on this shard; InvalidRequest when one was dropped meanwhile. */
    static List<TableEngine> engines(ShardStorage storage, List<PartitionWrites.Partition> partitions) {
        List<TableEngine> engines = new ArrayList<>(partitions.size());
        for (PartitionWrites.Partition partition : partitions) {
            TableEngine engine = storage.table(partition.table().id());
            if (engine == null) {
                throw new InvalidRequestException("Table " + partition.table() + " was dropped while the write was running");
            }
            engines.add(engine);
        }
        return engines;
    }

    private static CompletableFuture<Void> readAndWrite(ShardStorage storage, Writers writers, List<TableEngine> engines,
                                                        List<PartitionWrites.Partition> partitions, long now, long maxMutationBytes,
                                                        Deadline deadline) {
        CompletableFuture<Void> reads = CompletableFuture.completedFuture(null);
        for (int i = 0; i < partitions.size(); i++) {
            PartitionWrites.Partition partition = partitions.get(i);
            TableEngine engine = engines.get(i);
            if (!partition.reads().isEmpty()) reads = reads.thenCompose(ignored -> readBeforeWrite(engine, partition, now));
        }
        return reads.thenCompose(ignored -> {
            deadline.check(); // the last checkpoint: once in the commitlog, a write completes
            List<PartitionUpdate> updates = new ArrayList<>(partitions.size());
            for (PartitionWrites.Partition partition : partitions) {
                PartitionUpdate update = partition.builder().build();
                checkSize(update, partition, maxMutationBytes);
                VectorIndexes.checkWrite(partition.table(), update);
                updates.add(update);
            }
            List<ForwardedUpdate> forwarded = TriggeredWrites.add(writers.triggers(), writers.shardOf(), storage, partitions, engines, updates, now);
            return writers.views().write(storage, engines, updates, forwarded, now); // with the views' updates, when the tables have views
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
}
