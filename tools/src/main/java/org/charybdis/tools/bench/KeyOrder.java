package org.charybdis.tools.bench;

/**
 * A pseudo-random permutation of {@code [0, n)} without a table: a bijection on the next power of two
 * (multiply by an odd constant, xor-shift, multiply, add) walked until it lands below n. Writing rows in
 * this order puts every key exactly once while neighbouring writes land far apart, whatever the size.
 */
final class KeyOrder {
    private final long size;
    private final long mask;
    private final int halfBits;
    private final long multiplier1;
    private final long multiplier2;
    private final long offset;

    KeyOrder(long size, long seed) {
        if (size < 1) throw new IllegalArgumentException("empty key range");
        this.size = size;
        int bits = Math.max(1, 64 - Long.numberOfLeadingZeros(size - 1));
        this.mask = bits == 64 ? -1L : (1L << bits) - 1;
        this.halfBits = Math.max(1, bits / 2);
        this.multiplier1 = (seed * 0x9E3779B97F4A7C15L) | 1;
        this.multiplier2 = (Long.rotateLeft(seed, 17) * 0xC2B2AE3D27D4EB4FL) | 1;
        this.offset = seed * 0x165667B19E3779F9L;
    }

    long size() { return size; }

    /** The key index written at position {@code position}; distinct positions give distinct indexes. */
    long at(long position) {
        if (position < 0 || position >= size) throw new IndexOutOfBoundsException(position + " not in [0, " + size + ")");
        long x = position;
        do {
            x = mix(x);
        } while (x >= size);
        return x;
    }

    private long mix(long x) {
        x = (x * multiplier1) & mask;
        x ^= x >>> halfBits;
        x = (x * multiplier2 + offset) & mask;
        return x;
    }
}
