package org.charybdis.server.snapshot;

import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.server.api.BadAdminRequest;
import org.charybdis.server.cql.statements.describe.TableSchemaCql;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableLayouts;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.file.DurableFiles;
import org.charybdis.storage.lsm.DataDirectory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Takes, lists and clears snapshots (ScyllaDB's snapshot_ctl). Taking one flushes and hard-links each selected table's
 * SSTables on every shard ({@code snapshots/<tag>/shard-<n>}), then writes the table's {@code schema.cql} and
 * {@code manifest.json} beside them, so the snapshot alone can recreate and refill the table.
 */
public final class SnapshotControl {
    static final String SCHEMA_FILE = "schema.cql";

    private final Database database;
    private final Supplier<Schema> schema;
    private final DataDirectory data;

    public SnapshotControl(Database database, Supplier<Schema> schema, Path dataDirectory) {
        this.database = database;
        this.schema = schema;
        this.data = new DataDirectory(dataDirectory);
    }

    /** Snapshots the selected tables under the tag; a tag one of them already has is refused. */
    public CompletableFuture<Void> take(Predicate<TableLayout> which, String tag) {
        Schema now = schema.get();
        List<TableMetadata> tables = new ArrayList<>();
        for (KeyspaceMetadata keyspace : now.keyspaces().values()) {
            for (TableMetadata table : keyspace.tables().values()) if (which.test(TableLayouts.of(table))) tables.add(table);
        }
        return take(now, tables, tag);
    }

    /** Snapshots one table under the tag (auto_snapshot before a TRUNCATE). */
    CompletableFuture<Void> take(TableMetadata table, String tag) {
        return take(schema.get(), List.of(table), tag);
    }

    /** Snapshots one table of {@code now}, a schema that may be on its way out (auto_snapshot before a DROP). */
    CompletableFuture<Void> take(Schema now, TableMetadata table, String tag) {
        return take(now, List.of(table), tag);
    }

    private CompletableFuture<Void> take(Schema now, List<TableMetadata> tables, String tag) {
        Set<UUID> ids = new HashSet<>();
        for (TableMetadata table : tables) ids.add(table.id());
        return files(() -> {
            for (TableMetadata table : tables) {
                if (Files.exists(snapshotDirectory(table, tag))) {
                    throw new BadAdminRequest("Snapshot '" + tag + "' of " + table.keyspace() + "." + table.name()
                            + " already exists: choose another tag, or clear it first");
                }
            }
            return null;
        }).thenCompose(ignored -> database.onAllShardsAsync(ShardRuntime.MAINTENANCE, storage -> storage.snapshot(layout -> ids.contains(layout.tableId()), tag)))
                .thenCompose(ignored -> files(() -> {
                    String createdAt = Instant.now().toString();
                    for (TableMetadata table : tables) describe(now, table, snapshotDirectory(table, tag), createdAt);
                    return null;
                }));
    }

    /** Writes schema.cql and manifest.json into a table's snapshot (one the table's engine keeps files for). Blocking. */
    private static void describe(Schema now, TableMetadata table, Path snapshot, String createdAt) throws java.io.IOException {
        if (!Files.isDirectory(snapshot)) return;
        List<String> files = new ArrayList<>();
        try (var walk = Files.walk(snapshot)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) files.add(snapshot.relativize(file).toString());
        }
        String cql = TableSchemaCql.of(now.keyspace(table.keyspace()), table);
        DurableFiles.writeAndSync(snapshot.resolve(SCHEMA_FILE), cql.getBytes(StandardCharsets.UTF_8));
        SnapshotManifest.of(table, files, createdAt).writeInto(snapshot);
        DurableFiles.syncDirectory(snapshot);
    }

    /** Every snapshot on disk, by tag, with its sizes; those of dropped tables too. */
    public CompletableFuture<List<SnapshotSizes.Tagged>> list() {
        return files(() -> SnapshotSizes.of(SnapshotDirectory.find(data.root(), new SnapshotDirectory.Filter(null, null, null))));
    }

    /**
     * Deletes the snapshots with this tag (null: every tag) of these keyspaces (empty: all) and this table (null: all);
     * answers how many table snapshots went.
     */
    public CompletableFuture<Integer> clear(String tag, Set<String> keyspaces, String table) {
        return files(() -> {
            for (String keyspace : keyspaces) {
                if (schema.get().keyspace(keyspace) == null && !Files.isDirectory(data.root().resolve(keyspace))) {
                    throw new BadAdminRequest("Keyspace '" + keyspace + "' does not exist and has no snapshots");
                }
            }
            List<SnapshotDirectory> found = SnapshotDirectory.find(data.root(), new SnapshotDirectory.Filter(tag, keyspaces, table));
            for (SnapshotDirectory snapshot : found) snapshot.delete();
            return found.size();
        });
    }

    /** Where the table's files live on this node. */
    Path tableDirectory(TableMetadata table) {
        return data.table(table.keyspace(), table.name(), table.id());
    }

    private Path snapshotDirectory(TableMetadata table, String tag) {
        return DataDirectory.snapshot(tableDirectory(table), tag);
    }

    private <T> CompletableFuture<T> files(org.charybdis.scheduler.io.IoTask<T> task) {
        return MaintenanceFiles.run(database, task);
    }
}
