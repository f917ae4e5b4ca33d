package org.charybdis.storage.units;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as people type them, the one parser of the codebase (configuration, table options, tools): a number,
 * optional spaces, an optional unit. {@code KiB/MiB/GiB/TiB/PiB/EiB} and the bare prefixes {@code K/M/G/T/P/E} are
 * binary (1 MiB = 2^20 B; {@code 2G} as in {@code -Xmx2G} and ScyllaDB's {@code --memory 2G}); {@code kB/MB/GB/TB/PB/EB}
 * are decimal (10 MB = 10,000,000 B), as Cassandra reads them. Whether a bare number is bytes is the caller's choice:
 * Cassandra's table options refuse it, the configuration reads it in the key's own unit.
 */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:([kKmMgGtTpPeE])(iB|B)?|(B))?");
    private static final String PREFIXES = "KMGTPE";
    public static final String UNITS_HELP = "a number with a unit such as B, KiB, MiB, GiB (binary: K, M, G, T too) or kB, MB, GB (decimal)";

    private ByteSize() {}

    /** Bytes in {@code text}; a bare number is bytes. */
    public static long parse(String text) {
        Parsed parsed = parsed(text);
        return parsed.bytes;
    }

    /** Bytes in {@code text}, which must carry a unit (Cassandra refuses a bare number in table options). */
    public static long parseWithUnit(String text) {
        Parsed parsed = parsed(text);
        if (!parsed.hasUnit) throw invalid(text);
        return parsed.bytes;
    }

    /** Whether {@code text} is a plain number without a unit, which callers may read in a unit of their own. */
    public static boolean isBareNumber(String text) {
        return text != null && text.strip().matches("\\d+");
    }

    private record Parsed(long bytes, boolean hasUnit) {}

    private static Parsed parsed(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.strip());
        if (!m.matches()) throw invalid(text);
        double value = Double.parseDouble(m.group(1));
        String prefix = m.group(2);
        boolean hasUnit = prefix != null || m.group(4) != null;
        if (prefix == null && !hasUnit && m.group(1).contains(".")) throw invalid(text);
        double bytes = value;
        if (prefix != null) {
            int power = PREFIXES.indexOf(Character.toUpperCase(prefix.charAt(0))) + 1;
            boolean decimal = "B".equals(m.group(3));
            bytes = decimal ? value * Math.pow(1000, power) : Math.scalb(value, 10 * power);
        }
        if (bytes >= 0x1p63) throw new IllegalArgumentException("size too large: '" + text.strip() + "'");
        return new Parsed((long) bytes, hasUnit);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("not a size: '" + (text == null ? "" : text.strip()) + "' (expected " + UNITS_HELP + ")");
    }

    /**
     * A byte count with a binary unit and two decimals, as reports and nodetool print them ({@code 92.52 KiB}); below
     * 1 KiB the plain count followed by {@code bytesUnit} ({@code 512 B}, or nodetool's {@code 512 bytes}).
     */
    public static String formatTwoDecimals(long bytes, String bytesUnit) {
        if (Math.abs(bytes) < 1024) return bytes + " " + bytesUnit;
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = -1;
        while (Math.abs(value) >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
    }

    /** A short binary rendering for messages and summaries, e.g. {@code 100 MiB}. */
    public static String format(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int unit = 0;
        while (bytes >= 1024 && unit < units.length - 1) {
            bytes /= 1024;
            unit++;
        }
        return bytes == Math.rint(bytes) ? (long) bytes + " " + units[unit] : String.format(Locale.ROOT, "%.3f %s", bytes, units[unit]);
    }
}
