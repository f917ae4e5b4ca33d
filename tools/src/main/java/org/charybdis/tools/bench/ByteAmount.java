package org.charybdis.tools.bench;

import org.charybdis.storage.units.ByteSize;

/** Sizes as operators type them (parsed by {@link ByteSize}) and as the report prints them. */
public final class ByteAmount {
    private ByteAmount() {}

    /** Parses a byte count as {@link ByteSize} does ({@code 64M}, {@code 1GiB}, {@code 1024}). */
    public static long parse(String text) {
        return ByteSize.parse(text);
    }

    /** A byte count with a binary unit and two decimals ({@code 64.00 MiB}); plain bytes below 1 KiB. */
    public static String format(long bytes) {
        return ByteSize.formatTwoDecimals(bytes, "B");
    }

    /** Bytes per second in MiB/s; 0 when no time was spent. */
    public static double mibPerSecond(long bytes, long nanos) {
        if (nanos <= 0) return 0;
        return bytes / (1024.0 * 1024.0) / (nanos / 1e9);
    }
}
