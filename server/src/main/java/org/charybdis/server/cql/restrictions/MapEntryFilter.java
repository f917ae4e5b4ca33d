package org.charybdis.server.cql.restrictions;

import org.charybdis.cql.types.CollectionCell;
import org.charybdis.cql.types.MapType;
import org.charybdis.server.cql.statements.select.selection.CollectionCells;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.storage.data.Row;

import java.nio.ByteBuffer;

/** {@code m[key] = value} on a non-frozen map. */
record MapEntryFilter(ColumnMetadata column, ByteBuffer key, ByteBuffer value) implements Filter {

    @Override
    public boolean test(ByteBuffer[] keyComponents, Row staticRow, Row row) {
        MapType type = (MapType) column.type();
        for (CollectionCell cell : CollectionCells.of(column, staticRow, row)) {
            if (type.keyType().compare(cell.path(), key) == 0) return type.valueType().compare(cell.value(), value) == 0;
        }
        return false;
    }
}
