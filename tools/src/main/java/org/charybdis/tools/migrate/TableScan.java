package org.charybdis.tools.migrate;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.ListType;
import com.datastax.oss.driver.api.core.type.MapType;
import com.datastax.oss.driver.api.core.type.SetType;
import com.datastax.oss.driver.api.core.type.UserDefinedType;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How one table is read token range by token range: its key columns (partition key, then clustering), the other
 * columns, and the two selects, both restricted to {@code token(pk) > ? AND token(pk) <= ?}:
 * <ul>
 *   <li>the copy select reads every column and, after each column outside the key, its {@code WRITETIME} and
 *   {@code TTL} (a counter has neither: only its value);</li>
 *   <li>the verify select reads the columns' values only, the same text on the source and the target.</li>
 * </ul>
 */
final class TableScan {
    private final TableMetadata table;
    private final List<ColumnMetadata> keys = new ArrayList<>();
    private final List<ColumnMetadata> values = new ArrayList<>();
    private final boolean counters;

    TableScan(TableMetadata table) {
        this.table = table;
        keys.addAll(table.getPartitionKey());
        keys.addAll(table.getClusteringColumns().keySet());
        for (ColumnMetadata column : table.getColumns().values()) {
            if (!keys.contains(column)) values.add(column);
        }
        counters = values.stream().anyMatch(c -> c.getType().equals(DataTypes.COUNTER));
    }

    String name() {
        return SchemaStatements.qualified(table.getKeyspace(), table.getName());
    }

    List<ColumnMetadata> keys() {
        return keys;
    }

    int partitionKeySize() {
        return table.getPartitionKey().size();
    }

    /**
     * How many key columns a row of the copy select has: all of them, or only the partition key for a partition that
     * has static columns and no rows (its clustering columns are null).
     */
    int keyColumnsOf(Row row) {
        return keys.size() == partitionKeySize() || row.getBytesUnsafe(partitionKeySize()) != null ? keys.size() : partitionKeySize();
    }

    /** The columns outside the primary key, regular and static. */
    List<ColumnMetadata> values() {
        return values;
    }

    boolean counters() {
        return counters;
    }

    /** Where the copy select puts value column {@code i}; its write time and TTL follow it (not for counters). */
    int valueIndex(int i) {
        return keys.size() + (counters ? i : 3 * i);
    }

    String copySelect() {
        Stream<String> valueSelectors = values.stream().flatMap(column -> {
            String name = column.getName().asCql(true);
            return counters ? Stream.of(name) : Stream.of(name, "WRITETIME(" + name + ")", "TTL(" + name + ")");
        });
        return "SELECT " + Stream.concat(keys.stream().map(c -> c.getName().asCql(true)), valueSelectors).collect(Collectors.joining(", "))
                + " FROM " + name() + " WHERE " + tokenRestriction();
    }

    String verifySelect() {
        return "SELECT " + Stream.concat(keys.stream(), values.stream()).map(c -> c.getName().asCql(true)).collect(Collectors.joining(", "))
                + " FROM " + name() + " WHERE " + tokenRestriction();
    }

    /**
     * Whether the column is stored as one cell per element or field (a collection or user type that is not frozen): its
     * {@code WRITETIME} and {@code TTL} select a list, one per cell, as in Cassandra 5.0.
     */
    static boolean multiCell(ColumnMetadata column) {
        return switch (column.getType()) {
            case ListType list -> !list.isFrozen();
            case SetType set -> !set.isFrozen();
            case MapType map -> !map.isFrozen();
            case UserDefinedType udt -> !udt.isFrozen();
            default -> false;
        };
    }

    private String tokenRestriction() {
        String token = "token(" + table.getPartitionKey().stream().map(c -> c.getName().asCql(true)).collect(Collectors.joining(", ")) + ")";
        return token + " > ? AND " + token + " <= ?";
    }
}
