package org.charybdis.server.system;

import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.UserType;
import org.charybdis.server.schema.UserAggregate;
import org.charybdis.server.schema.UserFunction;
import org.charybdis.server.schema.ColumnMask;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.IndexMetadata;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.schema.TableParams;
import org.charybdis.server.schema.TriggerMetadata;
import org.charybdis.server.cql.statements.schema.TableDefinitions;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rows of {@code system_schema}, generated from the schema the way Cassandra 5.0 fills them.
 */
final class SchemaTables {
    private SchemaTables() {}

    static void fill(String table, Schema schema, VirtualRows rows) {
        for (KeyspaceMetadata ks : schema.keyspaces().values()) {
            if (ks.name().equals(SystemKeyspaces.SYSTEM_VIRTUAL_SCHEMA)) continue;
            switch (table) {
                case "keyspaces" -> rows.add(keyspace(ks));
                case "tables" -> ks.tables().values().forEach(t -> { if (!t.isView()) rows.add(table(t)); });
                case "views" -> ks.tables().values().forEach(t -> { if (t.isView()) rows.add(view(t)); });
                case "columns" -> ks.tables().values().forEach(t -> t.allColumns().forEach(c -> rows.add(column(t, c))));
                case "dropped_columns" -> ks.tables().values().forEach(t ->
                        t.droppedColumns().values().forEach(d -> rows.add(droppedColumn(t, d))));
                case "types" -> ks.types().values().forEach(type -> rows.add(type(ks, (UserType) type)));
                case "column_masks" -> ks.tables().values().forEach(t -> t.allColumns().stream().filter(c -> c.mask() != null)
                        .forEach(c -> rows.add(columnMask(t, c))));
                case "indexes" -> ks.tables().values().forEach(t -> t.indexes().values().forEach(i -> rows.add(index(t, i))));
                case "functions" -> ks.functions().functions().values().forEach(f -> rows.add(function(f)));
                case "aggregates" -> ks.functions().aggregates().values().forEach(a -> rows.add(aggregate(a)));
                case "triggers" -> ks.tables().values().forEach(t -> t.triggers().values().forEach(tr -> rows.add(trigger(t, tr))));
                default -> { }
            }
        }
    }

    /** Rows of system_virtual_schema: the virtual keyspaces (only itself here), their tables and columns. */
    static void fillVirtual(String table, Schema schema, VirtualRows rows) {
        KeyspaceMetadata ks = schema.keyspace(SystemKeyspaces.SYSTEM_VIRTUAL_SCHEMA);
        switch (table) {
            case "keyspaces" -> rows.add(new HashMap<>(Map.of("keyspace_name", ks.name())));
            case "tables" -> ks.tables().values().forEach(t -> rows.add(new HashMap<>(Map.of(
                    "keyspace_name", ks.name(), "table_name", t.name(), "comment", String.valueOf(t.params().get("comment"))))));
            case "columns" -> ks.tables().values().forEach(t -> t.allColumns().forEach(c -> rows.add(column(t, c))));
            default -> { }
        }
    }

    private static Map<String, Object> keyspace(KeyspaceMetadata ks) {
        Map<String, Object> row = new HashMap<>();
        row.put("keyspace_name", ks.name());
        row.put("durable_writes", ks.durableWrites());
        row.put("replication", ks.replication());
        return row;
    }

    private static Map<String, Object> table(TableMetadata table) {
        TableParams params = table.params();
        Map<String, Object> row = new HashMap<>();
        row.put("keyspace_name", table.keyspace());
        row.put("table_name", table.name());
        row.put("id", table.id());
        Set<String> flags = table.compactStorage().flags(table.clustering().size());
        if (table.isCounterTable()) flags.add("counter");
        row.put("flags", flags);
        for (Map.Entry<String, Object> option : params.options().entrySet()) {
            row.put(option.getKey(), option.getValue());
        }
        // Cassandra writes these only when they differ from their defaults (and cdc only with CDC on)
        row.put("cdc", null);
        if (Boolean.TRUE.equals(params.get("allow_auto_snapshot"))) row.put("allow_auto_snapshot", null);
        if (Boolean.TRUE.equals(params.get("incremental_backups"))) row.put("incremental_backups", null);
        if ("default".equals(params.get("memtable"))) row.put("memtable", null);
        row.put("extensions", extensions(params.mapOption("extensions")));
        row.put(TableParams.STORAGE_ENGINE, params.storageEngine().optionValue()); // also for tables saved before the option
        row.put("dclocal_read_repair_chance", 0.0);
        row.put("read_repair_chance", 0.0);
        return row;
    }

    /** A view's row: a table's options (without flags) beside its base and WHERE clause. */
    private static Map<String, Object> view(TableMetadata view) {
        Map<String, Object> row = table(view);
        row.remove("table_name");
        row.remove("flags");
        row.put("view_name", view.name());
        row.put("base_table_id", view.view().baseTableId());
        row.put("base_table_name", view.view().baseTableName());
        row.put("include_all_columns", view.view().includeAllColumns());
        row.put("where_clause", view.view().whereClause());
        return row;
    }

    private static Map<String, ByteBuffer> extensions(Map<String, String> extensions) {
        Map<String, ByteBuffer> out = new TreeMap<>();
        if (extensions != null) {
            extensions.forEach((k, v) -> out.put(k, ByteBuffer.wrap(v.getBytes(StandardCharsets.UTF_8))));
        }
        return out;
    }

    private static Map<String, Object> column(TableMetadata table, ColumnMetadata column) {
        Map<String, Object> row = new HashMap<>();
        row.put("keyspace_name", table.keyspace());
        row.put("table_name", table.name());
        row.put("column_name", column.name());
        row.put("clustering_order", column.clusteringOrder());
        row.put("column_name_bytes", ByteBuffer.wrap(column.name().getBytes(StandardCharsets.UTF_8)));
        row.put("kind", column.kind().schemaName());
        row.put("position", column.isPrimaryKey() ? column.position() : -1);
        row.put("type", column.type().cqlName());
        return row;
    }

    private static Map<String, Object> trigger(TableMetadata table, TriggerMetadata trigger) {
        Map<String, Object> row = new HashMap<>();
        row.put("keyspace_name", table.keyspace());
        row.put("table_name", table.name());
        row.put("trigger_name", trigger.name());
        row.put("options", trigger.schemaOptions());
        return row;
    }

    private static Map<String, Object> index(TableMetadata table, IndexMetadata index) {
        Map<String, Object> row = new HashMap<>();
        row.put("keyspace_name", table.keyspace());
        row.put("table_name", table.name());
        row.put("index_name", index.name());
        row.put("kind", index.kind());
        row.put("options", index.schemaOptions());
        return row;
    }

    private static Map<String, Object> droppedColumn(TableMetadata table, TableMetadata.DroppedColumn dropped) {
        Map<String, Object> row = new HashMap<>();
        row.put("keyspace_name", table.keyspace());
        row.put("table_name", table.name());
        row.put("column_name", dropped.name());
        row.put("dropped_time", Instant.ofEpochMilli(dropped.droppedAtMicros() / 1000));
        row.put("kind", dropped.kind());
        row.put("type", dropped.type());
        return row;
    }

    /** A null argument is an empty value with its flag set, as Cassandra stores it. */
    private static Map<String, Object> columnMask(TableMetadata table, ColumnMetadata column) {
        ColumnMask mask = column.mask();
        List<Boolean> nulls = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < mask.arguments().size(); i++) {
            ByteBuffer value = mask.arguments().get(i);
            CqlType type = mask.argumentTypes().get(i);
            nulls.add(value == null);
            types.add(type.cqlName());
            values.add(value == null ? "" : text(type, value));
        }
        Map<String, Object> row = new HashMap<>();
        row.put("keyspace_name", table.keyspace());
        row.put("table_name", table.name());
        row.put("column_name", column.name());
        row.put("function_argument_nulls", nulls);
        row.put("function_argument_types", types);
        row.put("function_argument_values", values);
        row.put("function_keyspace", "system");
        row.put("function_name", mask.function());
        return row;
    }

    /** A value as Cassandra's schema tables write it: texts bare, other values as literals. */
    private static String text(CqlType type, ByteBuffer value) {
        return type == NativeType.TEXT || type == NativeType.ASCII ? type.deserialize(value).toString() : type.toCqlLiteral(value);
    }

    private static Map<String, Object> type(KeyspaceMetadata ks, UserType type) {
        List<String> fieldTypes = new ArrayList<>();
        for (CqlType field : type.fieldTypes()) fieldTypes.add(field.cqlName());
        Map<String, Object> row = new HashMap<>();
        row.put("keyspace_name", ks.name());
        row.put("type_name", type.name());
        row.put("field_names", type.fieldNames());
        row.put("field_types", fieldTypes);
        return row;
    }

    private static Map<String, Object> function(UserFunction function) {
        Map<String, Object> row = new HashMap<>();
        row.put("keyspace_name", function.keyspace());
        row.put("function_name", function.name());
        row.put("argument_types", typeNames(function.argumentTypes()));
        row.put("argument_names", function.argumentNames());
        row.put("body", function.body());
        row.put("called_on_null_input", function.calledOnNullInput());
        row.put("language", function.language());
        row.put("return_type", function.returnType().cqlName());
        return row;
    }

    private static Map<String, Object> aggregate(UserAggregate aggregate) {
        Map<String, Object> row = new HashMap<>();
        row.put("keyspace_name", aggregate.keyspace());
        row.put("aggregate_name", aggregate.name());
        row.put("argument_types", typeNames(aggregate.argumentTypes()));
        row.put("state_func", aggregate.stateFunction());
        row.put("state_type", aggregate.stateType().cqlName());
        row.put("final_func", aggregate.finalFunction());
        row.put("initcond", aggregate.initialCondition() == null ? null : aggregate.stateType().toCqlLiteral(aggregate.initialCondition()));
        row.put("return_type", aggregate.returnType().cqlName());
        return row;
    }

    private static List<String> typeNames(List<CqlType> types) {
        List<String> names = new ArrayList<>(types.size());
        for (CqlType type : types) names.add(type.cqlName());
        return names;
    }
}
