package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.ConfigurationException;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.ClusteringOrder;
import org.charybdis.cql.syntax.ColumnDefinition;
import org.charybdis.server.cql.terms.ColumnMasks;
import org.charybdis.cql.syntax.ColumnIdentifier;
import org.charybdis.cql.syntax.CreateTableStatement;
import org.charybdis.cql.syntax.PrimaryKey;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.UserType;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.ColumnMetadata.Kind;
import org.charybdis.server.schema.CompactStorage;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.schema.TableParams;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Builds a {@link TableMetadata} from a CREATE TABLE statement, checking it as Cassandra 5.0 does:
 * one primary key, known and distinct columns, clustering order, static columns, key column types,
 * counter tables, options. Also used to define the system tables.
 */
public final class TableDefinitions {
    private static final Pattern VALID_NAME = Pattern.compile("\\w+");
    /** Column id of primary key columns: they have no cells, so no storage id. */
    public static final int NO_COLUMN_ID = -1;

    private TableDefinitions() {}

    /** The table in {@code keyspace} (which must exist in {@code schema} when user types are used). */
    public static TableMetadata build(CreateTableStatement statement, String keyspace, Schema schema) {
        String table = statement.table().name();
        String qualified = keyspace + "." + table;
        if (!VALID_NAME.matcher(table).matches()) {
            throw new ConfigurationException(qualified + ": Table name must not be empty or not contain non-alphanumeric-underscore characters (got \"" + table + "\")");
        }
        if (statement.primaryKeys().isEmpty()) {
            throw new InvalidRequestException("No PRIMARY KEY specifed for table '" + qualified + "' (exactly one required)");
        }
        if (statement.primaryKeys().size() > 1) {
            throw new InvalidRequestException("Multiple PRIMARY KEY specified for table '" + qualified + "' (exactly one required)");
        }
        Map<String, ColumnDefinition> definitions = new LinkedHashMap<>();
        for (ColumnDefinition column : statement.columns()) {
            if (definitions.put(column.name().name(), column) != null) {
                throw new InvalidRequestException("Duplicate column '" + column.name().name() + "' declaration for table '" + qualified + "'");
            }
        }
        PrimaryKey key = statement.primaryKeys().get(0);
        checkKeyColumns(key, definitions, table);
        Map<String, Boolean> reversed = clusteringOrder(statement, key, qualified);

        List<ColumnMetadata> columns = new ArrayList<>();
        Set<String> keyNames = new HashSet<>();
        for (int i = 0; i < key.partitionKey().size(); i++) {
            String name = key.partitionKey().get(i).name();
            keyNames.add(name);
            columns.add(keyColumn(definitions.get(name), Kind.PARTITION_KEY, i, false, keyspace, schema));
        }
        for (int i = 0; i < key.clusteringColumns().size(); i++) {
            String name = key.clusteringColumns().get(i).name();
            keyNames.add(name);
            columns.add(keyColumn(definitions.get(name), Kind.CLUSTERING, i, reversed.getOrDefault(name, false), keyspace, schema));
        }
        Map<String, CqlType> compactValues = statement.options().compactStorage() ? valueTypes(definitions, keyNames, keyspace, schema) : null;
        CompactStorage compact = compactValues == null ? CompactStorage.NONE
                : CompactTables.form(compactValues, staticNames(definitions), key.clusteringColumns().size());
        int nextId = 0;
        boolean hasCounters = false, hasNonCounters = false;
        for (ColumnDefinition definition : definitions.values()) {
            if (keyNames.contains(definition.name().name())) continue;
            if (definition.isStatic() && key.clusteringColumns().isEmpty()) {
                throw new InvalidRequestException("Static columns are only useful (and thus allowed) if the table has at least one clustering column");
            }
            CqlType type = ColumnTypes.resolve(definition.type(), keyspace, schema);
            if (type.isCounter()) hasCounters = true; else hasNonCounters = true;
            boolean isStatic = definition.isStatic() || compact == CompactStorage.STATIC;
            columns.add(new ColumnMetadata(definition.name().name(), isStatic ? Kind.STATIC : Kind.REGULAR, -1, type, false, nextId++));
        }
        if (compact.isCompact()) {
            for (ColumnMetadata hidden : CompactTables.hiddenColumns(compact, compactValues, definitions.keySet(), nextId)) {
                columns.add(hidden);
                if (!hidden.isPrimaryKey()) nextId++;
            }
        }
        if (hasCounters && hasNonCounters) {
            throw new InvalidRequestException("Cannot mix counter and non counter columns in the same table");
        }
        TableParams params = TableProperties.apply(TableParams.defaultParams(), statement.options().properties());
        if (hasCounters && params.defaultTimeToLive() > 0) {
            throw new InvalidRequestException("Cannot set default_time_to_live on a table with counters");
        }
        UUID id = TableProperties.tableId(statement.options().properties());
        columns.replaceAll(c -> {
            ColumnDefinition definition = definitions.get(c.name()); // null for a compact table's hidden columns
            return definition == null || definition.mask() == null ? c : c.withMask(ColumnMasks.prepare(c, definition.mask()));
        });
        return new TableMetadata(keyspace, table, id != null ? id : UUID.randomUUID(), columns, params, nextId, Map.of(), Map.of(),
                compact);
    }

    private static Set<String> staticNames(Map<String, ColumnDefinition> definitions) {
        Set<String> statics = new HashSet<>();
        for (ColumnDefinition definition : definitions.values()) if (definition.isStatic()) statics.add(definition.name().name());
        return statics;
    }

    /** The columns outside the primary key with their types, in declaration order. */
    private static Map<String, CqlType> valueTypes(Map<String, ColumnDefinition> definitions, Set<String> keyNames, String keyspace,
                                                   Schema schema) {
        Map<String, CqlType> values = new LinkedHashMap<>();
        for (ColumnDefinition definition : definitions.values()) {
            String name = definition.name().name();
            if (!keyNames.contains(name)) values.put(name, ColumnTypes.resolve(definition.type(), keyspace, schema));
        }
        return values;
    }

    private static void checkKeyColumns(PrimaryKey key, Map<String, ColumnDefinition> definitions, String table) {
        Set<String> seen = new HashSet<>();
        List<ColumnIdentifier> all = new ArrayList<>(key.partitionKey());
        all.addAll(key.clusteringColumns());
        for (ColumnIdentifier column : all) {
            ColumnDefinition definition = definitions.get(column.name());
            if (definition == null) {
                throw new InvalidRequestException("Unknown column '" + column.name() + "' referenced in PRIMARY KEY for table '" + table + "'");
            }
            if (!seen.add(column.name())) {
                throw new InvalidRequestException("Duplicate column '" + column.name() + "' in PRIMARY KEY clause for table '" + table + "'");
            }
            if (definition.isStatic()) {
                throw new InvalidRequestException("Static column '" + column.name() + "' cannot be part of the PRIMARY KEY");
            }
        }
    }

    /** Clustering column name to descending, checked against the key as Cassandra does. */
    private static Map<String, Boolean> clusteringOrder(CreateTableStatement statement, PrimaryKey key, String qualified) {
        List<ClusteringOrder> orders = statement.options().clusteringOrder();
        Map<String, Boolean> reversed = new LinkedHashMap<>();
        List<String> notClustering = new ArrayList<>();
        for (ClusteringOrder order : orders) {
            String name = order.column().name();
            if (reversed.put(name, order.descending()) != null) {
                throw new InvalidRequestException("Duplicate column '" + name + "' in CLUSTERING ORDER BY clause for table '" + qualified + "'");
            }
            if (!key.clusteringColumns().contains(order.column())) notClustering.add(name);
        }
        if (!notClustering.isEmpty()) {
            throw new InvalidRequestException("Only clustering key columns can be defined in CLUSTERING ORDER directive: "
                    + notClustering + " are not clustering columns");
        }
        int position = 0;
        for (ClusteringOrder order : orders) {
            int at = key.clusteringColumns().indexOf(order.column());
            if (at > position) {
                String missing = key.clusteringColumns().get(position).name();
                if (reversed.containsKey(missing)) {
                    throw new InvalidRequestException("The order of columns in the CLUSTERING ORDER directive must match that of the clustering columns ("
                            + missing + " must appear before " + order.column().name() + ")");
                }
                throw new InvalidRequestException("Missing CLUSTERING ORDER for column " + missing);
            }
            position++;
        }
        return reversed;
    }

    private static ColumnMetadata keyColumn(ColumnDefinition definition, Kind kind, int position, boolean reversed,
                                            String keyspace, Schema schema) {
        String name = definition.name().name();
        CqlType type = ColumnTypes.resolve(definition.type(), keyspace, schema);
        if (type.isMultiCell()) {
            if (type instanceof UserType udt) {
                throw new InvalidRequestException("Invalid non-frozen user-defined type \"" + udt.keyspace() + "." + udt.name()
                        + "\" for PRIMARY KEY column '" + name + "'");
            }
            throw new InvalidRequestException("Invalid non-frozen collection type " + type.cqlName() + " for PRIMARY KEY column '" + name + "'");
        }
        if (type.isCounter() || type == NativeType.DURATION) {
            throw new InvalidRequestException(type.cqlName() + " type is not supported for PRIMARY KEY column '" + name + "'");
        }
        return new ColumnMetadata(name, kind, position, type, reversed, NO_COLUMN_ID);
    }
}
