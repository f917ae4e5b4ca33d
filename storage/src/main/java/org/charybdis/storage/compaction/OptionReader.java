package org.charybdis.storage.compaction;

import org.charybdis.storage.units.ByteSize;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Takes typed values out of a compaction option map, one key at a time, with error messages close to
 * Cassandra's ConfigurationException wording. Whatever is left unread at the end is unknown.
 */
final class OptionReader {
    private final Map<String, String> remaining;

    OptionReader(Map<String, String> options) {
        this.remaining = new HashMap<>(options);
    }

    String take(String key) {
        return remaining.remove(key);
    }

    boolean takeBoolean(String key, boolean defaultValue) {
        String s = take(key);
        if (s == null) return defaultValue;
        if (s.equalsIgnoreCase("true")) return true;
        if (s.equalsIgnoreCase("false")) return false;
        throw new IllegalArgumentException(key + " should either be 'true' or 'false', not " + s);
    }

    int takeInt(String key, int defaultValue) {
        String s = take(key);
        if (s == null) return defaultValue;
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(s + " is not a parsable int (base10) for " + key);
        }
    }

    int takePositiveInt(String key, int defaultValue) {
        int value = takeInt(key, defaultValue);
        if (value <= 0) throw new IllegalArgumentException("Invalid configuration, " + key + " should be positive: " + value);
        return value;
    }

    long takeLong(String key, long defaultValue) {
        String s = take(key);
        if (s == null) return defaultValue;
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(s + " is not a parsable long (base10) for " + key);
        }
    }

    long takePositiveLong(String key, long defaultValue) {
        long value = takeLong(key, defaultValue);
        if (value <= 0) throw new IllegalArgumentException("Invalid configuration, " + key + " should be positive: " + value);
        return value;
    }

    double takeDouble(String key, double defaultValue) {
        String s = take(key);
        if (s == null) return defaultValue;
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(s + " is not a parsable float for " + key);
        }
    }

    /** A fraction written either as a number ({@code 0.5}) or a percentage ({@code 50%}). */
    double takeFraction(String key, double defaultValue) {
        String s = take(key);
        if (s == null) return defaultValue;
        String t = s.trim();
        try {
            return t.endsWith("%")
                    ? Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100.0
                    : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " " + s + " is not a valid number between 0 and 1");
        }
    }

    /** A size such as {@code 1GiB}; {@code -1} when absent. */
    long takeSize(String key) {
        String s = take(key);
        if (s == null) return -1;
        try {
            return ByteSize.parseWithUnit(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " " + s + " is not a valid size in bytes: " + e.getMessage());
        }
    }

    /** Refuses any option nobody read, naming all of them. */
    void rejectUnknown(String strategyName) {
        if (!remaining.isEmpty()) {
            throw new IllegalArgumentException("Properties specified " + new TreeSet<>(remaining.keySet())
                    + " are not understood by " + strategyName);
        }
    }
}
