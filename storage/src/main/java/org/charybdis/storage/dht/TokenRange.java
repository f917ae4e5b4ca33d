package org.charybdis.storage.dht;

/**
 * A non-wrapping interval of tokens with inclusive or exclusive ends. Cassandra's full ring is
 * {@code [Long.MIN_VALUE, Long.MAX_VALUE]}; an "unbounded" side is expressed with those extremes.
 * Wrapping ranges of Cassandra ({@code (a, b]} with {@code a >= b}) are split by the caller into two.
 */
public record TokenRange(long start, boolean startInclusive, long end, boolean endInclusive) {
    public static final TokenRange FULL_RING = new TokenRange(Long.MIN_VALUE, true, Long.MAX_VALUE, true);

    public static TokenRange closed(long start, long end) { return new TokenRange(start, true, end, true); }

    /** Cassandra's {@code Range} shape: start exclusive, end inclusive. */
    public static TokenRange openClosed(long start, long end) { return new TokenRange(start, false, end, true); }

    public static TokenRange atLeast(long start) { return new TokenRange(start, true, Long.MAX_VALUE, true); }

    public static TokenRange greaterThan(long start) { return new TokenRange(start, false, Long.MAX_VALUE, true); }

    public static TokenRange atMost(long end) { return new TokenRange(Long.MIN_VALUE, true, end, true); }

    public static TokenRange lessThan(long end) { return new TokenRange(Long.MIN_VALUE, true, end, false); }

    public boolean contains(long token) {
        boolean afterStart = startInclusive ? token >= start : token > start;
        boolean beforeEnd = endInclusive ? token <= end : token < end;
        return afterStart && beforeEnd;
    }

    /** True when no token can be inside. */
    public boolean isEmpty() {
        if (start > end) return true;
        if (start == end) return !(startInclusive && endInclusive);
        // (t, t+1) holds nothing
        return !startInclusive && !endInclusive && end - start == 1;
    }

    /** The smallest token inside (only meaningful when not empty). */
    public long firstToken() { return startInclusive ? start : start + 1; }

    /** The largest token inside (only meaningful when not empty). */
    public long lastToken() { return endInclusive ? end : end - 1; }

    @Override
    public String toString() {
        return (startInclusive ? "[" : "(") + start + ", " + end + (endInclusive ? "]" : ")");
    }
}
