package org.charybdis.cql.syntax;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A column (or field, alias, marker) name as CQL resolves it: unquoted names are lower-cased,
 * "quoted" names keep their case. {@link #name()} is that internal, case-resolved name.
 */
public record ColumnIdentifier(String name) {
    private static final Pattern UNQUOTED = Pattern.compile("[a-z][a-z0-9_]*");

    public ColumnIdentifier {
        Objects.requireNonNull(name, "name");
    }

    /** The identifier as typed without quotes: lower-cased, as CQL does. */
    public static ColumnIdentifier unquoted(String text) {
        return new ColumnIdentifier(text.toLowerCase(Locale.ROOT));
    }

    /** The identifier as written in CQL, quoted when the internal name needs it to keep its case. */
    public String toCqlString() {
        return quoteIfNeeded(name);
    }

    /** Quotes a case-resolved name for CQL output (DESCRIBE, error messages) when plain text would change it. */
    public static String quoteIfNeeded(String name) {
        if (UNQUOTED.matcher(name).matches() && !ReservedKeywords.isReserved(name)) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return name;
    }
}
