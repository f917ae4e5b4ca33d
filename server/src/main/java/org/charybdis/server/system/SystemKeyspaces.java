package org.charybdis.server.system;

import org.charybdis.cql.syntax.CqlParser;
import org.charybdis.cql.syntax.CreateTableStatement;
import org.charybdis.server.cql.statements.schema.KeyspaceOptions;
import org.charybdis.server.cql.statements.schema.TableDefinitions;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The system keyspaces every node starts with, their tables defined by Cassandra 5.0's CQL
 * ({@code system-tables.cql}). Tables of {@code system} and {@code system_schema} are virtual (see
 * {@link VirtualTables}, except {@code system.service_levels_v2}, {@code system.compaction_history} and
 * {@code system.view_builds_in_progress}); those of {@code system_auth} are stored like user tables.
 */
public final class SystemKeyspaces {
    public static final String SYSTEM = "system";
    public static final String SYSTEM_SCHEMA = "system_schema";
    public static final String SYSTEM_AUTH = "system_auth";
    public static final String SYSTEM_DISTRIBUTED = "system_distributed";
    public static final String SYSTEM_TRACES = "system_traces";
    /** Describes virtual keyspaces; drivers read it on connect. Not listed in system_schema, as in Cassandra. */
    public static final String SYSTEM_VIRTUAL_SCHEMA = "system_virtual_schema";

    private static final Set<String> LOCAL = Set.of(SYSTEM, SYSTEM_SCHEMA, "system_views", SYSTEM_VIRTUAL_SCHEMA);
    private static final Set<String> REPLICATED = Set.of(SYSTEM_AUTH, SYSTEM_DISTRIBUTED, SYSTEM_TRACES);
    private static final String TABLES_RESOURCE = "system-tables.cql";
    /** The table of {@code system} whose rows are stored, not generated: ScyllaDB's service levels. */
    public static final String SERVICE_LEVELS_V2 = "service_levels_v2";
    /** Stored too: every finished compaction of the last week. */
    public static final String COMPACTION_HISTORY = "compaction_history";
    /** Stored too: the materialized views being built, so that a restart resumes their builds. */
    public static final String VIEW_BUILDS_IN_PROGRESS = "view_builds_in_progress";
    private static final Set<String> STORED_SYSTEM_TABLES = Set.of(SERVICE_LEVELS_V2, COMPACTION_HISTORY, VIEW_BUILDS_IN_PROGRESS);

    private SystemKeyspaces() {}

    /** Keyspaces owned by the node itself: never altered or dropped by users. */
    public static boolean isLocal(String keyspace) {
        return LOCAL.contains(keyspace);
    }

    /** System keyspaces users may alter (replication) but not drop. */
    public static boolean isReplicated(String keyspace) {
        return REPLICATED.contains(keyspace);
    }

    /** Tables of the node-local keyspaces that hold data written to them, rather than rows generated on read. */
    public static boolean isStored(TableMetadata table) {
        return table.keyspace().equals(SYSTEM) && STORED_SYSTEM_TABLES.contains(table.name());
    }

    public static boolean isSystem(String keyspace) {
        return isLocal(keyspace) || isReplicated(keyspace);
    }

    /** The schema of a fresh node: the system keyspaces with their tables. */
    public static Schema initialSchema() {
        Map<String, String> local = Map.of("class", KeyspaceOptions.LOCAL_STRATEGY);
        Schema schema = Schema.empty()
                .with(KeyspaceMetadata.create(SYSTEM, local, true))
                .with(KeyspaceMetadata.create(SYSTEM_SCHEMA, local, true))
                .with(KeyspaceMetadata.create(SYSTEM_VIRTUAL_SCHEMA, local, true))
                .with(KeyspaceMetadata.create(SYSTEM_AUTH, simple("1"), true))
                .with(KeyspaceMetadata.create(SYSTEM_DISTRIBUTED, simple("3"), true))
                .with(KeyspaceMetadata.create(SYSTEM_TRACES, simple("2"), true));
        for (String cql : statements(readResource())) {
            CreateTableStatement create = (CreateTableStatement) CqlParser.parse(cql);
            String keyspace = create.table().keyspace();
            TableMetadata built = TableDefinitions.build(create, keyspace, schema);
            TableMetadata table = new TableMetadata(keyspace, built.name(), tableId(keyspace, built.name()), built.allColumns(),
                    built.params(), built.nextColumnId(), built.droppedColumns());
            schema = schema.with(schema.keyspace(keyspace).withTable(table));
        }
        return new Schema(schema.keyspaces(), 0);
    }

    /** Stable ids for system tables, derived from their names as Cassandra derives them. */
    static UUID tableId(String keyspace, String table) {
        return UUID.nameUUIDFromBytes((keyspace + table).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> simple(String rf) {
        return Map.of("class", KeyspaceOptions.SIMPLE_STRATEGY, "replication_factor", rf);
    }

    private static String readResource() {
        try (InputStream in = SystemKeyspaces.class.getResourceAsStream(TABLES_RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + TABLES_RESOURCE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statements of a CQL script: comment lines dropped, split at semicolons. */
    private static java.util.List<String> statements(String script) {
        StringBuilder text = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) text.append(line).append('\n');
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String statement : text.toString().split(";")) {
            if (!statement.isBlank()) out.add(statement.strip());
        }
        return out;
    }
}
