package org.charybdis.server.index;

import org.charybdis.server.schema.PartitionKeys;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.storage.engine.PartitionScanner;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.TableEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Builds one index on one shard from the rows its table already holds: scans the table, writes the entries of
 * each partition through the shard's storage (commitlog, memtable), then marks the build finished in the index
 * table so a restart does not build again. Writes made meanwhile add their own entries; a row changed between
 * the scan and the entry write leaves at most a stale entry, which reads filter out.
 */
final class IndexBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(IndexBuilder.class);

    private IndexBuilder() {}

    /** Starts the build in the background on the calling shard; the index stays unqueryable until it ends. */
    static void start(ShardStorage storage, LocalIndex index) {
        index.state(LocalIndex.State.BUILDING);
        long now = System.currentTimeMillis() / 1000;
        index.engine().read(DecoratedKey.of(IndexedColumn.BUILT_KEY), ReadFilter.ALL, now).thenCompose(marker -> {
            boolean built = marker != null && marker.staticRow() != null;
            if (AttachedIndexTerms.of(index.definition()) != null || index.vectors() != null) {
                // cheap when built: only SSTables that a crash left without their terms or graphs (or damaged them) are read
                CompletableFuture<Void> attached = buildAttached(storage, index);
                return built ? attached : attached.thenCompose(ignored -> write(storage, index,
                        IndexEntries.builtMarker(System.currentTimeMillis() * 1000, System.currentTimeMillis() / 1000)));
            }
            if (built) return CompletableFuture.completedFuture(null);
            return scan(storage, index, now).thenCompose(ignored -> write(storage, index,
                    IndexEntries.builtMarker(System.currentTimeMillis() * 1000, System.currentTimeMillis() / 1000)));
        }).whenComplete((ignored, failure) -> {
            if (failure == null) {
                index.state(LocalIndex.State.BUILT);
            } else if (!index.isDropped()) {
                index.buildFailed();
                LOG.error("Building index {} on shard {} failed", index.definition().index().name(), storage.shardId(), AsyncLoop.unwrap(failure));
            }
        });
    }

    private static CompletableFuture<Void> buildAttached(ShardStorage storage, LocalIndex index) {
        TableEngine base = storage.table(index.definition().table().id());
        if (base == null) return CompletableFuture.failedFuture(new IllegalStateException("table of the index is gone"));
        UUID id = index.definition().index().id();
        return index.vectors() != null ? base.buildVectorIndex(id) : base.buildAttachedIndex(id);
    }

    /** Scans the base table, writing the index entries of each partition. */
    private static CompletableFuture<Void> scan(ShardStorage storage, LocalIndex index, long now) {
        TableEngine base = storage.table(index.definition().table().id());
        if (base == null) return CompletableFuture.failedFuture(new IllegalStateException("table of the index is gone"));
        PartitionScanner partitions = base.scan(TokenRange.FULL_RING, ReadFilter.ALL, now);
        return AsyncLoop.forEach(partitions::next, view -> {
            if (index.isDropped()) return CompletableFuture.failedFuture(new IllegalStateException("index dropped"));
            IndexEntries entries = entriesOf(index, view);
            if (entries.isEmpty()) return CompletableFuture.completedFuture(null);
            List<PartitionUpdate> updates = entries.updates();
            List<TableEngine> engines = new ArrayList<>(updates.size());
            for (int i = 0; i < updates.size(); i++) engines.add(index.engine());
            return storage.write(engines, updates);
        }).whenComplete((ignored, failure) -> partitions.close());
    }

    private static CompletableFuture<Void> write(ShardStorage storage, LocalIndex index, PartitionUpdate update) {
        if (index.isDropped()) return CompletableFuture.failedFuture(new IllegalStateException("index dropped"));
        return storage.write(List.of(index.engine()), List.of(update));
    }

    private static IndexEntries entriesOf(LocalIndex index, PartitionView view) {
        IndexedColumn definition = index.definition();
        IndexEntries entries = new IndexEntries();
        DecoratedKey key = view.key();
        ByteBuffer[] keyComponents = PartitionKeys.split(key.key(), definition.table().partitionKey().size());
        Row staticRow = view.staticRow();
        if (staticRow != null) definition.addEntries(entries, key, keyComponents, Clustering.STATIC, staticRow.liveness(), staticRow.cells());
        for (Iterator<Row> rows = view.rows(); rows.hasNext(); ) {
            Row row = rows.next();
            definition.addEntries(entries, key, keyComponents, row.clustering(), row.liveness(), row.cells());
        }
        return entries;
    }
}
