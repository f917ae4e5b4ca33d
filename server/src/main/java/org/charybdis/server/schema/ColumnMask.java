package org.charybdis.server.schema;

import org.charybdis.cql.types.CqlType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A column's dynamic data mask (Cassandra 5.0): a system masking function applied to the column's values, with the
 * further arguments it was attached with ({@code MASKED WITH mask_inner(1, null)}: {@code 1} and {@code null}, as
 * ints). The column's value is always the function's first argument.
 *
 * @param arguments serialized values, null for a null argument
 */
public record ColumnMask(String function, List<CqlType> argumentTypes, List<ByteBuffer> arguments) {
    public ColumnMask {
        argumentTypes = List.copyOf(argumentTypes);
        arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
    }

    /** As DESCRIBE shows it: {@code mask_inner(1, null)}. */
    public String toCql() {
        StringBuilder s = new StringBuilder(function).append('(');
        for (int i = 0; i < arguments.size(); i++) {
            ByteBuffer value = arguments.get(i);
            s.append(i == 0 ? "" : ", ").append(value == null ? "null" : argumentTypes.get(i).toCqlLiteral(value));
        }
        return s.append(')').toString();
    }
}
