package org.charybdis.tools.bench;

import java.util.Locale;

/** Sizes as operators type them ({@code 4M}, {@code 1G}, {@code 1024}: binary units) and as the report prints them. */
public final class ByteAmount {
    private static final String UNITS = "KMGT";

    private ByteAmount() {}

    /** Parses a byte count with an optional K, M, G or T suffix (powers of 1024; a trailing B or iB is allowed). */
    public static long parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty size");
        String s = text.trim().toUpperCase(Locale.ROOT);
        if (s.endsWith("IB")) s = s.substring(0, s.length() - 2);
        else if (s.endsWith("B")) s = s.substring(0, s.length() - 1);
        int shift = 0;
        int unit = s.isEmpty() ? -1 : UNITS.indexOf(s.charAt(s.length() - 1));
        if (unit >= 0) {
            shift = 10 * (unit + 1);
            s = s.substring(0, s.length() - 1);
        }
        long number;
        try {
            number = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: '" + text + "' (expected e.g. 1024, 64M, 1G)");
        }
        if (number < 0) throw new IllegalArgumentException("negative size: '" + text + "'");
        if (shift > 0 && number > (Long.MAX_VALUE >> shift)) throw new IllegalArgumentException("size too large: '" + text + "'");
        return number << shift;
    }

    /** A byte count with a binary unit and two decimals ({@code 64.00 MiB}); plain bytes below 1 KiB. */
    public static String format(long bytes) {
        if (Math.abs(bytes) < 1024) return bytes + " B";
        double value = bytes;
        int unit = -1;
        while (Math.abs(value) >= 1024 && unit < UNITS.length() - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %siB", value, UNITS.charAt(unit));
    }

    /** Bytes per second in MiB/s; 0 when no time was spent. */
    public static double mibPerSecond(long bytes, long nanos) {
        if (nanos <= 0) return 0;
        return bytes / (1024.0 * 1024.0) / (nanos / 1e9);
    }
}
