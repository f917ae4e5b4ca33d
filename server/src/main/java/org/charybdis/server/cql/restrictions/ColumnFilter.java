package org.charybdis.server.cql.restrictions;

import org.charybdis.cql.syntax.Operator;
import org.charybdis.server.cql.statements.select.selection.Selection;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.storage.data.Row;

import java.nio.ByteBuffer;
import java.util.List;

/** {@code column op value} or {@code column IN (values)} on a key, static or regular column. */
record ColumnFilter(ColumnMetadata column, Operator operator, List<ByteBuffer> values) implements Filter {

    @Override
    public boolean test(ByteBuffer[] keyComponents, Row staticRow, Row row) {
        return test(Selection.columnValue(column, keyComponents, staticRow, row));
    }

    /** True when the value satisfies the restriction; a null value never does. */
    boolean test(ByteBuffer value) {
        if (value == null) return false;
        if (operator == Operator.IN || operator == Operator.EQ) {
            for (ByteBuffer v : values) if (column.type().compare(value, v) == 0) return true;
            return false;
        }
        int c = column.type().compare(value, values.get(0));
        return switch (operator) {
            case LT -> c < 0;
            case LTE -> c <= 0;
            case GT -> c > 0;
            case GTE -> c >= 0;
            default -> throw new IllegalStateException("unsupported filter operator " + operator);
        };
    }
}
