package org.charybdis.server.cql.json;

import org.charybdis.cql.types.VectorType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits serialized composite values into their items (slices of the input): collections are a count
 * then {@code [int length][bytes]} items, tuples and UDTs the items alone (a negative length is null).
 */
final class ValueItems {
    private ValueItems() {}

    /** The items of a list, set ({@code perEntry} 1) or map ({@code perEntry} 2: key, value, key, ...). */
    static List<ByteBuffer> collection(ByteBuffer value, int perEntry) {
        int count = value.getInt(value.position());
        List<ByteBuffer> items = new ArrayList<>(count * perEntry);
        int at = value.position() + 4;
        for (int i = 0; i < count * perEntry; i++) {
            at = next(value, at, items);
        }
        return items;
    }

    /** The fields of a tuple or UDT value present in the bytes (trailing fields may be absent). */
    static List<ByteBuffer> fields(ByteBuffer value, int max) {
        List<ByteBuffer> items = new ArrayList<>(max);
        int at = value.position();
        while (at < value.limit() && items.size() < max) {
            at = next(value, at, items);
        }
        return items;
    }

    /** The elements of a vector: fixed-size slices, or re-serialized elements when their size varies. */
    static List<ByteBuffer> vector(VectorType type, ByteBuffer value) {
        int size = type.elementType().valueLengthIfFixed();
        List<ByteBuffer> items = new ArrayList<>(type.dimension());
        if (size > 0) {
            for (int i = 0; i < type.dimension(); i++) items.add(value.slice(value.position() + i * size, size));
            return items;
        }
        for (Object element : type.deserialize(value)) items.add(type.elementType().serialize(element));
        return items;
    }

    private static int next(ByteBuffer value, int at, List<ByteBuffer> items) {
        int length = value.getInt(at);
        if (length < 0) {
            items.add(null);
            return at + 4;
        }
        items.add(value.slice(at + 4, length));
        return at + 4 + length;
    }
}
