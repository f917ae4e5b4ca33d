package org.charybdis.server.schema;

import org.charybdis.cql.types.CustomType;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A table's COMPACT STORAGE form, as Cassandra 5.0 still creates it. A dense table has clustering columns and at most
 * one value column (an {@code empty} one, hidden, when none is declared); a static compact table has none, its columns
 * are static and a hidden clustering column {@code column1} and value column {@code value} stand for Thrift's cells.
 * Neither has row markers: a row lives as long as a value does. DROP COMPACT STORAGE makes either a {@link #NONE} table
 * and shows the hidden columns.
 */
public enum CompactStorage {
    NONE, DENSE, STATIC;

    public boolean isCompact() {
        return this != NONE;
    }

    /** The flags system_schema.tables shows, but {@code counter}: a table is compound unless compact with one clustering column or none. */
    public Set<String> flags(int clusteringColumns) {
        Set<String> flags = new TreeSet<>();
        if (this == NONE || (this == DENSE && clusteringColumns > 1)) flags.add("compound");
        if (this == DENSE) flags.add("dense");
        return flags;
    }

    /** Whether CQL statements see the column: not the hidden columns Cassandra gives a compact table. */
    public boolean hides(ColumnMetadata column) {
        return switch (this) {
            case NONE -> false;
            case DENSE -> column.kind() == ColumnMetadata.Kind.REGULAR && column.type().equals(CustomType.EMPTY);
            case STATIC -> column.kind() == ColumnMetadata.Kind.CLUSTERING || column.kind() == ColumnMetadata.Kind.REGULAR;
        };
    }

    /** The name the schema file and {@code flags} use. */
    public String schemaName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CompactStorage bySchemaName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
