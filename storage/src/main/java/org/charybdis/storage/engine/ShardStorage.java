package org.charybdis.storage.engine;

import org.charybdis.storage.data.PartitionUpdate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The tables of one shard, by table id. Owned by the shard's thread, like the engines it holds. */
public final class ShardStorage implements AutoCloseable {
    private final int shardId;
    private final StorageEngineFactory factory;
    private final Map<UUID, TableEngine> tables = new HashMap<>();
    private final WriteLog log;
    private final PartitionSequencer sequencer = new PartitionSequencer();
    private DerivedWrites derivedWrites;
    private ForwardSender forwardSender = ForwardSender.NONE;

    public ShardStorage(int shardId, StorageEngineFactory factory) {
        this.shardId = shardId;
        this.factory = factory;
        this.log = factory.writeLog(shardId);
    }

    public int shardId() { return shardId; }

    /** Orders read-check-write operations (lightweight transactions) per partition of this shard. */
    public PartitionSequencer sequencer() { return sequencer; }

    /** Sets what every {@link #write} adds to its mutation (secondary index entries); null for nothing. */
    public void derivedWrites(DerivedWrites derived) {
        this.derivedWrites = derived;
    }

    /** Sets how the {@link ForwardedUpdate}s of {@link #write(List, List, List)} and of the replay reach their owners. */
    public void forwardSender(ForwardSender sender) {
        this.forwardSender = sender;
    }

    /** Creates the table's engine; fails if the table already exists on this shard. */
    public TableEngine createTable(TableLayout layout) {
        if (tables.containsKey(layout.tableId()))
            throw new IllegalStateException("table " + layout.qualifiedName() + " already exists on shard " + shardId);
        TableEngine engine = factory.create(shardId, layout);
        tables.put(layout.tableId(), engine);
        return engine;
    }

    /** The table's engine, or null if the table does not exist on this shard. */
    public TableEngine table(UUID tableId) {
        return tables.get(tableId);
    }

    /** Applies an ALTER TABLE to the table's engine. */
    public void updateLayout(TableLayout layout) {
        TableEngine engine = tables.get(layout.tableId());
        if (engine == null) throw new IllegalStateException("no table " + layout.qualifiedName() + " on shard " + shardId);
        engine.updateLayout(layout);
    }

    /** Closes and removes the table's engine and its data; returns false if there was no such table. */
    public boolean dropTable(UUID tableId) {
        TableEngine engine = tables.remove(tableId);
        if (engine == null) return false;
        TableLayout layout = engine.layout();
        engine.close();
        factory.destroy(shardId, layout);
        return true;
    }

    /**
     * Applies one shard's share of a mutation: {@code updates.get(i)} to {@code engines.get(i)}. Completes
     * when the write is as durable as the shard's storage promises (for the LSM engine: in the commitlog,
     * fsynced in batch mode); then the write is visible to reads.
     */
    public CompletableFuture<Void> write(List<TableEngine> engines, List<PartitionUpdate> updates) {
        return write(engines, updates, List.of());
    }

    /**
     * Like {@link #write(List, List)}, with updates other shards own recorded in the same commitlog entry but not applied
     * here: once the entry is durable they are sent to their shards (see {@link ForwardedUpdate}), and the write completes
     * when they are durable there too. The entry stays in the log until they are fsynced there, whatever is flushed meanwhile.
     */
    public CompletableFuture<Void> write(List<TableEngine> engines, List<PartitionUpdate> updates, List<ForwardedUpdate> forwarded) {
        if (engines.size() != updates.size()) throw new IllegalArgumentException(engines.size() + " engines for " + updates.size() + " updates");
        if (derivedWrites != null) {
            int count = engines.size();
            engines = new ArrayList<>(engines);
            updates = new ArrayList<>(updates);
            derivedWrites.addTo(engines, updates, count);
        }
        List<TableEngine> allEngines = engines;
        List<PartitionUpdate> allUpdates = updates;
        // applied as soon as logged, in the same task, so a memtable switch never separates a write from its position
        return log.append(allEngines, allUpdates, forwarded).thenCompose(position -> {
            for (int i = 0; i < allEngines.size(); i++) allEngines.get(i).apply(allUpdates.get(i), position);
            CompletableFuture<Void> durable = log.awaitDurable(position);
            if (forwarded.isEmpty()) return durable;
            return durable.thenCompose(ignored -> {
                ForwardSender.Sent sent = forwardSender.send(forwarded);
                sent.synced().thenRun(() -> log.forwardsSynced(position)); // failed: kept until a restart sends them again
                return sent.durable();
            });
        });
    }

    /**
     * Start-up, after the commitlog replay: sends the forwarded updates the replay found to their owners again (they
     * may or may not have logged them before the stop); completes once they are durable there. The replayed segments
     * are kept until they are fsynced there, so a crash or power loss meanwhile replays them once more.
     */
    public CompletableFuture<Void> resendReplayedForwards() {
        List<ForwardedUpdate> replayed = log.takeReplayedForwards();
        if (replayed.isEmpty()) return CompletableFuture.completedFuture(null);
        ForwardSender.Sent sent = forwardSender.send(replayed);
        sent.synced().thenRun(log::replayedForwardsSynced);
        return sent.durable();
    }

    /** Completes once everything this shard logged so far is fsynced, whatever the sync mode (see {@link WriteLog#awaitSynced}). */
    public CompletableFuture<Void> awaitSynced() {
        return log.awaitSynced();
    }

    /** Flushes the memtables of every table {@code which} selects; completes when their data is on disk. */
    public CompletableFuture<Void> flush(Predicate<TableLayout> which) {
        return forEach(which, TableEngine::flush);
    }

    /** Major compaction of every table {@code which} selects. */
    public CompletableFuture<Void> compact(Predicate<TableLayout> which) {
        return forEach(which, TableEngine::compact);
    }

    /** Scrubs every table {@code which} selects, one after the other; completes with what was found. */
    public CompletableFuture<ScrubResult> scrub(Predicate<TableLayout> which, ScrubMode mode) {
        return oneAfterAnother(which, engine -> engine.scrub(mode), ScrubResult.NONE, ScrubResult::plus);
    }

    /** Verifies the checksums of every selected table's SSTables, one table after the other. */
    public CompletableFuture<VerifyResult> verify(Predicate<TableLayout> which) {
        return oneAfterAnother(which, TableEngine::verify, VerifyResult.NONE, VerifyResult::plus);
    }

    /** Rewrites the selected tables' SSTables one by one (see {@link TableEngine#rewriteSSTables}); completes with how many. */
    public CompletableFuture<Integer> rewriteSSTables(Predicate<TableLayout> which, boolean all) {
        return oneAfterAnother(which, engine -> engine.rewriteSSTables(all), 0, Integer::sum);
    }

    /** Turns background compactions of the selected tables on or off. */
    public void autoCompaction(Predicate<TableLayout> which, boolean enabled) {
        for (TableEngine engine : tables.values()) {
            if (which.test(engine.layout())) engine.autoCompaction(enabled);
        }
    }

    /** Quarantines the SSTable this file belongs to, if one of this shard's tables has it; true if one did. */
    public boolean quarantine(java.nio.file.Path file) {
        for (TableEngine engine : List.copyOf(tables.values())) {
            if (engine.quarantine(file)) return true;
        }
        return false;
    }

    /** Flushes, then hard-links the files of every selected table under the snapshot's tag. */
    public CompletableFuture<Void> snapshot(Predicate<TableLayout> which, String tag) {
        return forEach(which, engine -> engine.snapshot(tag));
    }

    /** Drain: everything flushed, the log synced and closed; later writes fail. */
    public CompletableFuture<Void> drain() {
        return flush(layout -> true).thenCompose(ignored -> log.drain());
    }

    /** The operation on each selected table in turn (they read whole tables: one at a time), the results summed. */
    private <R> CompletableFuture<R> oneAfterAnother(Predicate<TableLayout> which, Function<TableEngine, CompletableFuture<R>> operation,
                                                     R none, java.util.function.BinaryOperator<R> plus) {
        CompletableFuture<R> total = CompletableFuture.completedFuture(none);
        for (TableEngine engine : List.copyOf(tables.values())) {
            if (which.test(engine.layout())) total = total.thenCompose(sum -> operation.apply(engine).thenApply(r -> plus.apply(sum, r)));
        }
        return total;
    }

    private CompletableFuture<Void> forEach(Predicate<TableLayout> which, Function<TableEngine, CompletableFuture<Void>> action) {
        List<CompletableFuture<Void>> parts = new ArrayList<>();
        for (TableEngine engine : List.copyOf(tables.values())) {
            if (which.test(engine.layout())) parts.add(action.apply(engine));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new));
    }

    public Collection<TableEngine> tables() {
        return Collections.unmodifiableCollection(tables.values());
    }

    @Override
    public void close() {
        for (TableEngine engine : tables.values()) engine.close();
        tables.clear();
    }
}
