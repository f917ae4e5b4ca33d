package org.charybdis.server.cql.statements.select.restrictions;

import org.charybdis.cql.syntax.Operator;
import org.charybdis.server.schema.ColumnMetadata;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A restriction checked on each row read (ALLOW FILTERING): {@code column op value} or
 * {@code column IN (values)}, with the values bound for one execution.
 */
public record Filter(ColumnMetadata column, Operator operator, List<ByteBuffer> values) {

    /** True when the row's value of the column satisfies the restriction; a null value never does. */
    public boolean test(ByteBuffer value) {
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
