package org.charybdis.server.view;

import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.engine.ForwardSender;
import org.charybdis.storage.engine.ForwardedUpdate;
import org.charybdis.storage.engine.PartitionSequencer;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.TableEngine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A base write with its views' updates, on the base partition's owning shard: in the partition's turn, reads the base
 * rows the write touches, computes the view updates ({@link ViewUpdates}), then writes the base updates and the view
 * updates whose view partition this shard owns in one commitlog entry, and sends the others to their shards.
 */
final class ViewWrites {
    /** One view partition's update. */
    record ViewUpdate(TableMetadata view, PartitionUpdate update) {}

    private final Database database;
    private final MaterializedViews registry;

    ViewWrites(Database database, MaterializedViews registry) {
        this.database = database;
        this.registry = registry;
    }

    /** {@code forwarded}: updates of other shards' partitions to log with the write and send to their owners after it. */
    CompletableFuture<Void> write(ShardStorage storage, List<TableEngine> engines, List<PartitionUpdate> updates, List<ForwardedUpdate> forwarded,
                                  long now, boolean inTurn) {
        ShardViews views = registry.shard(storage.shardId());
        List<Integer> withViews = new ArrayList<>();
        for (int i = 0; i < engines.size(); i++) if (!views.of(engines.get(i).layout().tableId()).isEmpty()) withViews.add(i);
        if (withViews.isEmpty() && forwarded.isEmpty()) return storage.write(engines, updates);
        if (withViews.isEmpty()) return send(storage, List.of(), forwarded, new ArrayList<>(engines), new ArrayList<>(updates));
        Supplier<CompletableFuture<Void>> readAndWrite = () -> readAndWrite(storage, views, engines, updates, forwarded, withViews, now);
        if (inTurn) return readAndWrite.get();
        // turns taken in one global order, so two batches over the same partitions never wait for each other
        withViews.sort(Comparator.comparing((Integer i) -> engines.get(i).layout().tableId())
                .thenComparing(i -> updates.get(i).key().token()).thenComparing(i -> updates.get(i).key().key()));
        return inTurns(storage.sequencer(), engines, updates, withViews, 0, readAndWrite);
    }

    private static CompletableFuture<Void> inTurns(PartitionSequencer sequencer, List<TableEngine> engines, List<PartitionUpdate> updates,
                                                   List<Integer> order, int next, Supplier<CompletableFuture<Void>> body) {
        if (next == order.size()) return body.get();
        int i = order.get(next);
        return sequencer.run(engines.get(i).layout().tableId(), updates.get(i).key(),
                () -> inTurns(sequencer, engines, updates, order, next + 1, body));
    }

    private CompletableFuture<Void> readAndWrite(ShardStorage storage, ShardViews views, List<TableEngine> engines, List<PartitionUpdate> updates,
                                                 List<ForwardedUpdate> forwarded, List<Integer> withViews, long now) {
        List<ViewUpdate> viewUpdates = new ArrayList<>();
        CompletableFuture<Void> reads = CompletableFuture.completedFuture(null);
        for (int i : withViews) {
            TableEngine engine = engines.get(i);
            PartitionUpdate update = updates.get(i);
            if (update.rows().isEmpty() && !ViewUpdates.readsWholePartition(update)) continue; // static columns only: no view holds them
            reads = reads.thenCompose(ignored -> engine.read(update.key(), touched(update), now)).thenAccept(before -> {
                ViewUpdates computed = new ViewUpdates(views.of(engine.layout().tableId()), engine.layout(), now);
                computed.add(update, ViewUpdates.rowsOf(before));
                for (Map.Entry<ViewRow, List<PartitionUpdate>> entry : computed.updates().entrySet()) {
                    for (PartitionUpdate viewUpdate : entry.getValue()) viewUpdates.add(new ViewUpdate(entry.getKey().view(), viewUpdate));
                }
            });
        }
        return reads.thenCompose(ignored -> send(storage, viewUpdates, forwarded, new ArrayList<>(engines), new ArrayList<>(updates)));
    }

    /** What the base write may change: its rows, or the whole partition when it deletes the partition or ranges of it. */
    private static ReadFilter touched(PartitionUpdate update) {
        if (ViewUpdates.readsWholePartition(update)) return ReadFilter.ALL;
        List<Slice> slices = new ArrayList<>();
        for (RowUpdate row : update.rows()) slices.add(Slice.exactly(row.clustering()));
        return new ReadFilter(slices, false, null, false);
    }

    /**
     * Writes {@code updates} to {@code engines} together with every view update in one commitlog entry (those of view
     * partitions other shards own as {@link ForwardedUpdate}s, which the storage then sends through {@link #sendToOwners}
     * and replay sends again), applying the base updates and the view updates this shard owns. {@code alsoForwarded}
     * (updates already addressed to other shards, a trigger's) join the view updates sent. Views dropped meanwhile are
     * skipped.
     */
    CompletableFuture<Void> send(ShardStorage storage, List<ViewUpdate> viewUpdates, List<ForwardedUpdate> alsoForwarded,
                                 List<TableEngine> engines, List<PartitionUpdate> updates) {
        List<ForwardedUpdate> forwarded = new ArrayList<>(alsoForwarded);
        for (ViewUpdate viewUpdate : viewUpdates) {
            if (database.shardOf(viewUpdate.update().key()) != storage.shardId()) {
                forwarded.add(new ForwardedUpdate(viewUpdate.view().id(), viewUpdate.update()));
                continue;
            }
            TableEngine engine = storage.table(viewUpdate.view().id());
            if (engine == null) continue;
            engines.add(engine);
            updates.add(viewUpdate.update());
        }
        return engines.isEmpty() && forwarded.isEmpty() ? CompletableFuture.completedFuture(null)
                : storage.write(engines, updates, forwarded);
    }

    /**
     * Every shard's {@link ForwardSender}: applies forwarded view updates on the shards owning their partitions, each
     * owner logging its own; the sent updates are durable once every owner's write is, and synced once every owner's
     * log is fsynced past them. Both complete on the calling shard.
     */
    ForwardSender.Sent sendToOwners(List<ForwardedUpdate> forwarded) {
        List<List<ForwardedUpdate>> byShard = new ArrayList<>();
        for (int i = 0; i < database.shardCount(); i++) byShard.add(new ArrayList<>());
        for (ForwardedUpdate update : forwarded) byShard.get(database.shardOf(update.update().key())).add(update);
        List<CompletableFuture<Void>> durable = new ArrayList<>();
        List<CompletableFuture<Void>> synced = new ArrayList<>();
        for (int shard = 0; shard < byShard.size(); shard++) {
            List<ForwardedUpdate> theirs = byShard.get(shard);
            if (theirs.isEmpty()) continue;
            int owner = shard;
            CompletableFuture<Void> written = database.onShardAsync(owner, storage -> write(storage, theirs));
            durable.add(written);
            synced.add(written.thenCompose(ignored -> database.onShardAsync(owner, ShardStorage::awaitSynced)));
        }
        return new ForwardSender.Sent(CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)),
                CompletableFuture.allOf(synced.toArray(CompletableFuture[]::new)));
    }

    /** On the owning shard: its share of the forwarded updates, as one write; those of views dropped meanwhile are skipped. */
    private static CompletableFuture<Void> write(ShardStorage owner, List<ForwardedUpdate> updates) {
        List<TableEngine> engines = new ArrayList<>();
        List<PartitionUpdate> partitionUpdates = new ArrayList<>();
        for (ForwardedUpdate update : updates) {
            TableEngine engine = owner.table(update.tableId());
            if (engine == null) continue;
            engines.add(engine);
            partitionUpdates.add(update.update());
        }
        return engines.isEmpty() ? CompletableFuture.completedFuture(null) : owner.write(engines, partitionUpdates);
    }
}
