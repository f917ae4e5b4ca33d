package org.charybdis.server.schema;

import org.charybdis.cql.types.CollectionType;
import org.charybdis.cql.types.CqlType;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.UnsignedBytes;
import org.charybdis.storage.engine.ColumnLayout;
import org.charybdis.storage.engine.StorageParams;
import org.charybdis.storage.engine.TableLayout;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Describes a table to the storage engine: orderings from the CQL types, columns by storage id. */
public final class TableLayouts {
    private TableLayouts() {}

    public static TableLayout of(TableMetadata table) {
        List<ColumnLayout> columns = new ArrayList<>();
        for (ColumnMetadata c : table.regularAndStatic()) {
            columns.add(c.type().isMultiCell()
                    ? ColumnLayout.multiCell(c.id(), c.isStatic(), cellPathOrder(c.type()))
                    : ColumnLayout.simple(c.id(), c.isStatic()));
        }
        return new TableLayout(table.id(), table.keyspace(), table.name(), table.partitionKey().size(),
                clusteringComparator(table), columns,
                table.params().gcGraceSeconds(), table.params().defaultTimeToLive(), storageParams(table.params()));
    }

    /** The order of the table's rows: each clustering column's type, ascending or (DESC) reversed, also as bytes. */
    public static ClusteringComparator clusteringComparator(TableMetadata table) {
        ClusteringComparatorBuilder comparator = new ClusteringComparatorBuilder();
        for (ColumnMetadata c : table.clustering()) comparator.add(c.type(), c.reversed());
        return comparator.build();
    }

    private static StorageParams storageParams(TableParams params) {
        return new StorageParams(params.mapOption(TableParams.COMPACTION), params.mapOption(TableParams.COMPRESSION),
                ((Number) params.get("bloom_filter_fp_chance")).doubleValue(), params.storageEngine());
    }

    /** Order of the cells of one non-frozen collection (by element, key or list position) or UDT (by field). */
    private static Comparator<ByteBuffer> cellPathOrder(CqlType type) {
        if (type instanceof CollectionType collection) return collection.cellPathType()::compare;
        return UnsignedBytes.ORDER;
    }
}
