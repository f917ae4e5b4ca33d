package org.charybdis.server.cql.restrictions;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.MarshalException;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.terms.BoundValue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of an {@code =} or {@code IN} restriction, each an array of one value per restricted column
 * (one column unless the relation is multi-column). Bound once per execution.
 */
public interface ValueList {
    List<ByteBuffer[]> bind(ExecutionContext context);

    /** Literal or marker elements: {@code c = v}, {@code c IN (a, ?)}, {@code (a, b) IN ((1, 2), ?)}. */
    record Elements(List<BoundValue[]> elements, String[] columnNames) implements ValueList {
        @Override
        public List<ByteBuffer[]> bind(ExecutionContext context) {
            List<ByteBuffer[]> out = new ArrayList<>(elements.size());
            for (BoundValue[] element : elements) {
                ByteBuffer[] values = new ByteBuffer[element.length];
                for (int i = 0; i < element.length; i++) values[i] = checked(element[i].bind(context), columnNames[i]);
                out.add(values);
            }
            return out;
        }
    }

    /** {@code c IN ?}: one marker holding a list of values. */
    record ListMarker(BoundValue marker, CqlType elementType, String columnName) implements ValueList {
        @Override
        public List<ByteBuffer[]> bind(ExecutionContext context) {
            ByteBuffer list = checked(marker.bind(context), columnName);
            List<ByteBuffer[]> out = new ArrayList<>();
            ByteBuffer in = list.duplicate();
            try {
                int count = in.getInt();
                for (int i = 0; i < count; i++) {
                    int length = in.getInt();
                    if (length < 0) throw new InvalidRequestException("Invalid null value in condition for column " + columnName);
                    ByteBuffer value = in.slice(in.position(), length);
                    in.position(in.position() + length);
                    elementType.validate(value);
                    out.add(new ByteBuffer[] {value});
                }
            } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException | MarshalException e) {
                throw new InvalidRequestException("Invalid list value for IN restriction on column " + columnName);
            }
            return out;
        }
    }

    /** Cassandra refuses null and unset key values in conditions. */
    public static ByteBuffer checked(ByteBuffer value, String columnName) {
        if (value == null) throw new InvalidRequestException("Invalid null value in condition for column " + columnName);
        if (value == QueryOptions.UNSET) throw new InvalidRequestException("Invalid unset value for column " + columnName);
        return value;
    }
}
