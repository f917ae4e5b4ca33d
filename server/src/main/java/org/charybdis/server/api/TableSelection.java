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
 * The tables an operator request names through its {@code keyspace} and {@code table} query parameters
 * ({@code cf} for ScyllaDB's routes, whose keyspace is in the path; {@code kn} for their keyspaces): every table
 * (neither given), the tables of one or more keyspaces, or some tables of one keyspace.
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
        List<String> keyspaces = values(request, "keyspace", "kn"); // kn: ScyllaDB's name in its snapshot routes
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

    /** One table named as ScyllaDB's {@code /column_family/...} routes name it: {@code keyspace:table}. */
    public static TableSelection ofQualifiedName(String name, Schema schema) {
        TableMetadata metadata = qualifiedTable(name, schema);
        return new TableSelection(Set.of(metadata.id()), "tables [" + metadata.keyspace() + "." + metadata.name() + "]");
    }

    /** The table {@code keyspace:table} names (ScyllaDB's form, also in toppartitions' table_filters); 400 when there is none. */
    public static TableMetadata qualifiedTable(String name, Schema schema) {
        int colon = name == null ? -1 : name.indexOf(':');
        if (colon <= 0 || colon == name.length() - 1) {
            throw new BadAdminRequest("Invalid table name '" + name + "': expected keyspace:table");
        }
        String keyspace = name.substring(0, colon);
        String table = name.substring(colon + 1);
        if (schema.keyspace(keyspace) == null) throw new BadAdminRequest("Keyspace '" + keyspace + "' does not exist");
        TableMetadata metadata = schema.table(keyspace, table);
        if (metadata == null) throw new BadAdminRequest("Table '" + keyspace + "." + table + "' does not exist");
        return metadata;
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
    static List<String> values(Request request, String... names) {
        return java.util.Arrays.stream(names).flatMap(name -> request.parameters().getOrDefault(name, List.of()).stream())
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
    }
}
