package org.charybdis.cql.types;

import java.nio.ByteBuffer;

/**
 * Cassandra's variable-length integers: the count of leading one bits in the first byte is the
 * number of extra bytes; signed values are zig-zag encoded first.
 */
final class VInts {
    private VInts() {}

    static int sizeOfUnsigned(long value) {
        int bits = 64 - Long.numberOfLeadingZeros(value | 1);
        for (int extra = 0; extra < 8; extra++) {
            if (bits <= 7 * extra + 7) {
                return extra + 1;
            }
        }
        return 9;
    }

    static int sizeOfSigned(long value) {
        return sizeOfUnsigned(zigZag(value));
    }

    static long zigZag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    static long unZigZag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    /** Writes at the buffer's position and advances it. */
    static void writeUnsigned(ByteBuffer out, long value) {
        int extra = sizeOfUnsigned(value) - 1;
        if (extra == 8) {
            out.put((byte) 0xFF).putLong(value);
            return;
        }
        int marker = ~(0xFF >> extra) & 0xFF;
        out.put((byte) (marker | (value >>> (8 * extra))));
        for (int i = extra - 1; i >= 0; i--) {
            out.put((byte) (value >>> (8 * i)));
        }
    }

    static void writeSigned(ByteBuffer out, long value) {
        writeUnsigned(out, zigZag(value));
    }

    /** Bytes taken by the vint starting at that absolute index, or -1 if it runs past the limit. */
    static int lengthAt(ByteBuffer in, int index) {
        if (index >= in.limit()) {
            return -1;
        }
        int first = in.get(index) & 0xFF;
        int size = Integer.numberOfLeadingZeros(~first & 0xFF) - 23;
        return index + size <= in.limit() ? size : -1;
    }

    /** Reads the unsigned vint at that absolute index; the caller checked {@link #lengthAt}. */
    static long readUnsignedAt(ByteBuffer in, int index) {
        int first = in.get(index) & 0xFF;
        int extra = Integer.numberOfLeadingZeros(~first & 0xFF) - 24;
        long value = extra == 8 ? 0 : first & (0xFF >> extra);
        for (int i = 1; i <= extra; i++) {
            value = (value << 8) | (in.get(index + i) & 0xFF);
        }
        return value;
    }

    static long readSignedAt(ByteBuffer in, int index) {
        return unZigZag(readUnsignedAt(in, index));
    }
}
