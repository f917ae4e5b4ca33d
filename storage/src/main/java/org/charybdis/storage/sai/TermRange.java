package org.charybdis.storage.sai;

import org.charybdis.storage.data.UnsignedBytes;

import java.nio.ByteBuffer;

/**
 * The terms an index query asks for, in unsigned byte order; a null bound is open.
 */
public record TermRange(ByteBuffer lower, boolean lowerInclusive, ByteBuffer upper, boolean upperInclusive) {
    /** Exactly one term ({@code =}, {@code CONTAINS}). */
    public static TermRange exactly(ByteBuffer term) {
        return new TermRange(term, true, term, true);
    }

    /** The terms inside both ranges ({@code v > 1 AND v < 5} on one index is one seek, not two half-open scans). */
    public TermRange intersect(TermRange other) {
        ByteBuffer lo = lower;
        boolean loInclusive = lowerInclusive;
        if (other.lower != null) {
            int c = lo == null ? -1 : UnsignedBytes.compare(lo, other.lower);
            if (c < 0 || (c == 0 && !other.lowerInclusive)) {
                lo = other.lower;
                loInclusive = other.lowerInclusive;
            }
        }
        ByteBuffer hi = upper;
        boolean hiInclusive = upperInclusive;
        if (other.upper != null) {
            int c = hi == null ? 1 : UnsignedBytes.compare(hi, other.upper);
            if (c > 0 || (c == 0 && !other.upperInclusive)) {
                hi = other.upper;
                hiInclusive = other.upperInclusive;
            }
        }
        return new TermRange(lo, loInclusive, hi, hiInclusive);
    }

    /** True when {@code term} is at or past the lower bound. */
    boolean startsBeforeOrAt(ByteBuffer term) {
        if (lower == null) return true;
        int c = UnsignedBytes.compare(term, lower);
        return lowerInclusive ? c >= 0 : c > 0;
    }

    /** True when {@code term} is past the upper bound (so are all later terms). */
    boolean endsBefore(ByteBuffer term) {
        if (upper == null) return false;
        int c = UnsignedBytes.compare(term, upper);
        return upperInclusive ? c > 0 : c >= 0;
    }

    /** True when no term can be inside (the bounds cross). */
    boolean isEmpty() {
        if (lower == null || upper == null) return false;
        int c = UnsignedBytes.compare(lower, upper);
        return c > 0 || (c == 0 && !(lowerInclusive && upperInclusive));
    }

    boolean contains(ByteBuffer term) {
        return startsBeforeOrAt(term) && !endsBefore(term);
    }
}
