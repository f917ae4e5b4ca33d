package org.charybdis.storage.compaction;

/**
 * Murmur3 token-ring arithmetic for compaction: what fraction of the ring a token span covers. Keys take
 * tokens in {@code [Long.MIN_VALUE + 1, Long.MAX_VALUE]} ({@code Long.MIN_VALUE} is the empty key's
 * minimum token), so the ring holds 2^64 - 1 tokens; spans are computed unsigned so no pair overflows.
 */
public final class TokenSpace {
    /** The smallest token a non-empty partition key can have. */
    public static final long MIN_TOKEN = Long.MIN_VALUE + 1;
    public static final long MAX_TOKEN = Long.MAX_VALUE;
    /**
     * Spans below this fraction (e.g. single-partition SSTables) would produce absurd densities; like
     * Cassandra, such an SSTable is treated as covering the whole ring.
     */
    static final double MINIMUM_COVERAGE = 0x1p-48;

    private TokenSpace() {}

    /** Fraction of the ring between two tokens ({@code first <= last}), floored as described above. */
    public static double fractionCovered(long first, long last) {
        if (last < first) throw new IllegalArgumentException("last token " + last + " < first token " + first);
        double fraction = Math.scalb(unsignedToDouble(last - first), -64);
        return fraction < MINIMUM_COVERAGE ? 1.0 : fraction;
    }

    static double unsignedToDouble(long value) {
        if (value >= 0) return value;
        // Halve (keeping the lowest bit so rounding stays correct), convert, then double.
        return ((value >>> 1) | (value & 1)) * 2.0;
    }
}
