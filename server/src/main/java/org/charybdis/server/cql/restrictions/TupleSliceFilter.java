package org.charybdis.server.cql.restrictions;

import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.storage.data.Row;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A multi-column slice {@code (a, b) > (1, 2)} over clustering columns of mixed orders: Cassandra compares
 * the tuples by value, column after column, whatever each column's clustering order. Storage reads a
 * slice of the first column only; this filter keeps the rows inside the tuple bounds.
 *
 * @param low  the lower bound's values, or null
 * @param high the upper bound's values, or null
 */
record TupleSliceFilter(List<ColumnMetadata> columns, ByteBuffer[] low, boolean lowInclusive, ByteBuffer[] high, boolean highInclusive)
        implements Filter {

    @Override
    public boolean test(ByteBuffer[] keyComponents, Row staticRow, Row row) {
        if (row == null) return false;
        if (low != null) {
            int c = compare(row, low);
            if (c < 0 || (c == 0 && !lowInclusive)) return false;
        }
        if (high != null) {
            int c = compare(row, high);
            return c < 0 || (c == 0 && highInclusive);
        }
        return true;
    }

    private int compare(Row row, ByteBuffer[] bound) {
        for (int i = 0; i < bound.length; i++) {
            ColumnMetadata column = columns.get(i);
            int c = column.type().compare(row.clustering().get(column.position()), bound[i]);
            if (c != 0) return c;
        }
        return 0;
    }
}
