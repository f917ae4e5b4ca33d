package org.charybdis.server.config;

import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.storage.units.ByteSize;
import org.charybdis.storage.units.TimeSpan;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Parsers for the value shapes configuration keys take (ports, sizes, addresses, enums). */
final class ConfigValues {
    private ConfigValues() {}

    /**
     * A class name as Cassandra 5.0 writes it, plain ({@code authenticator: PasswordAuthenticator}) or as a map
     * ({@code authenticator: {class_name: PasswordAuthenticator, parameters: ...}}); other values as text.
     */
    static String className(Object raw) {
        if (raw instanceof java.util.Map<?, ?> map && map.containsKey("class_name")) return string(map.get("class_name"));
        return string(raw);
    }

    static String string(Object raw) {
        if (raw == null) throw new IllegalArgumentException("a value is required");
        return raw.toString();
    }

    static Integer integer(Object raw) {
        if (raw instanceof Number n) return Math.toIntExact(n.longValue());
        try {
            return Integer.parseInt(string(raw).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an integer");
        }
    }

    static Integer port(Object raw) {
        int port = integer(raw);
        if (port < 0 || port > 65535) throw new IllegalArgumentException("a port must be between 0 and 65535");
        return port;
    }

    /** A port where -1 switches the listener off and 0 picks a free port (tests use 0). */
    static Integer portOrDisabled(Object raw) {
        int port = integer(raw);
        if (port == -1) return port;
        if (port < 0 || port > 65535) throw new IllegalArgumentException("a port must be between 0 and 65535, or -1 to disable");
        return port;
    }

    static Integer positive(Object raw) {
        int value = integer(raw);
        if (value < 1) throw new IllegalArgumentException("must be at least 1");
        return value;
    }

    static Boolean bool(Object raw) {
        if (raw instanceof Boolean b) return b;
        return switch (string(raw).trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true; // 1 and 0: ScyllaDB's switches (--developer-mode 1)
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    static String address(Object raw) {
        String text = string(raw).trim();
        try {
            InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host or address");
        }
        return text;
    }

    /** An address, or empty for "the default". */
    static String addressOrEmpty(Object raw) {
        return raw == null || raw.toString().isBlank() ? "" : address(raw);
    }

    /** A positive size in bytes ({@link ByteSize}: {@code 512M}, {@code 2GiB}, {@code 1048576}). */
    static Long size(Object raw) {
        long bytes = raw instanceof Number n ? n.longValue() : ByteSize.parse(string(raw));
        if (bytes <= 0) throw new IllegalArgumentException("must be positive");
        return bytes;
    }

    /** A size in bytes where 0 means "work it out" ({@code native_transport_max_request_data_in_flight}). */
    static Long sizeOrZero(Object raw) {
        long bytes = raw instanceof Number n ? n.longValue() : ByteSize.parse(string(raw));
        if (bytes < 0) throw new IllegalArgumentException("must not be negative");
        return bytes;
    }

    /**
     * A size in whole mebibytes, for the {@code _in_mb} keys: a bare number is MiB (scylla.yaml), a size with a unit
     * is converted (Cassandra 4.1's {@code commitlog_segment_size: 32MiB}).
     */
    static Integer mebibytes(Object raw) {
        return wholeUnits(raw, 20, "MiB");
    }

    /** A size in whole kibibytes, for the {@code _in_kb} keys, read as {@link #mebibytes} reads MiB. */
    static Integer kibibytes(Object raw) {
        int value = wholeUnits(raw, 10, "KiB");
        if (value < 0) throw new IllegalArgumentException("must not be negative");
        return value;
    }

    /** A bare number as it is, a size with a unit in units of {@code 1 << shift} bytes. */
    private static Integer wholeUnits(Object raw, int shift, String unit) {
        if (raw instanceof Number || string(raw).strip().matches("-?\\d+")) return integer(raw);
        long bytes = ByteSize.parse(string(raw));
        if (bytes % (1L << shift) != 0) throw new IllegalArgumentException("must be a whole number of " + unit);
        return Math.toIntExact(bytes >> shift);
    }

    /** Positive MiB, or -1 (scylla.yaml's "automatic") for {@code auto}. */
    static Function1<Integer> positiveMebibytesOrAuto(int auto) {
        return raw -> mebibytes(raw) == -1 ? auto : positiveMebibytes(raw);
    }

    static Integer positiveMebibytes(Object raw) {
        int value = mebibytes(raw);
        if (value < 1) throw new IllegalArgumentException("must be at least 1 MiB");
        return value;
    }

    /**
     * A duration in whole milliseconds, for the {@code _in_ms} keys: a bare number is milliseconds (scylla.yaml), a
     * duration with a unit is converted (Cassandra 4.1's {@code read_request_timeout: 5000ms}, {@code 5s}).
     */
    static Integer millis(Object raw) {
        if (raw instanceof Number) return integer(raw);
        return Math.toIntExact(TimeSpan.whole(string(raw), TimeUnit.MILLISECONDS, TimeUnit.MILLISECONDS));
    }

    static Integer nonNegativeMillis(Object raw) {
        int value = millis(raw);
        if (value < 0) throw new IllegalArgumentException("must not be negative");
        return value;
    }

    static Integer positiveMillis(Object raw) {
        int value = millis(raw);
        if (value < 1) throw new IllegalArgumentException("must be at least 1 ms");
        return value;
    }

    /**
     * A rate in bytes per second: a size per second ({@link ByteSize}: Cassandra 4.1's {@code 64MiB/s}, {@code 512KiB/s})
     * or a plain number of MiB/s (scylla.yaml's {@code compaction_throughput_mb_per_sec: 16}); 0 allowed.
     */
    static Long mebibytesPerSecond(Object raw) {
        if (raw instanceof Number || string(raw).strip().matches("\\d+")) return (long) nonNegative(raw) << 20;
        String text = string(raw).strip();
        if (!text.endsWith("/s")) throw new IllegalArgumentException("expected a rate such as 64MiB/s, 512KiB/s or a number of MiB/s");
        return ByteSize.parse(text.substring(0, text.length() - 2));
    }

    /** A directory; a YAML list (scylla.yaml's data_file_directories) may name exactly one. Empty: the default. */
    static String directory(Object raw) {
        if (raw instanceof java.util.List<?> list) {
            if (list.size() != 1) throw new IllegalArgumentException("exactly one directory is supported, got " + list.size());
            raw = list.getFirst();
        }
        return raw == null ? "" : raw.toString().trim();
    }

    /** A file name; empty when not given. */
    static String file(Object raw) {
        return raw == null ? "" : raw.toString().trim();
    }

    /** A list given as a YAML list or as comma-separated text (the command line); kept as comma-separated text. */
    static String list(Object raw) {
        java.util.List<String> items = new java.util.ArrayList<>();
        if (raw instanceof java.util.List<?> list) list.forEach(item -> items.add(String.valueOf(item).trim()));
        else if (raw != null) for (String item : raw.toString().split(",")) items.add(item.trim());
        items.removeIf(String::isEmpty);
        return String.join(",", items);
    }

    /** A fraction in (0, 1], like 0.5. */
    static Double fraction(Object raw) {
        double value = decimal(raw, "a fraction such as 0.5");
        if (!(value > 0 && value <= 1)) throw new IllegalArgumentException("must be greater than 0 and at most 1");
        return value;
    }

    /** A probability in [0, 1], like 0.01. */
    static Double probability(Object raw) {
        double value = decimal(raw, "a probability such as 0.01");
        if (!(value >= 0 && value <= 1)) throw new IllegalArgumentException("must be between 0 and 1");
        return value;
    }

    private static double decimal(Object raw, String expected) {
        if (raw instanceof Number n) return n.doubleValue();
        try {
            return Double.parseDouble(string(raw).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + expected);
        }
    }

    /** A non-negative integer (0 has a meaning, e.g. "sync at once"). */
    static Integer nonNegative(Object raw) {
        int value = integer(raw);
        if (value < 0) throw new IllegalArgumentException("must not be negative");
        return value;
    }

    /** Shares fixed by configuration, or 0 to leave them to a backlog controller. */
    static Integer staticShares(Object raw) {
        int value = nonNegative(raw);
        if (value > SchedulingGroup.MAX_SHARES) throw new IllegalArgumentException("must be at most " + SchedulingGroup.MAX_SHARES);
        return value;
    }

    static Function1<String> oneOf(String... allowed) {
        return raw -> {
            String text = className(raw).trim();
            for (String a : allowed) {
                if (a.equalsIgnoreCase(text) || text.endsWith("." + a)) return a;
            }
            throw new IllegalArgumentException("expected one of " + String.join(", ", allowed));
        };
    }

    /**
     * A comma-separated list of names, each one of {@code allowed} (any case), e.g. scylla.yaml's
     * {@code audit_categories: "DCL,DDL,AUTH"}; answers the names as written in {@code allowed}, comma-separated.
     */
    static Function1<String> namesOf(String... allowed) {
        return raw -> {
            java.util.List<String> names = new java.util.ArrayList<>();
            String items = list(raw);
            for (String name : items.isEmpty() ? new String[0] : items.split(",")) {
                String found = null;
                for (String a : allowed) if (a.equalsIgnoreCase(name)) found = a;
                if (found == null) throw new IllegalArgumentException("unknown name " + name + "; expected names among " + String.join(", ", allowed));
                if (!names.contains(found)) names.add(found);
            }
            return String.join(",", names);
        };
    }

    interface Function1<T> extends java.util.function.Function<Object, T> {}
}
