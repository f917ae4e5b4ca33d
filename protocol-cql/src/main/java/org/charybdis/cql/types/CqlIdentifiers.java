package org.charybdis.cql.types;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Prints identifiers the way Cassandra does: bare when that reads back the same, double-quoted otherwise. */
public final class CqlIdentifiers {
    private static final Pattern UNQUOTED = Pattern.compile("[a-z][a-z0-9_]*");
    /** Cassandra 5.0's reserved keywords: never valid as bare identifiers. */
    private static final Set<String> RESERVED = Set.of(
            "add", "allow", "alter", "and", "apply", "asc", "authorize", "batch", "begin", "by", "columnfamily",
            "create", "delete", "desc", "describe", "drop", "entries", "execute", "from", "full", "grant", "if",
            "in", "index", "infinity", "insert", "into", "is", "keyspace", "limit", "materialized", "modify", "nan",
            "norecursive", "not", "null", "of", "on", "or", "order", "primary", "rename", "replace", "revoke",
            "schema", "select", "set", "table", "to", "token", "truncate", "unlogged", "unset", "update", "use",
            "using", "view", "where", "with");

    private CqlIdentifiers() {}

    /** {@code address} stays bare; {@code MyType}, {@code "select"} or names with spaces get quotes. */
    public static String maybeQuote(String name) {
        if (UNQUOTED.matcher(name).matches() && !RESERVED.contains(name)) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    public static boolean isReservedKeyword(String word) {
        return RESERVED.contains(word.toLowerCase(Locale.ROOT));
    }
}
