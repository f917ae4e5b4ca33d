package org.charybdis.server.system;

import org.charybdis.cql.types.CollectionCell;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.SetType;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.PartitionKeys;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.engine.TableEngine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes generated rows (column name to Java value, null for no value) into a virtual table's snapshot engine. */
final class VirtualRows {
    private static final long TIMESTAMP = 0;

    private final TableMetadata table;
    private final TableEngine engine;
    private final long nowInSeconds;

    VirtualRows(TableMetadata table, TableEngine engine, long nowInSeconds) {
        this.table = table;
        this.engine = engine;
        this.nowInSeconds = nowInSeconds;
    }

    void add(Map<String, Object> values) {
        engine.apply(update(table, values, TIMESTAMP, 0, nowInSeconds));
    }

    /** One row of the table as a mutation: its cells and row marker written at {@code timestamp}, expiring after {@code ttl} (0: never). */
    static PartitionUpdate update(TableMetadata table, Map<String, Object> values, long timestamp, int ttl, long nowInSeconds) {
        List<ByteBuffer> key = new ArrayList<>();
        for (ColumnMetadata c : table.partitionKey()) key.add(c.type().serialize(values.get(c.name())));
        ByteBuffer[] clustering = new ByteBuffer[table.clustering().size()];
        for (ColumnMetadata c : table.clustering()) clustering[c.position()] = c.type().serialize(values.get(c.name()));
        PartitionUpdate.Builder update = PartitionUpdate.builder(PartitionKeys.decorate(key));
        RowUpdate row = update.row(Clustering.of(clustering)).marker(timestamp, ttl, nowInSeconds);
        for (ColumnMetadata c : table.regularAndStatic()) {
            Object value = values.get(c.name());
            if (value == null) continue;
            RowUpdate target = c.isStatic() ? update.staticRow() : row;
            write(target, c, c.type().serialize(value), timestamp, ttl, nowInSeconds);
        }
        return update.build();
    }

    private static void write(RowUpdate row, ColumnMetadata column, ByteBuffer value, long timestamp, int ttl, long nowInSeconds) {
        CqlType type = column.type();
        if (!type.isMultiCell()) {
            row.cell(column.id(), value, timestamp, ttl, nowInSeconds);
            return;
        }
        List<CollectionCell> cells = switch (type) {
            case SetType set -> set.toCells(value);
            case MapType map -> map.toCells(value);
            default -> throw new IllegalStateException("system tables have no " + type.cqlName() + " columns");
        };
        for (CollectionCell cell : cells) row.cell(column.id(), cell.path(), cell.value(), timestamp, ttl, nowInSeconds);
    }
}
