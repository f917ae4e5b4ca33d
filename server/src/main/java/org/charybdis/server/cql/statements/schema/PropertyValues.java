package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.SyntaxException;
import org.charybdis.cql.syntax.Term;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads the constants of a DDL {@code WITH name = value} clause, with Cassandra's messages for wrong kinds. */
final class PropertyValues {
    private PropertyValues() {}

    static String string(String property, Term value) {
        if (value instanceof Term.Literal literal) return literal.text();
        throw new SyntaxException("Invalid value for property '" + property + "'. It should be a string");
    }

    static int integer(String property, Term value) {
        String text = string(property, value);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new SyntaxException("Invalid integer value " + text + " for '" + property + "'");
        }
    }

    static double decimal(String property, Term value) {
        String text = string(property, value);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new SyntaxException("Invalid double value " + text + " for '" + property + "'");
        }
    }

    static boolean bool(String property, Term value) {
        String text = string(property, value).toLowerCase(Locale.ROOT);
        return switch (text) {
            case "1", "true", "yes" -> true;
            case "0", "false", "no" -> false;
            default -> throw new SyntaxException("Invalid boolean value " + string(property, value) + " for '" + property
                    + "'. Positive values can be '1', 'true' or 'yes'. Negative values can be '0', 'false' or 'no'.");
        };
    }

    /** A {@code {k: v}} map of constants, as text, in the order given. */
    static Map<String, String> map(String property, Term value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value instanceof Term.MapLiteral map) {
            for (Term.MapEntry entry : map.entries()) {
                if (!(entry.key() instanceof Term.Literal key) || !(entry.value() instanceof Term.Literal v)) {
                    throw new SyntaxException("Invalid value for property '" + property + "'. It should be a map.");
                }
                out.put(key.text(), v.text());
            }
            return out;
        }
        if (value instanceof Term.UdtLiteral udt) {
            for (var entry : udt.fields().entrySet()) {
                if (!(entry.getValue() instanceof Term.Literal v)) {
                    throw new SyntaxException("Invalid value for property '" + property + "'. It should be a map.");
                }
                out.put(entry.getKey().name(), v.text());
            }
            return out;
        }
        throw new SyntaxException("Invalid value for property '" + property + "'. It should be a map.");
    }
}
