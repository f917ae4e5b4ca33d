package org.charybdis.storage.compaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cassandra's human-readable byte sizes as compaction options take them: a number, optional spaces,
 * an optional unit prefix and {@code B}. {@code Ki/Mi/Gi/Ti/Pi/Ei} are binary (1 MiB = 2^20 B),
 * {@code k/M/G/T/P/E} decimal (10 MB = 10,000,000 B). A bare number without {@code B} is refused, as
 * Cassandra does.
 */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKMGTPE]?)(i?)B");
    private static final String PREFIXES = "KMGTPE";

    private ByteSize() {}

    /** Bytes in {@code text}; the option name only makes the error message actionable. */
    public static long parse(String option, String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches() || (m.group(2).isEmpty() && !m.group(3).isEmpty())) {
            throw new IllegalArgumentException(option + " " + text + " is not a valid size in bytes:"
                    + " use a number followed by a unit such as B, KiB, MiB, GiB, MB or GB (for example '1GiB')");
        }
        double value = Double.parseDouble(m.group(1));
        int power = m.group(2).isEmpty() ? 0 : PREFIXES.indexOf(Character.toUpperCase(m.group(2).charAt(0))) + 1;
        double bytes = m.group(3).isEmpty() ? value * Math.pow(1000, power) : Math.scalb(value, 10 * power);
        if (bytes >= 0x1p63) throw new IllegalArgumentException(option + " " + text + " is too large");
        return (long) bytes;
    }

    /** A short binary rendering for messages and summaries, e.g. {@code 100 MiB}. */
    public static String format(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int unit = 0;
        while (bytes >= 1024 && unit < units.length - 1) {
            bytes /= 1024;
            unit++;
        }
        return bytes == Math.rint(bytes) ? (long) bytes + " " + units[unit] : String.format("%.3f %s", bytes, units[unit]);
    }
}
