package org.charybdis.server.cql.statements.modification;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.terms.BoundValue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The values one primary key column is restricted to by {@code =} or {@code IN}: one or more values per
 * execution; null and unset are refused with Cassandra's messages.
 */
sealed interface KeyValues {

    List<ByteBuffer> values(ExecutionContext context, String column);

    /** {@code c = v}. */
    record Eq(BoundValue value) implements KeyValues {
        @Override
        public List<ByteBuffer> values(ExecutionContext context, String column) {
            return List.of(checked(value.bind(context), column));
        }
    }

    /** {@code c IN (v1, v2, ...)}. */
    record InValues(List<BoundValue> values) implements KeyValues {
        @Override
        public List<ByteBuffer> values(ExecutionContext context, String column) {
            List<ByteBuffer> bound = new ArrayList<>(values.size());
            for (BoundValue v : values) bound.add(checked(v.bind(context), column));
            return bound;
        }
    }

    /** {@code c IN ?}: one marker holding a list of values. */
    record InMarker(BoundValue list) implements KeyValues {
        @Override
        public List<ByteBuffer> values(ExecutionContext context, String column) {
            ByteBuffer bytes = checked(list.bind(context), column);
            return CollectionBytes.elements(bytes);
        }
    }

    /** One component of {@code (c, d) = ?} or {@code (c, d) = (?, ?)} bound as a whole tuple. */
    record TupleComponent(BoundValue tuple, int index) implements KeyValues {
        @Override
        public List<ByteBuffer> values(ExecutionContext context, String column) {
            ByteBuffer in = checked(tuple.bind(context), column).duplicate();
            ByteBuffer component = null;
            for (int i = 0; i <= index; i++) {
                if (in.remaining() < 4) throw new InvalidRequestException("Invalid null value in condition for column " + column);
                int length = in.getInt();
                component = length < 0 ? null : in.slice(in.position(), length);
                if (length > 0) in.position(in.position() + length);
            }
            return List.of(checked(component, column));
        }
    }

    private static ByteBuffer checked(ByteBuffer value, String column) {
        if (value == null) throw new InvalidRequestException("Invalid null value in condition for column " + column);
        if (value == QueryOptions.UNSET) throw new InvalidRequestException("Invalid unset value for column " + column);
        return value;
    }
}
