package org.charybdis.tools.iotune;

import java.nio.ByteBuffer;

/** Arithmetic and buffers for O_DIRECT, where sizes, file offsets and buffer addresses must be block multiples. */
final class Alignment {
    private Alignment() { }

    /** The smallest multiple of {@code alignment} that is at least {@code value}. */
    static long roundUp(long value, long alignment) {
        requirePositive(alignment);
        return Math.ceilDiv(value, alignment) * alignment;
    }

    /** The largest multiple of {@code alignment} that is at most {@code value}. */
    static long roundDown(long value, long alignment) {
        requirePositive(alignment);
        return Math.floorDiv(value, alignment) * alignment;
    }

    static boolean isAligned(long value, long alignment) {
        requirePositive(alignment);
        return value % alignment == 0;
    }

    /** A direct buffer of {@code size} bytes whose address is a multiple of {@code alignment} (a power of two). */
    static ByteBuffer buffer(int size, int alignment) {
        if (Integer.bitCount(alignment) != 1) throw new IllegalArgumentException("alignment must be a power of two: " + alignment);
        // alignedSlice drops the unaligned head, so over-allocate by one alignment unit and cut to size
        int capacity = Math.toIntExact(roundUp(size, alignment) + alignment);
        return ByteBuffer.allocateDirect(capacity).alignedSlice(alignment).limit(size).slice();
    }

    private static void requirePositive(long alignment) {
        if (alignment <= 0) throw new IllegalArgumentException("alignment must be positive: " + alignment);
    }
}
