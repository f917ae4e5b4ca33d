package org.charybdis.cql.types;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The framing of composite values: collections are {@code [int n]} then n {@code [int length][bytes]}
 * items (two per map entry); tuples and UDTs are the items alone. A negative length is a null item.
 */
final class ValueFraming {
    private ValueFraming() {}

    /** Collection form: count, then the items (the count is items / itemsPerEntry). */
    static ByteBuffer packCollection(List<ByteBuffer> items, int itemsPerEntry) {
        ByteBuffer out = ByteBuffer.allocate(4 + itemsSize(items));
        out.putInt(items.size() / itemsPerEntry);
        putItems(out, items);
        return out.flip();
    }

    /** Tuple/UDT form: the items alone, nulls as length -1. */
    static ByteBuffer packFields(List<ByteBuffer> items) {
        ByteBuffer out = ByteBuffer.allocate(itemsSize(items));
        putItems(out, items);
        return out.flip();
    }

    /** Splits a collection value into its items (slices of the input); nulls are rejected. */
    static ByteBuffer[] unpackCollection(ByteBuffer bytes, int itemsPerEntry, String kind) {
        int at = bytes.position();
        if (bytes.remaining() < 4) {
            throw new MarshalException("Not enough bytes to read a " + kind);
        }
        int count = bytes.getInt(at);
        at += 4;
        // each item takes at least 4 bytes, which bounds a hostile count before allocating
        if (count < 0 || (long) count * itemsPerEntry * 4 > bytes.limit() - at) {
            throw new MarshalException("Not enough bytes to read a " + kind + " (" + count + " elements)");
        }
        ByteBuffer[] items = new ByteBuffer[count * itemsPerEntry];
        for (int i = 0; i < items.length; i++) {
            items[i] = itemAt(bytes, at, kind);
            if (items[i] == null) {
                throw new MarshalException("null is not supported inside " + kind + "s");
            }
            at += 4 + items[i].remaining();
        }
        if (at != bytes.limit()) {
            throw new MarshalException("Unexpected extraneous bytes after " + kind + " value");
        }
        return items;
    }

    /** Splits a tuple/UDT value into at most maxItems items; trailing missing items are absent (not null). */
    static ByteBuffer[] unpackFields(ByteBuffer bytes, int maxItems, String kind) {
        ByteBuffer[] items = new ByteBuffer[maxItems];
        int at = bytes.position();
        int n = 0;
        while (at < bytes.limit()) {
            if (n == maxItems) {
                throw new MarshalException(kind + " value has more than " + maxItems + " fields");
            }
            ByteBuffer item = itemAt(bytes, at, kind);
            items[n++] = item;
            at += 4 + (item == null ? 0 : item.remaining());
        }
        return n == maxItems ? items : java.util.Arrays.copyOf(items, n);
    }

    private static ByteBuffer itemAt(ByteBuffer bytes, int at, String kind) {
        if (bytes.limit() - at < 4) {
            throw new MarshalException("Not enough bytes to read the size of a " + kind + " element");
        }
        int length = bytes.getInt(at);
        if (length < 0) {
            return null;
        }
        if (length > bytes.limit() - at - 4) {
            throw new MarshalException("Not enough bytes to read a " + kind + " element of " + length + " bytes");
        }
        return bytes.slice(at + 4, length);
    }

    private static int itemsSize(List<ByteBuffer> items) {
        long size = 0;
        for (ByteBuffer item : items) {
            size += 4 + (item == null ? 0 : item.remaining());
        }
        if (size > Integer.MAX_VALUE) {
            throw new MarshalException("Value too large: " + size + " bytes");
        }
        return (int) size;
    }

    private static void putItems(ByteBuffer out, List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            if (item == null) {
                out.putInt(-1);
            } else {
                out.putInt(item.remaining());
                out.put(item.duplicate());
            }
        }
    }
}
