package org.charybdis.tools.migrate;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.metadata.schema.ClusteringOrder;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.IndexMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.ListType;
import com.datastax.oss.driver.api.core.type.MapType;
import com.datastax.oss.driver.api.core.type.SetType;
import com.datastax.oss.driver.api.core.type.TupleType;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import com.datastax.oss.driver.api.core.type.VectorType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The CQL that recreates a source's schema elsewhere, rendered from the driver's metadata as {@code DESCRIBE} prints it,
 * with two differences that let the same text run on Cassandra 5.0 and on ScyllaDB: vector columns are written
 * {@code vector<float, 3>} (the driver's own {@code describe()} prints a class name there that no server accepts),
 * and a table keeps only the options with a meaning for its data ({@code comment}, {@code default_time_to_live},
 * {@code gc_grace_seconds}): compaction, compression and caching are left to the target's defaults, since the
 * two servers' strategies differ (UCS is Cassandra's only), and Charybdis's own {@code storage_engine} is never sent.
 */
final class SchemaStatements {
    private static final List<String> PORTABLE_OPTIONS = List.of("comment", "default_time_to_live", "gc_grace_seconds");

    private SchemaStatements() {}

    /** {@code CREATE KEYSPACE}, with the source's replication unless {@code replication} (a CQL map literal) replaces it. */
    static String createKeyspace(KeyspaceMetadata keyspace, String replication) {
        String map = replication != null ? replication : mapLiteral(keyspace.getReplication());
        return "CREATE KEYSPACE " + keyspace.getName().asCql(true) + " WITH replication = " + map
                + " AND durable_writes = " + keyspace.isDurableWrites();
    }

    static String createType(UserDefinedType type) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < type.getFieldNames().size(); i++) {
            fields.add(type.getFieldNames().get(i).asCql(true) + " " + type(type.getFieldTypes().get(i)));
        }
        return "CREATE TYPE " + qualified(type.getKeyspace(), type.getName()) + " (" + String.join(", ", fields) + ")";
    }

    /** {@code CREATE TABLE}: its {@link #tableDefinition definition} and the portable options. */
    static String createTable(TableMetadata table) {
        StringBuilder cql = new StringBuilder(tableDefinition(table));
        String with = clusteringOrder(table).isEmpty() ? " WITH " : " AND ";
        for (String option : PORTABLE_OPTIONS) {
            Object value = table.getOptions().get(CqlIdentifier.fromInternal(option));
            if (value == null) continue;
            cql.append(with).append(option).append(" = ").append(value instanceof String s ? quote(s) : value);
            with = " AND ";
        }
        return cql.toString();
    }

    /**
     * The columns, their types, the primary key and the clustering order: what must be equal for a table on the target to
     * take the source's rows. Columns outside the key are listed by name, so the text does not depend on the server.
     */
    static String tableDefinition(TableMetadata table) {
        List<String> lines = new ArrayList<>();
        for (ColumnMetadata column : table.getPartitionKey()) lines.add(column(column));
        for (ColumnMetadata column : table.getClusteringColumns().keySet()) lines.add(column(column));
        table.getColumns().values().stream()
                .filter(column -> !table.getPrimaryKey().contains(column))
                .sorted(Comparator.comparing(column -> column.getName().asInternal()))
                .forEach(column -> lines.add(column(column) + (column.isStatic() ? " static" : "")));
        String partitionKey = names(table.getPartitionKey());
        String clustering = names(table.getClusteringColumns().keySet());
        lines.add("PRIMARY KEY (" + (table.getPartitionKey().size() > 1 ? "(" + partitionKey + ")" : partitionKey)
                + (clustering.isEmpty() ? "" : ", " + clustering) + ")");
        String order = clusteringOrder(table);
        return "CREATE TABLE " + qualified(table.getKeyspace(), table.getName()) + " (" + String.join(", ", lines) + ")"
                + (order.isEmpty() ? "" : " WITH CLUSTERING ORDER BY (" + order + ")");
    }

    /** The index as the driver describes it, without the final semicolon. */
    static String createIndex(IndexMetadata index) {
        String cql = index.describe(false).strip();
        return cql.endsWith(";") ? cql.substring(0, cql.length() - 1) : cql;
    }

    /** A type as CQL writes it, {@code frozen<...>} where it is frozen. */
    static String type(DataType type) {
        return switch (type) {
            case VectorType vector -> "vector<" + type(vector.getElementType()) + ", " + vector.getDimensions() + ">";
            case ListType list -> frozen(list.isFrozen(), "list<" + type(list.getElementType()) + ">");
            case SetType set -> frozen(set.isFrozen(), "set<" + type(set.getElementType()) + ">");
            case MapType map -> frozen(map.isFrozen(), "map<" + type(map.getKeyType()) + ", " + type(map.getValueType()) + ">");
            case TupleType tuple -> "frozen<tuple<" + tuple.getComponentTypes().stream().map(SchemaStatements::type)
                    .collect(Collectors.joining(", ")) + ">>";
            case UserDefinedType udt -> frozen(udt.isFrozen(), qualified(udt.getKeyspace(), udt.getName()));
            default -> type.asCql(true, true);
        };
    }

    static String qualified(CqlIdentifier keyspace, CqlIdentifier name) {
        return keyspace.asCql(true) + "." + name.asCql(true);
    }

    private static String column(ColumnMetadata column) {
        return column.getName().asCql(true) + " " + type(column.getType());
    }

    private static String names(Iterable<ColumnMetadata> columns) {
        List<String> names = new ArrayList<>();
        for (ColumnMetadata column : columns) names.add(column.getName().asCql(true));
        return String.join(", ", names);
    }

    private static String clusteringOrder(TableMetadata table) {
        List<String> order = new ArrayList<>();
        for (Map.Entry<ColumnMetadata, ClusteringOrder> entry : table.getClusteringColumns().entrySet()) {
            order.add(entry.getKey().getName().asCql(true) + " " + entry.getValue().name());
        }
        return String.join(", ", order);
    }

    private static String frozen(boolean frozen, String type) {
        return frozen ? "frozen<" + type + ">" : type;
    }

    private static String mapLiteral(Map<String, String> map) {
        return map.entrySet().stream().map(e -> quote(e.getKey()) + ": " + quote(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
