package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.CollectionType;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.TupleType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Cassandra's rules for which values fit which types: value compatibility between types (the bytes of
 * one are valid bytes of the other) and the types a constant may be read as, with the one it prefers.
 */
public final class TypeCompatibility {
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

    private TypeCompatibility() {}

    /** EXACT for the same type, WEAK when the provided values are also valid receiver values. */
    public static Assignment assignment(CqlType receiver, CqlType provided) {
        // a function takes values, not cells: frozen<t> and t are the same argument
        if (receiver.equals(provided) || receiver.freeze().equals(provided.freeze())) return Assignment.EXACT;
        return isValueCompatible(receiver, provided) ? Assignment.WEAK : Assignment.NONE;
    }

    /**
     * True when every serialized value of {@code provided} is a valid value of {@code receiver}; collections of the
     * same kind and freezing, and tuples, when their elements are.
     */
    public static boolean isValueCompatible(CqlType receiver, CqlType provided) {
        if (receiver.equals(provided) || receiver == NativeType.BLOB) return true;
        if (receiver instanceof CollectionType || receiver instanceof TupleType) {
            return receiver.getClass() == provided.getClass() && receiver.isMultiCell() == provided.isMultiCell()
                    && elementsCompatible(receiver.subTypes(), provided.subTypes());
        }
        if (!(receiver instanceof NativeType r) || !(provided instanceof NativeType p)) return false;
        return switch (r) {
            case TEXT -> p == NativeType.ASCII;
            case BIGINT -> p == NativeType.TIMESTAMP;
            case TIME -> p == NativeType.BIGINT;
            case TIMESTAMP -> p == NativeType.BIGINT;
            case DATE -> p == NativeType.INT;
            case VARINT -> p == NativeType.INT || p == NativeType.BIGINT || p == NativeType.TIMESTAMP;
            case UUID -> p == NativeType.TIMEUUID;
            default -> false;
        };
    }

    private static boolean elementsCompatible(List<CqlType> receiver, List<CqlType> provided) {
        if (receiver.size() != provided.size()) return false;
        for (int i = 0; i < receiver.size(); i++) if (!isValueCompatible(receiver.get(i), provided.get(i))) return false;
        return true;
    }

    /** How a constant fits a type: EXACT for the type it prefers, WEAK for the others it may be read as. */
    public static Assignment assignment(Term.Literal literal, CqlType type) {
        if (!(type instanceof NativeType nativeType)) return Assignment.NONE;
        if (nativeType == preferredType(literal)) return Assignment.EXACT;
        return accepts(nativeType, literal.kind()) ? Assignment.WEAK : Assignment.NONE;
    }

    /** The type a constant takes when nothing else decides (e.g. an operand of arithmetic in a SELECT). */
    public static NativeType preferredType(Term.Literal literal) {
        String text = literal.text();
        return switch (literal.kind()) {
            case STRING -> text.chars().allMatch(c -> c < 128) ? NativeType.ASCII : NativeType.TEXT;
            case INTEGER -> {
                BigInteger value = new BigInteger(text);
                if (value.compareTo(INT_MIN) >= 0 && value.compareTo(INT_MAX) <= 0) yield NativeType.INT;
                yield value.bitLength() < 64 ? NativeType.BIGINT : NativeType.VARINT;
            }
            case FLOAT -> floatingType(text);
            case BOOLEAN -> NativeType.BOOLEAN;
            case UUID -> NativeType.UUID;
            case HEX -> NativeType.BLOB;
            case DURATION -> NativeType.DURATION;
        };
    }

    /** Whether a constant of that kind can be read as that type. */
    public static boolean accepts(NativeType type, Term.LiteralKind kind) {
        return switch (kind) {
            case STRING -> switch (type) {
                case ASCII, TEXT, INET, DATE, TIME, TIMESTAMP -> true;
                default -> false;
            };
            case INTEGER -> switch (type) {
                case BIGINT, COUNTER, DATE, DECIMAL, DOUBLE, FLOAT, INT, SMALLINT, TIME, TIMESTAMP, TINYINT, VARINT -> true;
                default -> false;
            };
            case FLOAT -> type == NativeType.DECIMAL || type == NativeType.DOUBLE || type == NativeType.FLOAT;
            case BOOLEAN -> type == NativeType.BOOLEAN;
            case UUID -> type == NativeType.UUID || type == NativeType.TIMEUUID;
            case HEX -> type == NativeType.BLOB;
            case DURATION -> type == NativeType.DURATION;
        };
    }

    /** A double when the text is exactly a double, else a decimal (Cassandra keeps the precision written). */
    private static NativeType floatingType(String text) {
        if (text.equals("NaN") || text.endsWith("Infinity")) return NativeType.DOUBLE;
        BigDecimal exact = new BigDecimal(text);
        double d = exact.doubleValue();
        if (Double.isInfinite(d)) return NativeType.DECIMAL;
        return new BigDecimal(Double.toString(d)).compareTo(exact) == 0 ? NativeType.DOUBLE : NativeType.DECIMAL;
    }
}
