package org.charybdis.server.cql.udf;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.types.CqlDuration;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.SetType;
import org.charybdis.cql.types.TupleType;
import org.charybdis.cql.types.UserType;
import org.charybdis.cql.types.VectorType;
import org.charybdis.server.cql.udf.context.Duration;
import org.charybdis.server.cql.udf.context.FieldValues;
import org.charybdis.server.cql.udf.context.LocalDate;
import org.charybdis.server.cql.udf.context.TupleValue;
import org.charybdis.server.cql.udf.context.UDTValue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The Java types a UDF sees for CQL types, as Cassandra 5.0's: primitives when the function returns null on
 * null input (its arguments are never null), boxes when it is called on null input; {@code timestamp} is a
 * {@link Date}, {@code date} a {@link LocalDate}, {@code duration} a {@link Duration}, {@code timeuuid} a
 * {@link ByteBuffer} (as Cassandra 5.0 passes it), a vector a {@link List}, tuples and UDTs {@link TupleValue} and
 * {@link UDTValue}.
 * Converts, through collections and nested values, between those and the values {@link CqlType} (de)serializes.
 */
final class UdfJavaTypes {
    private static final Map<Class<?>, String> PRIMITIVES = Map.of(Integer.class, "int", Long.class, "long", Short.class, "short",
            Byte.class, "byte", Boolean.class, "boolean", Double.class, "double", Float.class, "float");

    private UdfJavaTypes() {}

    /** The Java source name of {@code type}; refuses the types Charybdis's UDFs do not take. */
    static String javaType(CqlType type, boolean primitive) {
        if (type instanceof ListType list) return "java.util.List<" + javaType(list.elementType(), false) + ">";
        if (type instanceof VectorType vector) return "java.util.List<" + javaType(vector.elementType(), false) + ">";
        if (type instanceof SetType set) return "java.util.Set<" + javaType(set.elementType(), false) + ">";
        if (type instanceof MapType map) {
            return "java.util.Map<" + javaType(map.keyType(), false) + ", " + javaType(map.valueType(), false) + ">";
        }
        Class<?> java = javaClass(type);
        return primitive && PRIMITIVES.containsKey(java) ? PRIMITIVES.get(java) : java.getName();
    }

    /** The (boxed) class of the values a UDF sees for {@code type}. */
    static Class<?> javaClass(CqlType type) {
        return switch (type) {
            case ListType ignored -> List.class;
            case VectorType ignored -> List.class;
            case SetType ignored -> Set.class;
            case MapType ignored -> Map.class;
            case TupleType ignored -> TupleValue.class;
            case UserType ignored -> UDTValue.class;
            case NativeType n -> switch (n) {
                case INT -> Integer.class;
                case BIGINT, COUNTER, TIME -> Long.class;
                case SMALLINT -> Short.class;
                case TINYINT -> Byte.class;
                case BOOLEAN -> Boolean.class;
                case DOUBLE -> Double.class;
                case FLOAT -> Float.class;
                case TEXT, ASCII -> String.class;
                case BLOB, TIMEUUID -> ByteBuffer.class;
                case DECIMAL -> BigDecimal.class;
                case VARINT -> BigInteger.class;
                case UUID -> UUID.class;
                case TIMESTAMP -> Date.class;
                case DATE -> LocalDate.class;
                case DURATION -> Duration.class;
                case INET -> InetAddress.class;
                default -> throw unsupported(type);
            };
            default -> throw unsupported(type);
        };
    }

    /** A deserialized CQL value as the UDF sees it. */
    static Object toJava(CqlType type, Object value) {
        return convert(type, value, true);
    }

    /** A UDF's result (or a field of it) as {@link CqlType#serialize} takes it. */
    static Object fromJava(CqlType type, Object value) {
        return convert(type, value, false);
    }

    /** Walks collections and nested values the same way both ways; only tuples, UDTs and a few natives change form. */
    private static Object convert(CqlType type, Object value, boolean toJava) {
        if (value == null) return null;
        return switch (type) {
            case ListType list -> convertAll(list.elementType(), (List<?>) value, toJava);
            case VectorType vector -> convertAll(vector.elementType(), (List<?>) value, toJava);
            case SetType set -> {
                Set<Object> out = new LinkedHashSet<>();
                for (Object e : (Set<?>) value) out.add(convert(set.elementType(), e, toJava));
                yield out;
            }
            case MapType map -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    out.put(convert(map.keyType(), e.getKey(), toJava), convert(map.valueType(), e.getValue(), toJava));
                }
                yield out;
            }
            case TupleType tuple -> toJava ? newTuple(tuple, ((org.charybdis.cql.types.TupleValue) value).values())
                    : fieldsFromJava(tuple.subTypes(), (FieldValues<?>) value);
            case UserType udt -> toJava ? newUdt(udt, new ArrayList<>(((org.charybdis.cql.types.UdtValue) value).fields().values()))
                    : fieldsFromJava(udt.fieldTypes(), (FieldValues<?>) value);
            case NativeType n -> toJava ? nativeToJava(n, value) : nativeFromJava(n, value);
            default -> value;
        };
    }

    private static List<Object> convertAll(CqlType elementType, List<?> values, boolean toJava) {
        List<Object> out = new ArrayList<>(values.size());
        for (Object e : values) out.add(convert(elementType, e, toJava));
        return out;
    }

    private static Object nativeToJava(NativeType type, Object value) {
        return switch (type) {
            case TIMESTAMP -> Date.from((Instant) value);
            case DATE -> LocalDate.fromDaysSinceEpoch(Math.toIntExact(((java.time.LocalDate) value).toEpochDay()));
            case DURATION -> {
                CqlDuration d = (CqlDuration) value;
                yield Duration.newInstance(d.months(), d.days(), d.nanoseconds());
            }
            case TIMEUUID -> NativeType.TIMEUUID.serialize(value);
            default -> value;
        };
    }

    private static Object nativeFromJava(NativeType type, Object value) {
        return switch (type) {
            case TIMESTAMP -> ((Date) value).toInstant();
            case DATE -> java.time.LocalDate.ofEpochDay(((LocalDate) value).getDaysSinceEpoch());
            case DURATION -> {
                Duration d = (Duration) value;
                yield new CqlDuration(d.getMonths(), d.getDays(), d.getNanoseconds());
            }
            case TIMEUUID -> NativeType.TIMEUUID.deserialize((ByteBuffer) value);
            default -> value;
        };
    }

    /** A new tuple value of {@code type}, its fields the CQL values {@code values} (all null for a new one). */
    static TupleValue newTuple(TupleType type, List<Object> values) {
        return new TupleValue(type.cqlName(), cqlNames(type.subTypes()), javaClasses(type.subTypes()), fieldsToJava(type.subTypes(), values));
    }

    static UDTValue newUdt(UserType type, List<Object> values) {
        return new UDTValue("frozen<" + type.keyspace() + "." + type.name() + ">", type.fieldNames(), cqlNames(type.fieldTypes()),
                javaClasses(type.fieldTypes()), fieldsToJava(type.fieldTypes(), values));
    }

    private static Object[] fieldsToJava(List<CqlType> types, List<Object> values) {
        Object[] java = new Object[types.size()];
        for (int i = 0; i < java.length && i < values.size(); i++) java[i] = toJava(types.get(i), values.get(i));
        return java;
    }

    /** Positional CQL values, which both {@link TupleType} and {@link UserType} serialize. */
    private static List<Object> fieldsFromJava(List<CqlType> types, FieldValues<?> value) {
        List<Object> java = value.values();
        List<Object> out = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) out.add(i < java.size() ? fromJava(types.get(i), java.get(i)) : null);
        return out;
    }

    private static List<String> cqlNames(List<CqlType> types) {
        List<String> names = new ArrayList<>(types.size());
        for (CqlType t : types) names.add(t.cqlName());
        return names;
    }

    private static List<Class<?>> javaClasses(List<CqlType> types) {
        List<Class<?>> classes = new ArrayList<>(types.size());
        for (CqlType t : types) classes.add(javaClass(t));
        return classes;
    }

    private static InvalidRequestException unsupported(CqlType type) {
        return new InvalidRequestException("Java UDFs of Charybdis do not take or return values of type " + type.cqlName() + " yet");
    }
}
