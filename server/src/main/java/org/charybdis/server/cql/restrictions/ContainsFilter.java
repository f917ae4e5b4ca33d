package org.charybdis.server.cql.restrictions;

import org.charybdis.cql.types.CollectionCell;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.SetType;
import org.charybdis.server.cql.statements.select.selection.CollectionCells;
import org.charybdis.server.index.TextAnalyzer;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.storage.data.Row;

import java.nio.ByteBuffer;

/**
 * {@code c CONTAINS v} (an element of a list or set, a value of a map) or {@code m CONTAINS KEY k}, frozen or not.
 * With an {@code analyzer} (an analyzing storage-attached index serves the relation), {@code value} is analyzed and
 * elements match when they analyze to it.
 */
record ContainsFilter(ColumnMetadata column, boolean key, ByteBuffer value, TextAnalyzer analyzer) implements Filter {
    ContainsFilter(ColumnMetadata column, boolean key, ByteBuffer value) {
        this(column, key, value, null);
    }

    @Override
    public boolean test(ByteBuffer[] keyComponents, Row staticRow, Row row) {
        CqlType type = column.type();
        // set elements and map keys are cell paths; list elements and map values are cell values
        boolean inPath = key || type instanceof SetType;
        CqlType elementType = switch (type) {
            case MapType map -> key ? map.keyType() : map.valueType();
            case SetType set -> set.elementType();
            case ListType list -> list.elementType();
            default -> throw new IllegalStateException("CONTAINS on " + type.cqlName());
        };
        for (CollectionCell cell : CollectionCells.of(column, staticRow, row)) {
            ByteBuffer element = inPath ? cell.path() : cell.value();
            if (analyzer != null ? analyzer.analyze(element).equals(value) : elementType.compare(element, value) == 0) return true;
        }
        return false;
    }
}
