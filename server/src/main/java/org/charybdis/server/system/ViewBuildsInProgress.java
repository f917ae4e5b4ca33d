package org.charybdis.server.system;

import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.PartitionUpdate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@code system.view_builds_in_progress}, Cassandra's record of the materialized view builds not finished yet: a view
 * has a row from before its build writes anything until every shard has built it, so a build a stop interrupted is
 * found at the next start and run again. One row per view, over the whole ring (this node's one token range); a build
 * run again starts over, which is harmless: it writes the same view rows.
 */
public final class ViewBuildsInProgress {
    /** The start and end of the node's one token range, as Cassandra writes tokens. */
    private static final String WHOLE_RING = Long.toString(Long.MIN_VALUE);

    private final SystemTableStorage storage;
    private final Supplier<Schema> schema;

    public ViewBuildsInProgress(Database database, Supplier<Schema> schema) {
        this.storage = new SystemTableStorage(database, schema, SystemKeyspaces.SYSTEM);
        this.schema = schema;
    }

    /** Records that the view's build started; completes once the row is as durable as the commitlog makes writes. */
    public CompletableFuture<Void> started(TableMetadata view) {
        TableMetadata table = storage.table(SystemKeyspaces.VIEW_BUILDS_IN_PROGRESS);
        Map<String, Object> values = new HashMap<>();
        values.put("keyspace_name", view.keyspace());
        values.put("view_name", view.name());
        values.put("start_token", WHOLE_RING);
        values.put("end_token", WHOLE_RING);
        values.put("keys_built", 0L);
        long micros = System.currentTimeMillis() * 1000;
        return storage.apply(table, VirtualRows.update(table, values, micros, 0, micros / 1_000_000));
    }

    /** Removes the view's row: its build finished (or the view is gone). */
    public CompletableFuture<Void> finished(String keyspace, String view) {
        TableMetadata table = storage.table(SystemKeyspaces.VIEW_BUILDS_IN_PROGRESS);
        long micros = System.currentTimeMillis() * 1000;
        PartitionUpdate.Builder update = PartitionUpdate.builder(SystemTableStorage.key(keyspace));
        update.row(Clustering.of(SystemTableStorage.text(view), SystemTableStorage.text(WHOLE_RING), SystemTableStorage.text(WHOLE_RING)))
                .delete(micros, micros / 1_000_000);
        return storage.apply(table, update.build());
    }

    /** The views whose build a stop interrupted; rows of views dropped since are removed. */
    public CompletableFuture<List<TableMetadata>> interrupted() {
        TableMetadata table = storage.table(SystemKeyspaces.VIEW_BUILDS_IN_PROGRESS);
        return storage.scan(table).thenCompose(rows -> {
            List<TableMetadata> views = new ArrayList<>();
            List<CompletableFuture<Void>> removed = new ArrayList<>();
            for (SystemTableStorage.KeyedRow row : rows) {
                String keyspace = row.partitionKey();
                String name = SystemTableStorage.text(row.row().clustering().get(0));
                TableMetadata view = schema.get().table(keyspace, name);
                if (view != null && view.isView()) views.add(view);
                else removed.add(finished(keyspace, name));
            }
            return CompletableFuture.allOf(removed.toArray(CompletableFuture[]::new)).thenApply(ignored -> views);
        });
    }
}
