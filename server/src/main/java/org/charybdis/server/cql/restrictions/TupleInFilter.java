package org.charybdis.server.cql.restrictions;

import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.storage.data.Row;

import java.nio.ByteBuffer;
import java.util.List;

/** A multi-column {@code (b, c) = (1, 2)} or {@code (b, c) IN ((..), (..))} checked row by row (ALLOW FILTERING). */
record TupleInFilter(List<ColumnMetadata> columns, List<ByteBuffer[]> tuples) implements Filter {

    @Override
    public boolean test(ByteBuffer[] keyComponents, Row staticRow, Row row) {
        if (row == null) return false;
        for (ByteBuffer[] tuple : tuples) {
            if (matches(row, tuple)) return true;
        }
        return false;
    }

    private boolean matches(Row row, ByteBuffer[] tuple) {
        for (int i = 0; i < columns.size(); i++) {
            ColumnMetadata column = columns.get(i);
            if (column.type().compare(row.clustering().get(column.position()), tuple[i]) != 0) return false;
        }
        return true;
    }
}
