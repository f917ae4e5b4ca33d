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
