package org.charybdis.server.snapshot;

import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.server.api.BadAdminRequest;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.TableLayouts;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.lsm.DataDirectory;
import org.charybdis.storage.engine.UploadedData;
import org.charybdis.storage.lsm.UploadedSSTable;
import org.charybdis.storage.rocks.UploadedRocksFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntUnaryOperator;

/**
 * {@code nodetool refresh}: loads the SSTables a user put in a table's upload directory
 * ({@code <data>/<keyspace>/<table>-<id>/upload/}, at any depth, so a snapshot's {@code shard-<n>} directories can be
 * copied in whole). Their partitions may belong to any shard, as a snapshot taken with another shard count holds them,
 * so each shard reads a share of the SSTables and writes every partition again through its owner's write path
 * (commitlog, memtable: timestamps, TTLs and deletions as stored, indexes and materialized views updated). Then the table is flushed, and the
 * loaded files are deleted from the upload directory. Column ids are mapped by name through the nearest
 * {@code manifest.json} of a snapshot; SSTables without one are taken to use the table's own ids.
 */
public final class TableRefresh {
    /** Partitions a reading shard has on their way to their owners at once: enough to keep every shard busy, little memory. */
    private static final int PARTITIONS_IN_FLIGHT = 32;

    /** What a refresh did. */
    public record Result(String keyspace, String table, String uploadDirectory, int sstables, long partitions) {}

    /**
     * An uploaded file (an SSTable of ours, or a RocksDB table's SST file) and how its column ids map to the table's.
     * {@code file} is what errors name.
     */
    private record Planned(Path file, Opener opener, Deleter deleter, IntUnaryOperator columns, Path manifest) {}

    @FunctionalInterface
    private interface Opener {
        CompletableFuture<UploadedData> open(TableLayout layout, IntUnaryOperator columns);
    }

    @FunctionalInterface
    private interface Deleter {
        void delete() throws IOException;
    }

    private final Database database;
    private final SnapshotControl snapshots;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();

    public TableRefresh(Database database, SnapshotControl snapshots) {
        this.database = database;
        this.snapshots = snapshots;
    }

    /** Loads the table's uploaded SSTables; answers once their data is in the table's SSTables. */
    public CompletableFuture<Result> load(TableMetadata table) {
        String name = table.keyspace() + "." + table.name();
        if (!running.add(table.id())) return CompletableFuture.failedFuture(new BadAdminRequest("A refresh of " + name + " is already running"));
        Path upload = DataDirectory.upload(snapshots.tableDirectory(table));
        return MaintenanceFiles.run(database, () -> plan(upload, table))
                .thenCompose(planned -> loadOnShards(planned, table)
                        .thenCompose(partitions -> flush(table).thenApply(ignored -> partitions))
                        .thenCompose(partitions -> MaintenanceFiles.run(database, () -> {
                            removeLoaded(upload, planned);
                            return new Result(table.keyspace(), table.name(), upload.toString(), planned.size(), partitions);
                        })))
                .whenComplete((result, failure) -> running.remove(table.id()));
    }

    /** Finds the uploaded SSTables and the manifest each one's columns are read by. Blocking. */
    private static List<Planned> plan(Path upload, TableMetadata table) throws IOException {
        List<Planned> planned = new ArrayList<>();
        for (UploadedSSTable.Location location : UploadedSSTable.find(upload)) {
            Path data = location.files().path(org.charybdis.storage.sstable.Component.DATA);
            planned.add(plan(location.directory(), data, (layout, columns) -> UploadedSSTable.open(location, layout, columns, Shard.current().io())
                    .thenApply(sstable -> sstable), () -> location.files().delete(), upload, table));
        }
        for (Path file : UploadedRocksFile.find(upload)) { // a RocksDB table's snapshot
            planned.add(plan(file.getParent(), file, (layout, columns) -> UploadedRocksFile.open(file, layout, columns),
                    () -> Files.deleteIfExists(file), upload, table));
        }
        return planned;
    }

    private static Planned plan(Path directory, Path file, Opener opener, Deleter deleter, Path upload, TableMetadata table) throws IOException {
        Path manifest = nearestManifest(directory, upload);
        IntUnaryOperator columns = manifest == null ? ownColumnIds(table) : SnapshotManifest.read(manifest).columnIdsIn(table);
        return new Planned(file, opener, deleter, columns, manifest);
    }

    private static Path nearestManifest(Path directory, Path upload) {
        for (Path d = directory; d != null && d.startsWith(upload); d = d.getParent()) {
            Path manifest = d.resolve(SnapshotManifest.FILE);
            if (Files.isRegularFile(manifest)) return manifest;
        }
        return null;
    }

    /** SSTables of this very table (its backups, a snapshot without its manifest): ids as they are, unknown ones left out. */
    private static IntUnaryOperator ownColumnIds(TableMetadata table) {
        Set<Integer> ids = new HashSet<>();
        for (ColumnMetadata column : table.regularAndStatic()) ids.add(column.id());
        return id -> ids.contains(id) ? id : -1;
    }

    /** Each shard reads every shard-count-th SSTable; completes with the partitions read. */
    private CompletableFuture<Long> loadOnShards(List<Planned> planned, TableMetadata table) {
        int shards = database.shardCount();
        List<CompletableFuture<Long>> loads = new ArrayList<>();
        for (int shard = 0; shard < shards && shard < planned.size(); shard++) {
            List<Planned> share = new ArrayList<>();
            for (int i = shard; i < planned.size(); i += shards) share.add(planned.get(i));
            loads.add(database.onShardAsync(shard, ShardRuntime.MAINTENANCE, storage -> loadAll(share, table)));
        }
        return CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            long partitions = 0;
            for (CompletableFuture<Long> load : loads) partitions += load.join();
            return partitions;
        });
    }

    /** On the reading shard: its SSTables one after the other. */
    private CompletableFuture<Long> loadAll(List<Planned> share, TableMetadata table) {
        TableLayout layout = TableLayouts.of(table);
        CompletableFuture<Long> total = CompletableFuture.completedFuture(0L);
        for (Planned sstable : share) total = total.thenCompose(sum -> loadOne(sstable, layout).thenApply(n -> sum + n));
        return total;
    }

    private CompletableFuture<Long> loadOne(Planned sstable, TableLayout layout) {
        return sstable.opener().open(layout, sstable.columns())
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(new BadAdminRequest("Cannot load the uploaded SSTable "
                        + sstable.file() + ": " + AsyncLoop.unwrap(failure).getMessage()
                        + ". Nothing was removed from the upload directory; remove or replace that SSTable and refresh again"
                        + " (loading an SSTable twice does no harm)")))
                .thenCompose(upload -> {
                    long[] partitions = {0};
                    ArrayDeque<CompletableFuture<Void>> writing = new ArrayDeque<>(); // this shard's own: completions come back here
                    return AsyncLoop.until(() -> upload.next().thenCompose(updates -> {
                        if (updates == null) return CompletableFuture.allOf(writing.toArray(CompletableFuture[]::new)).thenApply(ignored -> true);
                        partitions[0]++;
                        writing.add(writeToOwners(updates, layout));
                        return writing.size() < PARTITIONS_IN_FLIGHT ? CompletableFuture.completedFuture(false) : writing.poll().thenApply(ignored -> false);
                    })).whenComplete((v, e) -> upload.close()).thenApply(ignored -> partitions[0]);
                });
    }

    /** One partition's updates, each through the write path of the shard owning the partition. */
    private CompletableFuture<Void> writeToOwners(List<PartitionUpdate> updates, TableLayout layout) {
        List<CompletableFuture<Void>> writes = new ArrayList<>(updates.size());
        for (PartitionUpdate update : updates) writes.add(database.onOwnerAsync(update.key(), storage -> write(storage, layout, update)));
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    /** A write of the table's own: its materialized views follow, as they follow a client's. */
    private CompletableFuture<Void> write(ShardStorage storage, TableLayout layout, PartitionUpdate update) {
        TableEngine engine = storage.table(layout.tableId());
        if (engine == null) return CompletableFuture.failedFuture(new BadAdminRequest("Table " + layout.qualifiedName() + " was dropped during the refresh"));
        return database.views().write(storage, List.of(engine), List.of(update), System.currentTimeMillis() / 1000);
    }

    private CompletableFuture<Void> flush(TableMetadata table) {
        return database.onAllShardsAsync(ShardRuntime.MAINTENANCE, storage -> storage.flush(layout -> layout.tableId().equals(table.id())))
                .thenApply(ignored -> null);
    }

    /** Deletes the loaded SSTables, the manifests and schemas that came with them, and directories left empty. Blocking. */
    private static void removeLoaded(Path upload, List<Planned> loaded) throws IOException {
        for (Planned sstable : loaded) {
            sstable.deleter().delete();
            if (sstable.manifest() != null) {
                Files.deleteIfExists(sstable.manifest());
                Files.deleteIfExists(sstable.manifest().resolveSibling(SnapshotControl.SCHEMA_FILE));
            }
        }
        if (!Files.isDirectory(upload)) return;
        try (var walk = Files.walk(upload)) {
            for (Path directory : walk.filter(Files::isDirectory).sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (directory.equals(upload)) continue;
                try (var entries = Files.list(directory)) {
                    if (entries.findAny().isEmpty()) Files.delete(directory);
                }
            }
        }
    }
}
