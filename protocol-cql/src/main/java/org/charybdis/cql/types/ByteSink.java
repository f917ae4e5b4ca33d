package org.charybdis.cql.types;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** A growable byte array that {@link ByteComparable} writes one encoding into. */
final class ByteSink {
    private byte[] bytes;
    private int size;

    ByteSink(int expectedSize) {
        bytes = new byte[Math.max(16, expectedSize)];
    }

    int size() {
        return size;
    }

    void put(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    void putInt(int v) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) bytes[size++] = (byte) (v >>> shift);
    }

    void putLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) bytes[size++] = (byte) (v >>> shift);
    }

    /** {@code length} bytes of the buffer from index {@code from}, as they are. */
    void putRaw(ByteBuffer value, int from, int length) {
        ensure(length);
        value.get(from, bytes, size, length);
        size += length;
    }

    /**
     * The value's bytes in unsigned order, self-delimited: each 0x00 as 0x00 0xFF, then a 0x00 0x00 terminator. When
     * one value is a prefix of another, the shorter one's terminator meets a non-zero byte or an escaped 0x00 0xFF
     * of the longer, so it sorts first; and as 0x00 0x00 appears nowhere else, no encoding is a prefix of another.
     */
    void putEscaped(ByteBuffer value) {
        for (int i = value.position(); i < value.limit(); i++) {
            byte b = value.get(i);
            put(b);
            if (b == 0) put(0xFF);
        }
        put(0);
        put(0);
    }

    /** Flips every bit written since {@code from}: reverses the order of a prefix-free encoding. */
    void invertFrom(int from) {
        for (int i = from; i < size; i++) bytes[i] = (byte) ~bytes[i];
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
    }
}
