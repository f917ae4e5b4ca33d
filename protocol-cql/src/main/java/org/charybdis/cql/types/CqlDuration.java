package org.charybdis.cql.types;

/**
 * A CQL duration value: months, days and nanoseconds kept apart because their lengths vary
 * (a month is not a fixed number of days, a day not a fixed number of nanoseconds across DST).
 * All three parts share one sign.
 */
public record CqlDuration(int months, int days, long nanoseconds) {
    static final long NANOS_PER_MICRO = 1_000L;
    static final long NANOS_PER_MILLI = 1_000_000L;
    static final long NANOS_PER_SECOND = 1_000_000_000L;
    static final long NANOS_PER_MINUTE = 60 * NANOS_PER_SECOND;
    static final long NANOS_PER_HOUR = 60 * NANOS_PER_MINUTE;

    public CqlDuration {
        boolean anyNegative = months < 0 || days < 0 || nanoseconds < 0;
        boolean anyPositive = months > 0 || days > 0 || nanoseconds > 0;
        if (anyNegative && anyPositive) {
            throw new MarshalException("The duration months, days and nanoseconds must be all of the same sign ("
                    + months + ", " + days + ", " + nanoseconds + ")");
        }
    }

    /** Parses any of the three CQL duration forms: {@code 1h30m}, ISO 8601 {@code P1DT2H}, {@code P0001-02-03T04:05:06}. */
    public static CqlDuration parse(String text) {
        return DurationParser.parse(text);
    }

    /** Cassandra's compact form, e.g. {@code 1y2mo3d4h5m6s7ms8us9ns}, {@code -2d}; zero is {@code 0s}. */
    @Override
    public String toString() {
        if (months == 0 && days == 0 && nanoseconds == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        if (months < 0 || days < 0 || nanoseconds < 0) {
            out.append('-');
        }
        long absMonths = Math.abs((long) months);
        append(out, absMonths / 12, "y");
        append(out, absMonths % 12, "mo");
        append(out, Math.abs((long) days), "d");
        long nanos = Math.abs(nanoseconds);
        append(out, nanos / NANOS_PER_HOUR, "h");
        append(out, nanos % NANOS_PER_HOUR / NANOS_PER_MINUTE, "m");
        append(out, nanos % NANOS_PER_MINUTE / NANOS_PER_SECOND, "s");
        append(out, nanos % NANOS_PER_SECOND / NANOS_PER_MILLI, "ms");
        append(out, nanos % NANOS_PER_MILLI / NANOS_PER_MICRO, "us");
        append(out, nanos % NANOS_PER_MICRO, "ns");
        return out.toString();
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount != 0) {
            out.append(amount).append(unit);
        }
    }
}
