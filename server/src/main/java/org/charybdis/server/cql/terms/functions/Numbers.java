package org.charybdis.server.cql.terms.functions;

import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.NativeType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The numeric types as functions see them: reading and writing values as Java numbers with Java's
 * conversions (narrowing wraps, floating to integral truncates), and Cassandra's result type of
 * arithmetic between two of them.
 */
final class Numbers {
    /** In the order Cassandra lists them. */
    static final List<NativeType> TYPES = List.of(NativeType.TINYINT, NativeType.SMALLINT, NativeType.INT, NativeType.BIGINT,
            NativeType.FLOAT, NativeType.DOUBLE, NativeType.DECIMAL, NativeType.COUNTER, NativeType.VARINT);

    private Numbers() {}

    static boolean isNumeric(CqlType type) {
        return type instanceof NativeType n && TYPES.contains(n);
    }

    static Number read(NativeType type, ByteBuffer bytes) {
        return (Number) type.deserialize(bytes);
    }

    /** The value converted to that type with Java's semantics. */
    static ByteBuffer write(NativeType type, Number n) {
        return type.serialize(switch (type) {
            case TINYINT -> n.byteValue();
            case SMALLINT -> n.shortValue();
            case INT -> n.intValue();
            case BIGINT, COUNTER -> n.longValue();
            case FLOAT -> n.floatValue();
            case DOUBLE -> n.doubleValue();
            case DECIMAL -> decimal(n);
            case VARINT -> integer(n);
            default -> throw new IllegalArgumentException(type.cqlName());
        });
    }

    static BigDecimal decimal(Number n) {
        return switch (n) {
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Float f -> new BigDecimal(Float.toString(f));
            case Double d -> BigDecimal.valueOf(d);
            default -> BigDecimal.valueOf(n.longValue());
        };
    }

    static BigInteger integer(Number n) {
        return switch (n) {
            case BigInteger i -> i;
            case BigDecimal d -> d.toBigInteger();
            case Float f -> BigDecimal.valueOf(f.doubleValue()).toBigInteger();
            case Double d -> BigDecimal.valueOf(d).toBigInteger();
            default -> BigInteger.valueOf(n.longValue());
        };
    }

    static boolean isFloatingPoint(NativeType type) {
        return type == NativeType.FLOAT || type == NativeType.DOUBLE || type == NativeType.DECIMAL;
    }

    /** Cassandra's promotion: floating if either is, at the larger of the two sizes (varint and decimal are unbounded). */
    static NativeType resultType(NativeType left, NativeType right) {
        int size = Math.max(size(left), size(right));
        if (isFloatingPoint(left) || isFloatingPoint(right)) {
            return size == 4 ? NativeType.FLOAT : size == 8 ? NativeType.DOUBLE : NativeType.DECIMAL;
        }
        return switch (size) {
            case 1 -> NativeType.TINYINT;
            case 2 -> NativeType.SMALLINT;
            case 4 -> NativeType.INT;
            case 8 -> NativeType.BIGINT;
            default -> NativeType.VARINT;
        };
    }

    private static int size(NativeType type) {
        return switch (type) {
            case TINYINT -> 1;
            case SMALLINT -> 2;
            case INT, FLOAT -> 4;
            case BIGINT, COUNTER, DOUBLE -> 8;
            default -> Integer.MAX_VALUE;
        };
    }
}
