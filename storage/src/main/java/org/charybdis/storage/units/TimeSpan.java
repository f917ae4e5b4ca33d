package org.charybdis.storage.units;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them, the one duration parser of the configuration and the tools: a number and an
 * optional unit, {@code ns}, {@code us}/{@code µs}, {@code ms}, {@code s}, {@code m}/{@code min}, {@code h},
 * {@code d} (Cassandra 4.1's {@code 10000ms}, {@code 2h}); a bare number is in the caller's unit.
 */
public final class TimeSpan {
    private static final Pattern SPAN = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|min|h|d)?");

    private TimeSpan() {}

    /** Nanoseconds in {@code text}; a bare number counts {@code bareUnit}s. */
    public static long nanos(String text, TimeUnit bareUnit) {
        Matcher m = SPAN.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + (text == null ? "" : text.strip())
                    + "' (expected a number with a unit such as 500ms, 10s, 5m, 2h, 1d)");
        }
        double amount = Double.parseDouble(m.group(1));
        long unitNanos = m.group(2) == null ? bareUnit.toNanos(1) : switch (m.group(2)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m", "min" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 86_400_000_000_000L;
        };
        double nanos = amount * unitNanos;
        if (nanos >= 0x1p63) throw new IllegalArgumentException("duration too long: '" + text.strip() + "'");
        return Math.round(nanos);
    }

    /** The same as a {@link Duration}. */
    public static Duration parse(String text, TimeUnit bareUnit) {
        return Duration.ofNanos(nanos(text, bareUnit));
    }

    /** Whole {@code unit}s in {@code text}; refuses a value that is not a whole number of them (1500us in ms). */
    public static long whole(String text, TimeUnit bareUnit, TimeUnit unit) {
        long nanos = nanos(text, bareUnit);
        long perUnit = unit.toNanos(1);
        if (nanos % perUnit != 0) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a whole number of " + unit.name().toLowerCase(Locale.ROOT));
        }
        return nanos / perUnit;
    }
}
