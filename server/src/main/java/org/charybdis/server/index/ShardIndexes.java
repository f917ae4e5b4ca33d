package org.charybdis.server.index;

import org.charybdis.scheduler.Shard;
import org.charybdis.server.index.vector.VectorIndexes;
import org.charybdis.server.schema.IndexMetadata;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.PartitionKeys;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.engine.DerivedWrites;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.sai.AttachedIndex;
import org.charybdis.storage.vector.VectorIndex;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The secondary indexes of one shard: their hidden tables, kept in line with the schema, and the entries every
 * write to an indexed table adds (in the same commitlog entry as the write). Owned by the shard's thread.
 */
public final class ShardIndexes implements DerivedWrites {
    private final Map<UUID, LocalIndex> byId = new HashMap<>();
    private Map<UUID, List<LocalIndex>> byTable = Map.of();
    private ShardStorage storage;
    private boolean buildsEnabled;

    /** The index with this id on this shard, or null when it does not exist (dropped). */
    public LocalIndex index(UUID indexId) {
        return byId.get(indexId);
    }

    /**
     * Makes this shard's index tables match the schema (storage-attached and vector indexes keep only their build
     * marker there; their terms and graphs live beside the base table's memtables and SSTables): creates the tables of new indexes (and builds them once
     * builds are enabled), drops those of dropped indexes and tables. Runs on the shard, after its base tables
     * were brought in line.
     */
    public void sync(ShardStorage shardStorage, Schema next) {
        this.storage = shardStorage;
        Map<UUID, List<LocalIndex>> tables = new HashMap<>();
        Map<UUID, LocalIndex> kept = new HashMap<>();
        for (KeyspaceMetadata ks : next.keyspaces().values()) {
            for (TableMetadata table : ks.tables().values()) {
                List<AttachedIndex> attached = new ArrayList<>();
                List<VectorIndex> vectors = new ArrayList<>();
                for (IndexMetadata index : table.indexes().values()) {
                    IndexedColumn definition = new IndexedColumn(table, index);
                    AttachedIndexTerms terms = AttachedIndexTerms.of(definition);
                    if (terms != null) attached.add(terms.attachedIndex());
                    VectorIndex vector = VectorIndexes.attachedOf(table, index);
                    if (vector != null) vectors.add(vector);
                    LocalIndex local = byId.get(index.id());
                    if (local == null) {
                        local = new LocalIndex(definition, storage.createTable(definition.layout()), vector);
                        if (buildsEnabled) IndexBuilder.start(storage, local);
                    } else {
                        local.definition(definition);
                    }
                    kept.put(index.id(), local);
                    // a vector index answers ANN queries only, from the base table's engine: it needs no entries
                    if (terms == null && vector == null) tables.computeIfAbsent(table.id(), id -> new ArrayList<>()).add(local);
                }
                TableEngine base = storage.table(table.id());
                if (base != null) {
                    base.attachIndexes(attached);
                    base.attachVectorIndexes(vectors);
                }
            }
        }
        for (Map.Entry<UUID, LocalIndex> entry : byId.entrySet()) {
            if (kept.containsKey(entry.getKey())) continue;
            entry.getValue().state(LocalIndex.State.DROPPED);
            storage.dropTable(entry.getKey());
        }
        byId.clear();
        byId.putAll(kept);
        byTable = tables;
    }

    /**
     * Completes on this shard when the index's build ended, or after {@code timeoutSeconds} (then it goes on in
     * the background): CREATE INDEX waits so that the index usually answers at once.
     */
    public CompletableFuture<Void> awaitBuilt(UUID indexId, long timeoutSeconds) {
        LocalIndex index = byId.get(indexId);
        if (index == null || index.isBuilt()) return CompletableFuture.completedFuture(null);
        CompletableFuture<Void> waited = new CompletableFuture<>();
        index.buildEnded().whenComplete((ignored, failure) -> waited.complete(null));
        Shard shard = Shard.current();
        if (shard != null) shard.schedule(shard.currentGroup(), timeoutSeconds, TimeUnit.SECONDS, () -> waited.complete(null));
        return waited;
    }

    /** Start-up, once the commitlog is replayed: builds every index whose build did not finish before. */
    public void enableBuilds() {
        buildsEnabled = true;
        for (LocalIndex index : byId.values()) {
            if (index.state() == LocalIndex.State.WAITING) IndexBuilder.start(storage, index);
        }
    }

    @Override
    public void addTo(List<TableEngine> engines, List<PartitionUpdate> updates, int count) {
        if (byTable.isEmpty()) return;
        for (int i = 0; i < count; i++) {
            List<LocalIndex> indexes = byTable.get(engines.get(i).layout().tableId());
            if (indexes == null) continue;
            PartitionUpdate update = updates.get(i);
            for (LocalIndex index : indexes) {
                IndexEntries entries = entriesOf(index.definition(), update);
                for (PartitionUpdate entry : entries.updates()) {
                    engines.add(index.engine());
                    updates.add(entry);
                }
            }
        }
    }

    private static IndexEntries entriesOf(IndexedColumn definition, PartitionUpdate update) {
        IndexEntries entries = new IndexEntries();
        ByteBuffer[] keyComponents = PartitionKeys.split(update.key().key(), definition.table().partitionKey().size());
        RowUpdate staticRow = update.staticRow();
        if (staticRow != null) {
            definition.addEntries(entries, update.key(), keyComponents, Clustering.STATIC, staticRow.liveness(), staticRow.cells());
        }
        for (RowUpdate row : update.rows()) {
            definition.addEntries(entries, update.key(), keyComponents, row.clustering(), row.liveness(), row.cells());
        }
        return entries;
    }
}
