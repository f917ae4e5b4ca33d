package org.charybdis.server.api;

import org.charybdis.server.http.HttpEndpoint.Request;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.snapshot.SnapshotControl;
import org.charybdis.server.snapshot.TableRefresh;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Snapshots and refresh on the admin API, under ScyllaDB's paths (its tooling calls them) and our older
 * {@code /storage/snapshot}, which takes a snapshot through the same handler:
 * <ul>
 * <li>{@code POST /storage_service/snapshots?tag=T&kn=ks1,ks2&cf=t}: take (the tag defaults to epoch millis; {@code sf},
 * skip flush, is accepted and ignored: a snapshot always flushes first);</li>
 * <li>{@code GET /storage_service/snapshots}: list, {@code [{"key": tag, "value": [{"ks", "cf", "total", "live"}]}]};</li>
 * <li>{@code DELETE /storage_service/snapshots?tag=T&kn=ks1,ks2&cf=t}: clear (no tag: every snapshot);</li>
 * <li>{@code POST /storage_service/sstables/{keyspace}?cf=t}: refresh, loading the table's upload directory.</li>
 * </ul>
 */
public final class SnapshotRoutes {
    private static final Pattern SAFE_TAG = Pattern.compile("[A-Za-z0-9._-]+");

    private final SnapshotControl snapshots;
    private final TableRefresh refresh;
    private final Supplier<Schema> schema;
    private final ShardOperations answers;

    /** @param answerOn where answers are rendered: the operator event loop, never a shard */
    public SnapshotRoutes(Database database, SnapshotControl snapshots, TableRefresh refresh, Supplier<Schema> schema, Executor answerOn) {
        this.snapshots = snapshots;
        this.refresh = refresh;
        this.schema = schema;
        this.answers = new ShardOperations(database, answerOn);
    }

    public AdminApi registerOn(AdminApi api) {
        return api.post("/storage/snapshot", this::take)
                .post("/storage_service/snapshots", this::take)
                .getAsync("/storage_service/snapshots", request -> answered(snapshots.list()))
                .delete("/storage_service/snapshots", this::clear)
                .post("/storage_service/sstables/{keyspace}", this::refresh);
    }

    /**
     * Flushes, then hard-links the selected tables' files under {@code snapshots/<tag>} of each table directory, with
     * the table's schema.cql and manifest.json.
     */
    CompletionStage<Map<String, Object>> take(Request request) {
        String tag = tag(request);
        String given = tag == null ? Long.toString(System.currentTimeMillis()) : tag;
        TableSelection which = TableSelection.of(request, schema.get());
        return answered(snapshots.take(which, given))
                .thenApply(done -> Map.of("tag", given, "scope", which.description(), "directory", "snapshots/" + given));
    }

    CompletionStage<Map<String, Object>> clear(Request request) {
        String tag = tag(request);
        Set<String> keyspaces = new LinkedHashSet<>(TableSelection.values(request, "kn", "keyspace"));
        List<String> tables = TableSelection.values(request, "cf", "table");
        if (tables.size() > 1 || (!tables.isEmpty() && keyspaces.size() != 1)) {
            throw new BadAdminRequest("Name one table (cf) together with its one keyspace (kn), or no table");
        }
        return answered(snapshots.clear(tag, keyspaces, tables.isEmpty() ? null : tables.getFirst()))
                .thenApply(cleared -> Map.of("tag", tag == null ? "all" : tag, "cleared", cleared));
    }

    CompletionStage<TableRefresh.Result> refresh(Request request) {
        String keyspaceName = TableSelection.values(request, "keyspace").stream().findFirst().orElse("");
        List<String> tables = TableSelection.values(request, "cf", "table");
        Schema now = schema.get();
        KeyspaceMetadata keyspace = now.keyspace(keyspaceName);
        if (keyspace == null) throw new BadAdminRequest("Keyspace '" + keyspaceName + "' does not exist");
        if (tables.size() != 1) throw new BadAdminRequest("Name the table to refresh: /storage_service/sstables/" + keyspaceName + "?cf=<table>");
        TableMetadata table = keyspace.table(tables.getFirst());
        if (table == null) throw new BadAdminRequest("Table '" + keyspaceName + "." + tables.getFirst() + "' does not exist");
        return answered(refresh.load(table));
    }

    private <T> CompletableFuture<T> answered(CompletableFuture<T> fromShards) {
        return answers.offShards(fromShards);
    }

    /** The snapshot tag given, or null; it names a directory, so only safe characters. */
    private static String tag(Request request) {
        List<String> given = request.parameters().getOrDefault("tag", List.of());
        if (given.isEmpty() || given.getFirst().isBlank()) return null;
        String tag = given.getFirst().strip();
        if (!SAFE_TAG.matcher(tag).matches() || tag.equals(".") || tag.equals("..")) {
            throw new BadAdminRequest("Invalid snapshot tag '" + tag + "': use letters, digits, '.', '_' and '-'");
        }
        return tag;
    }
}
