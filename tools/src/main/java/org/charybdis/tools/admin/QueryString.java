package org.charybdis.tools.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds an admin API path with URL-encoded query parameters: {@code /storage/flush?keyspace=ks&table=t}. */
final class QueryString {
    private final StringBuilder text;
    private boolean first = true;

    QueryString(String path) {
        this.text = new StringBuilder(path);
    }

    /** Adds name=value; a null value is skipped. */
    QueryString add(String name, String value) {
        if (value == null) return this;
        text.append(first ? '?' : '&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        first = false;
        return this;
    }

    /** Adds name=value for each value, as repeated parameters. */
    QueryString addAll(String name, Iterable<String> values) {
        if (values != null) for (String value : values) add(name, value);
        return this;
    }

    /** A value as one path segment (a keyspace or logger name): URL-encoded, spaces as %20. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
