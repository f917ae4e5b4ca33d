package org.charybdis.cql.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses CQL type text as system_schema stores it and CREATE statements write it: native names,
 * {@code list<..>}, {@code set<..>}, {@code map<.., ..>}, {@code tuple<..>}, {@code vector<.., n>},
 * {@code frozen<..>}, user types by (optionally quoted, optionally keyspace-qualified) name, and
 * custom types as quoted class names. Freezing is deep, tuple and vector components are frozen
 * implicitly, and non-frozen collections or UDTs inside collections are refused, as Cassandra does.
 */
public final class CqlTypeParser {
    private final String text;
    private final UserTypeResolver resolver;
    private int pos;

    private CqlTypeParser(String text, UserTypeResolver resolver) {
        this.text = text;
        this.resolver = resolver;
    }

    public static CqlType parse(String cqlTypeText, UserTypeResolver resolver) {
        CqlTypeParser parser = new CqlTypeParser(cqlTypeText, resolver);
        CqlType type = parser.type(false);
        parser.skipSpaces();
        if (parser.pos != parser.text.length()) {
            throw parser.error("unexpected text after the type");
        }
        return type;
    }

    /** Parses a type that names no user type. */
    public static CqlType parse(String cqlTypeText) {
        return parse(cqlTypeText, UserTypeResolver.NONE);
    }

    private CqlType type(boolean frozen) {
        skipSpaces();
        if (peek('\'')) {
            return CustomType.of(quoted('\''));
        }
        boolean quotedName = peek('"');
        String word = quotedName ? quoted('"') : word();
        skipSpaces();
        if (!quotedName && peek('<')) {
            return parameterized(word.toLowerCase(Locale.ROOT), frozen);
        }
        if (!quotedName) {
            NativeType nativeType = NativeType.byName(word);
            if (nativeType != null) {
                return nativeType;
            }
            word = word.toLowerCase(Locale.ROOT);
        }
        return userType(word, frozen);
    }

    private CqlType parameterized(String keyword, boolean frozen) {
        expect('<');
        CqlType type = switch (keyword) {
            case "frozen" -> {
                CqlType inner = type(true);
                if (!(inner.isCollection() || inner instanceof UserType || inner instanceof TupleType)) {
                    throw error("frozen<> is only allowed on collections, tuples, and user-defined types (got "
                            + inner.cqlName() + ")");
                }
                yield inner;
            }
            case "list" -> ListType.of(type(frozen), !frozen);
            case "set" -> SetType.of(type(frozen), !frozen);
            case "map" -> {
                CqlType key = type(frozen);
                expect(',');
                yield MapType.of(key, type(frozen), !frozen);
            }
            case "tuple" -> {
                List<CqlType> components = new ArrayList<>();
                do {
                    components.add(type(true));
                } while (accept(','));
                yield TupleType.of(components);
            }
            case "vector" -> {
                CqlType element = type(true);
                expect(',');
                yield VectorType.of(element, dimension());
            }
            default -> throw error("unknown parameterized type '" + keyword + "'");
        };
        expect('>');
        return type;
    }

    private CqlType userType(String firstName, boolean frozen) {
        String keyspace = null;
        String name = firstName;
        if (accept('.')) {
            keyspace = firstName;
            skipSpaces();
            name = peek('"') ? quoted('"') : word().toLowerCase(Locale.ROOT);
        }
        UserType found = resolver.resolve(keyspace, name);
        if (found == null && keyspace == null && name.equals("empty")) return CustomType.EMPTY; // the name cqlName() gives it
        if (found == null) {
            throw new InvalidTypeException("Unknown type " + (keyspace == null ? "" : keyspace + ".") + name);
        }
        return UserType.of(found.keyspace(), found.name(), found.fieldNames(), found.fieldTypes(), !frozen);
    }

    private int dimension() {
        skipSpaces();
        String digits = word();
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw error("vector dimension '" + digits + "' is not a number");
        }
    }

    private String word() {
        skipSpaces();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a type name");
        }
        return text.substring(start, pos);
    }

    /** A quoted name or string, the quote character doubled inside. */
    private String quoted(char quote) {
        StringBuilder out = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c != quote) {
                out.append(c);
            } else if (peek(quote)) {
                out.append(quote);
                pos++;
            } else {
                return out.toString();
            }
        }
        throw error("unterminated " + quote + "-quoted name");
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean accept(char c) {
        skipSpaces();
        if (peek(c)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private InvalidTypeException error(String problem) {
        return new InvalidTypeException("Invalid type '" + text + "' at position " + pos + ": " + problem);
    }
}
