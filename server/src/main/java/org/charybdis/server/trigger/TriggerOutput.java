package org.charybdis.server.trigger;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.PartitionKeys;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.RowUpdate;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link TriggerMutation} into the partition update it stands for, checked against the schema as a statement
 * would be: the table exists and may be written, the key is complete, every column exists and takes the value.
 */
final class TriggerOutput {
    private TriggerOutput() {}

    static TriggeredUpdate of(TriggerMutation mutation, Schema schema, long baseTimestamp, long nowInSeconds) {
        TableMetadata table = schema.table(mutation.keyspace(), mutation.table());
        String where = mutation.keyspace() + "." + mutation.table();
        if (table == null) throw new InvalidRequestException("A trigger wrote to " + where + ", which doesn't exist");
        if (table.isView()) throw new InvalidRequestException("Cannot directly modify a materialized view (a trigger wrote to " + where + ")");
        if (table.isCounterTable()) throw new InvalidRequestException("A trigger cannot write to the counter table " + where);
        for (String name : mutation.values().keySet()) {
            ColumnMetadata column = table.column(name);
            if (column == null || table.isHidden(column)) throw new InvalidRequestException("Undefined column name " + name + " in table " + where);
        }
        long timestamp = mutation.timestamp() != null ? mutation.timestamp() : baseTimestamp;
        PartitionUpdate.Builder builder = PartitionUpdate.builder(PartitionKeys.decorate(keyOf(table.partitionKey(), mutation, where)));
        List<ByteBuffer> clustering = clusteringOf(table, mutation, where);
        if (mutation.kind() == TriggerMutation.Kind.DELETE) {
            for (String name : mutation.values().keySet()) {
                if (!table.column(name).isPrimaryKey()) {
                    throw new InvalidRequestException("A trigger's delete from " + where + " names key columns only (" + name + " is not one)");
                }
            }
            if (clustering == null) builder.deletePartition(timestamp, nowInSeconds);
            else builder.row(Clustering.of(clustering.toArray(ByteBuffer[]::new))).delete(timestamp, nowInSeconds);
            return new TriggeredUpdate(table, builder.build());
        }
        boolean staticOnly = clustering == null && !table.clustering().isEmpty();
        if (staticOnly && !setsOnlyStatic(table, mutation)) {
            throw new InvalidRequestException("Some clustering keys are missing: " + missing(table.clustering(), mutation));
        }
        Clustering row = clustering == null ? Clustering.EMPTY : Clustering.of(clustering.toArray(ByteBuffer[]::new));
        // as INSERT: a row marker, except for a static-only write and in COMPACT STORAGE tables
        if (!staticOnly && !table.compactStorage().isCompact()) builder.row(row).marker(timestamp, 0, nowInSeconds);
        for (Map.Entry<String, Object> value : mutation.values().entrySet()) {
            ColumnMetadata column = table.column(value.getKey());
            if (column.isPrimaryKey()) continue;
            if (column.type().isMultiCell()) {
                throw new InvalidRequestException("A trigger cannot set the non-frozen column " + column.name() + " of " + where);
            }
            RowUpdate target = builder.row(column.isStatic() ? Clustering.STATIC : row);
            if (value.getValue() == null) target.deleteCell(column.id(), timestamp, nowInSeconds);
            else target.cell(column.id(), serialize(column, value.getValue(), where), timestamp, 0, nowInSeconds);
        }
        return new TriggeredUpdate(table, builder.build());
    }

    private static List<ByteBuffer> keyOf(List<ColumnMetadata> columns, TriggerMutation mutation, String where) {
        List<ByteBuffer> key = new ArrayList<>(columns.size());
        for (ColumnMetadata column : columns) {
            Object value = mutation.values().get(column.name());
            if (value == null) throw new InvalidRequestException("Missing mandatory PRIMARY KEY part " + column.name() + " (a trigger's write to " + where + ")");
            key.add(serialize(column, value, where));
        }
        return key;
    }

    /** The clustering of the row the mutation names; null when it names no clustering column (a partition). */
    private static List<ByteBuffer> clusteringOf(TableMetadata table, TriggerMutation mutation, String where) {
        boolean any = false;
        for (ColumnMetadata column : table.clustering()) any |= mutation.values().get(column.name()) != null;
        if (!any) return null;
        return keyOf(table.clustering(), mutation, where);
    }

    /** Whether the mutation sets static columns and no regular one: a write of the partition's static row alone. */
    private static boolean setsOnlyStatic(TableMetadata table, TriggerMutation mutation) {
        boolean anyStatic = false;
        for (String name : mutation.values().keySet()) {
            ColumnMetadata column = table.column(name);
            if (column.isStatic()) anyStatic = true;
            else if (!column.isPrimaryKey()) return false;
        }
        return anyStatic;
    }

    private static String missing(List<ColumnMetadata> columns, TriggerMutation mutation) {
        List<String> names = new ArrayList<>();
        for (ColumnMetadata column : columns) if (mutation.values().get(column.name()) == null) names.add(column.name());
        return String.join(", ", names);
    }

    private static ByteBuffer serialize(ColumnMetadata column, Object value, String where) {
        try {
            return column.type().serialize(value);
        } catch (RuntimeException e) {
            throw new InvalidRequestException("Invalid value " + value + " (" + value.getClass().getName() + ") for column " + column.name()
                    + " of type " + column.type().cqlName() + " in a trigger's write to " + where);
        }
    }
}
