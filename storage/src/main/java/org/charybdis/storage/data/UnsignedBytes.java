package org.charybdis.storage.data;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;

/** Lexicographic order of the remaining bytes of buffers, bytes compared as unsigned (Cassandra's byte order). */
public final class UnsignedBytes {
    public static final Comparator<ByteBuffer> ORDER = UnsignedBytes::compare;

    private UnsignedBytes() {}

    /** Compares without moving either buffer's position; the sign of the result tells the order. */
    public static int compare(ByteBuffer a, ByteBuffer b) {
        if (a.hasArray() && b.hasArray()) { // the usual case: the JDK's vectorized array comparison, no buffer accessors
            int aStart = a.arrayOffset() + a.position();
            int bStart = b.arrayOffset() + b.position();
            return Arrays.compareUnsigned(a.array(), aStart, aStart + a.remaining(), b.array(), bStart, bStart + b.remaining());
        }
        return compareByMismatch(a, b);
    }

    /** Compares the buffer's remaining bytes with the array's, without moving the buffer's position. */
    public static int compare(ByteBuffer a, byte[] b) {
        if (a.hasArray()) {
            int aStart = a.arrayOffset() + a.position();
            return Arrays.compareUnsigned(a.array(), aStart, aStart + a.remaining(), b, 0, b.length);
        }
        return compareByMismatch(a, ByteBuffer.wrap(b));
    }

    private static int compareByMismatch(ByteBuffer a, ByteBuffer b) {
        int aLength = a.remaining();
        int bLength = b.remaining();
        int mismatch = a.mismatch(b);
        if (mismatch < 0) return 0;
        if (mismatch >= aLength || mismatch >= bLength) return Integer.compare(aLength, bLength);
        return Integer.compare(a.get(a.position() + mismatch) & 0xff, b.get(b.position() + mismatch) & 0xff);
    }
}
