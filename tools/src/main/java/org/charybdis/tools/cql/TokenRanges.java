package org.charybdis.tools.cql;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The Murmur3 token ring cut into equal ranges {@code (start, end]}, for scans with
 * {@code token(pk) > start AND token(pk) <= end}. The first starts at the minimum token, which no key has (the
 * partitioner maps it to the maximum), and the last ends at the maximum: together they hold every key exactly once.
 */
public final class TokenRanges {
    public record Range(long start, long end) {
        /** As a range is written in messages: {@code (start, end]}. */
        @Override
        public String toString() {
            return "(" + start + ", " + end + "]";
        }
    }

    private TokenRanges() {}

    public static List<Range> split(int count) {
        if (count < 1) throw new IllegalArgumentException("the number of ranges must be positive: " + count);
        BigInteger min = BigInteger.valueOf(Long.MIN_VALUE);
        BigInteger width = BigInteger.ONE.shiftLeft(64); // from MIN_VALUE to MAX_VALUE + 1
        List<Range> ranges = new ArrayList<>(count);
        long start = Long.MIN_VALUE;
        for (int i = 1; i <= count; i++) {
            long end = i == count ? Long.MAX_VALUE
                    : min.add(width.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(count))).longValueExact();
            ranges.add(new Range(start, end));
            start = end;
        }
        return ranges;
    }
}
