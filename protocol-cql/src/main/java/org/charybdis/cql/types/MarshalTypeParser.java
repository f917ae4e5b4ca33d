package org.charybdis.cql.types;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses Cassandra's marshal class strings, e.g.
 * {@code org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType,3)} or
 * {@code FrozenType(ListType(Int32Type))}. Class names outside Cassandra's marshal package, and
 * marshal classes with no CQL type, become {@link CustomType}s.
 */
public final class MarshalTypeParser {
    private final String text;
    private int pos;

    private MarshalTypeParser(String text) {
        this.text = text;
    }

    public static CqlType parse(String marshalClassName) {
        MarshalTypeParser parser = new MarshalTypeParser(marshalClassName.strip());
        CqlType type = parser.type();
        if (parser.pos != parser.text.length()) {
            throw parser.error("unexpected text after the type");
        }
        return type;
    }

    private CqlType type() {
        int start = pos;
        String className = name();
        String simple = simpleName(className);
        if (simple == null) {
            return custom(start, className);
        }
        if (!peek('(')) {
            NativeType nativeType = NativeType.byMarshalClassName(NativeType.MARSHAL_PACKAGE + simple);
            return nativeType != null ? nativeType : CustomType.of(className);
        }
        return switch (simple) {
            case "FrozenType" -> single().freeze();
            case "ReversedType" -> single();
            case "ListType" -> ListType.of(single(), true);
            case "SetType" -> SetType.of(single(), true);
            case "MapType" -> {
                expect('(');
                CqlType key = type();
                expect(',');
                CqlType value = type();
                expect(')');
                yield MapType.of(key, value, true);
            }
            case "TupleType" -> TupleType.of(typeList());
            case "UserType" -> userType();
            case "VectorType" -> vectorType();
            default -> custom(start, className);
        };
    }

    private CqlType single() {
        expect('(');
        CqlType inner = type();
        expect(')');
        return inner;
    }

    private List<CqlType> typeList() {
        expect('(');
        List<CqlType> types = new ArrayList<>();
        do {
            types.add(type());
        } while (accept(','));
        expect(')');
        return types;
    }

    private UserType userType() {
        expect('(');
        String keyspace = name();
        expect(',');
        String name = unhex(name());
        List<String> fieldNames = new ArrayList<>();
        List<CqlType> fieldTypes = new ArrayList<>();
        while (accept(',')) {
            fieldNames.add(unhex(name()));
            expect(':');
            fieldTypes.add(type());
        }
        expect(')');
        return UserType.of(keyspace, name, fieldNames, fieldTypes, true);
    }

    private VectorType vectorType() {
        expect('(');
        CqlType element = type();
        expect(',');
        String digits = name();
        expect(')');
        try {
            return VectorType.of(element, Integer.parseInt(digits));
        } catch (NumberFormatException e) {
            throw error("vector dimension '" + digits + "' is not a number");
        }
    }

    /** A class this parser does not model: the whole text, parameters included, names the custom type. */
    private CqlType custom(int start, String className) {
        if (peek('(')) {
            int depth = 0;
            do {
                char c = text.charAt(pos++);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            } while (depth > 0 && pos < text.length());
            if (depth != 0) {
                throw error("unbalanced parentheses");
            }
        }
        return CustomType.of(text.substring(start, pos));
    }

    /** The class name inside Cassandra's marshal package (short names are taken to be there), else null. */
    private static String simpleName(String className) {
        if (className.startsWith(NativeType.MARSHAL_PACKAGE)) {
            return className.substring(NativeType.MARSHAL_PACKAGE.length());
        }
        return className.indexOf('.') < 0 ? className : null;
    }

    private String name() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '$' || c == '-' || c == '+')) {
                break;
            }
            pos++;
        }
        if (start == pos) {
            throw error("expected a name");
        }
        return text.substring(start, pos);
    }

    private String unhex(String hex) {
        try {
            return new String(RawBytes.copy(RawBytes.fromHex(hex)), StandardCharsets.UTF_8);
        } catch (MarshalException e) {
            throw error("'" + hex + "' is not a hex-encoded name");
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean accept(char c) {
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
        return new InvalidTypeException("Invalid marshal type '" + text + "' at position " + pos + ": " + problem);
    }
}
