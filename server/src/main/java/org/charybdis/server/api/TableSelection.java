package org.charybdis.server.api;

import org.charybdis.server.http.HttpEndpoint.Request;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.engine.TableLayout;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The tables an operator request names through its {@code keyspace} and {@code table} query parameters (or
 * ScyllaDB's {@code kn} and {@code cf}; the keyspace may come from the path, {@code /storage_service/keyspace_flush/{keyspace}}):
 * every table (neither given), the tables of one or more keyspaces, or some tables of one keyspace.
 * Names are checked against the schema when the request arrives, so a typo is a 400, not a silent no-op.
 * Immutable: shards test their engines against it concurrently.
 */
public final class TableSelection implements Predicate<TableLayout> {
    private static final TableSelection ALL = new TableSelection(null, "all keyspaces");

    /** Table ids selected, or null for every table. */
    private final Set<UUID> tableIds;
    private final String description;

    private TableSelection(Set<UUID> tableIds, String description) {
        this.tableIds = tableIds;
        this.description = description;
    }

    /** Reads the selection from the request; throws {@link BadAdminRequest} for names the schema lacks. */
    public static TableSelection of(Request request, Schema schema) {
        List<String> keyspaces = values(request, "keyspace", "kn");
        List<String> tables = values(request, "table", "cf");
        if (keyspaces.isEmpty()) {
            if (!tables.isEmpty()) throw new BadAdminRequest("A table must be named together with its keyspace");
            return ALL;
        }
        if (!tables.isEmpty() && keyspaces.size() > 1) {
            throw new BadAdminRequest("Tables can be named for one keyspace only, got " + keyspaces);
        }
        Set<UUID> ids = new HashSet<>();
        for (String keyspaceName : keyspaces) {
            KeyspaceMetadata keyspace = schema.keyspace(keyspaceName);
            if (keyspace == null) throw new BadAdminRequest("Keyspace '" + keyspaceName + "' does not exist");
            if (tables.isEmpty()) {
                for (TableMetadata table : keyspace.tables().values()) ids.add(table.id());
            }
        }
        for (String tableName : tables) {
            TableMetadata table = schema.table(keyspaces.getFirst(), tableName);
            if (table == null) throw new BadAdminRequest("Table '" + keyspaces.getFirst() + "." + tableName + "' does not exist");
            ids.add(table.id());
        }
        String description = tables.isEmpty() ? "keyspaces " + keyspaces
                : "tables " + tables.stream().map(t -> keyspaces.getFirst() + "." + t).toList();
        return new TableSelection(Set.copyOf(ids), description);
    }

    /** The table {@code keyspace:table} (ScyllaDB's form; {@code keyspace.table} too) names; 400 when it does not exist. */
    public static TableMetadata named(String qualified, Schema schema) {
        String[] parts = qualified.split("[:.]", 2);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new BadAdminRequest("Name a table as keyspace:table, got '" + qualified + "'");
        }
        TableMetadata table = schema.table(parts[0], parts[1]);
        if (table == null) throw new BadAdminRequest("Table '" + parts[0] + "." + parts[1] + "' does not exist");
        return table;
    }

    @Override
    public boolean test(TableLayout layout) {
        return tableIds == null || tableIds.contains(layout.tableId());
    }

    /** What was selected, for answers and logs: "all keyspaces", "keyspaces [ks]", "tables [ks.t]". */
    public String description() {
        return description;
    }

    /** The non-blank values of the parameters so named; repeated parameters and comma-separated lists both work. */
    private static List<String> values(Request request, String... names) {
        return java.util.Arrays.stream(names).flatMap(name -> request.parameters().getOrDefault(name, List.of()).stream())
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
    }
}
