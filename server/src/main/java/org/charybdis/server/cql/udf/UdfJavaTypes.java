package org.charybdis.server.cql.udf;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.SetType;

import java.time.Instant;
import java.util.Date;

/**
 * The Java types a UDF sees for CQL types, as Cassandra's: primitives when the function returns null on
 * null input (its arguments are never null), boxes when it is called on null input; {@code timestamp} is a
 * {@link Date}. Converts between those and the values {@link CqlType} (de)serializes.
 */
final class UdfJavaTypes {
    private UdfJavaTypes() {}

    /** The Java source name of {@code type}; refuses the types Charybdis's UDFs do not take yet. */
    static String javaType(CqlType type, boolean primitive) {
        if (type instanceof ListType list) return "java.util.List<" + javaType(list.elementType(), false) + ">";
        if (type instanceof SetType set) return "java.util.Set<" + javaType(set.elementType(), false) + ">";
        if (type instanceof MapType map) {
            return "java.util.Map<" + javaType(map.keyType(), false) + ", " + javaType(map.valueType(), false) + ">";
        }
        if (!(type instanceof NativeType n)) throw unsupported(type);
        return switch (n) {
            case INT -> primitive ? "int" : "Integer";
            case BIGINT, COUNTER, TIME -> primitive ? "long" : "Long";
            case SMALLINT -> primitive ? "short" : "Short";
            case TINYINT -> primitive ? "byte" : "Byte";
            case BOOLEAN -> primitive ? "boolean" : "Boolean";
            case DOUBLE -> primitive ? "double" : "Double";
            case FLOAT -> primitive ? "float" : "Float";
            case TEXT, ASCII -> "String";
            case BLOB -> "java.nio.ByteBuffer";
            case DECIMAL -> "java.math.BigDecimal";
            case VARINT -> "java.math.BigInteger";
            case UUID, TIMEUUID -> "java.util.UUID";
            case TIMESTAMP -> "java.util.Date";
            default -> throw unsupported(type);
        };
    }

    /** A deserialized CQL value as the UDF sees it. */
    static Object toJava(CqlType type, Object value) {
        return value instanceof Instant instant && type == NativeType.TIMESTAMP ? Date.from(instant) : value;
    }

    /** A UDF's result as {@link CqlType#serialize} takes it. */
    static Object fromJava(CqlType type, Object value) {
        return value instanceof Date date && type == NativeType.TIMESTAMP ? date.toInstant() : value;
    }

    private static InvalidRequestException unsupported(CqlType type) {
        return new InvalidRequestException("Java UDFs of Charybdis do not take or return values of type " + type.cqlName() + " yet");
    }
}
