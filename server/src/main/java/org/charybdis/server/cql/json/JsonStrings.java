package org.charybdis.server.cql.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.util.Locale;

/**
 * String rules shared by both directions: JSON string escaping (Jackson's, as Cassandra uses), and how
 * column and field names become JSON keys and back.
 */
public final class JsonStrings {
    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private JsonStrings() {}

    /** Appends {@code text} as a quoted JSON string. */
    public static void appendQuoted(CharSequence text, StringBuilder out) {
        out.append('"');
        ENCODER.quoteAsString(text, out);
        out.append('"');
    }

    /**
     * Appends a column or field name as a JSON key: a name with upper case letters is wrapped in (escaped)
     * double quotes, as {@code INSERT JSON} expects it back, e.g. {@code "\"Name\""}.
     */
    public static void appendKey(String name, StringBuilder out) {
        appendQuoted(isCaseSensitive(name) ? '"' + name + '"' : name, out);
    }

    /**
     * The column or field name a JSON key designates: a key in double quotes is taken as written (without
     * the quotes), any other key is case-insensitive (lower-cased).
     */
    public static String nameOfKey(String key) {
        if (key.length() >= 2 && key.charAt(0) == '"' && key.charAt(key.length() - 1) == '"') {
            return key.substring(1, key.length() - 1);
        }
        return key.toLowerCase(Locale.ROOT);
    }

    private static boolean isCaseSensitive(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (Character.isUpperCase(name.charAt(i))) return true;
        }
        return false;
    }
}
