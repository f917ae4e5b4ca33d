package org.charybdis.cql.syntax;

import java.util.Locale;
import java.util.Set;

/** CQL's reserved keywords: names that must be double-quoted to be used as identifiers. */
public final class ReservedKeywords {
    // Must match the keywords left out of `unreservedKeyword` in Cql.g4.
    private static final Set<String> RESERVED = Set.of(
            "add", "allow", "alter", "and", "apply", "asc", "authorize", "batch", "begin", "by",
            "columnfamily", "create", "delete", "desc", "describe", "drop", "entries", "execute",
            "false", "from", "full", "grant", "if", "in", "index", "infinity", "insert", "into", "is",
            "keyspace", "limit", "materialized", "modify", "nan", "norecursive", "not", "null", "of",
            "on", "or", "order", "primary", "rename", "replace", "revoke", "schema", "select", "set",
            "table", "to", "token", "true", "truncate", "unlogged", "update", "use", "using", "view",
            "where", "with");

    private ReservedKeywords() {}

    /** True if {@code word} (any case) is reserved. */
    public static boolean isReserved(String word) {
        return RESERVED.contains(word.toLowerCase(Locale.ROOT));
    }
}
