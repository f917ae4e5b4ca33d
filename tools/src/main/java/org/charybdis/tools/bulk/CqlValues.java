package org.charybdis.tools.bulk;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.data.CqlDuration;
import com.datastax.oss.driver.api.core.data.CqlVector;
import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.ListType;
import com.datastax.oss.driver.api.core.type.MapType;
import com.datastax.oss.driver.api.core.type.SetType;
import com.datastax.oss.driver.api.core.type.TupleType;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import com.datastax.oss.driver.api.core.type.VectorType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * CQL values as text and JSON, in DSBulk's default formats, so that unloading and loading back gives the same value for
 * every CQL type: timestamps ISO-8601 in UTC, dates and times ISO, blobs base64, durations as CQL writes them
 * ({@code 1h30m}), numbers exact (a float or double's shortest text; NaN, infinities and -0.0 as strings in JSON); collections,
 * tuples and vectors JSON arrays, maps and user types JSON objects (a map's keys as text). A CSV field holds a
 * collection, tuple, vector or user type as its JSON text. Values are the driver's Java values ({@code Row.getObject}).
 */
final class CqlValues {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false); // 1.50 stays 1.50
    private static final JsonNodeFactory NODES = JSON.getNodeFactory();
    private static final long NEGATIVE_ZERO_DOUBLE = Double.doubleToRawLongBits(-0.0);
    private static final int NEGATIVE_ZERO_FLOAT = Float.floatToRawIntBits(-0.0f);

    private CqlValues() {}

    /** The value as a CSV field holds it. */
    static String toText(DataType type, Object value) {
        if (isComposite(type)) return writeJson(toJson(type, value));
        return scalarText(type, value);
    }

    /** @throws IllegalArgumentException saying why the text is no value of the type */
    static Object fromText(DataType type, String text) {
        if (isComposite(type)) {
            try {
                return fromJson(type, JSON.readTree(text));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("'" + text + "' is no JSON " + type.asCql(false, true) + ": " + e.getOriginalMessage());
            }
        }
        return scalar(type, text);
    }

    static JsonNode toJson(DataType type, Object value) {
        if (value == null) return NODES.nullNode();
        return switch (type) {
            case ListType list -> array(list.getElementType(), (Iterable<?>) value);
            case SetType set -> array(set.getElementType(), (Iterable<?>) value);
            case VectorType vector -> array(vector.getElementType(), (Iterable<?>) value);
            case MapType map -> {
                ObjectNode object = NODES.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> object.set(toText(map.getKeyType(), k), toJson(map.getValueType(), v)));
                yield object;
            }
            case TupleType tuple -> {
                ArrayNode array = NODES.arrayNode();
                TupleValue tupleValue = (TupleValue) value;
                for (int i = 0; i < tuple.getComponentTypes().size(); i++) {
                    array.add(toJson(tuple.getComponentTypes().get(i), tupleValue.isNull(i) ? null : tupleValue.getObject(i)));
                }
                yield array;
            }
            case UserDefinedType udt -> {
                ObjectNode object = NODES.objectNode();
                UdtValue udtValue = (UdtValue) value;
                for (int i = 0; i < udt.getFieldNames().size(); i++) {
                    object.set(udt.getFieldNames().get(i).asInternal(),
                            toJson(udt.getFieldTypes().get(i), udtValue.isNull(i) ? null : udtValue.getObject(i)));
                }
                yield object;
            }
            default -> scalarJson(type, value);
        };
    }

    /** @throws IllegalArgumentException saying why the node is no value of the type */
    static Object fromJson(DataType type, JsonNode node) {
        if (node == null || node.isNull()) return null;
        return switch (type) {
            case ListType list -> {
                List<Object> values = new ArrayList<>();
                for (JsonNode element : elements(type, node)) values.add(fromJson(list.getElementType(), element));
                yield values;
            }
            case SetType set -> {
                LinkedHashSet<Object> values = new LinkedHashSet<>();
                for (JsonNode element : elements(type, node)) values.add(fromJson(set.getElementType(), element));
                yield values;
            }
            case VectorType vector -> {
                List<Number> values = new ArrayList<>();
                for (JsonNode element : elements(type, node)) values.add((Number) fromJson(vector.getElementType(), element));
                if (values.size() != vector.getDimensions()) {
                    throw new IllegalArgumentException(node + " has " + values.size() + " elements, " + type.asCql(false, true)
                            + " wants " + vector.getDimensions());
                }
                yield CqlVector.newInstance(values);
            }
            case MapType map -> {
                Map<Object, Object> values = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> entry : fields(type, node)) {
                    values.put(fromText(map.getKeyType(), entry.getKey()), fromJson(map.getValueType(), entry.getValue()));
                }
                yield values;
            }
            case TupleType tuple -> {
                List<JsonNode> components = elements(type, node);
                if (components.size() != tuple.getComponentTypes().size()) {
                    throw new IllegalArgumentException(node + " has " + components.size() + " components, " + type.asCql(false, true)
                            + " has " + tuple.getComponentTypes().size());
                }
                Object[] values = new Object[components.size()];
                for (int i = 0; i < values.length; i++) values[i] = fromJson(tuple.getComponentTypes().get(i), components.get(i));
                yield tuple.newValue(values);
            }
            case UserDefinedType udt -> {
                Object[] values = new Object[udt.getFieldNames().size()];
                for (Map.Entry<String, JsonNode> entry : fields(type, node)) {
                    CqlIdentifier field = CqlIdentifier.fromInternal(entry.getKey());
                    if (!udt.contains(field)) {
                        throw new IllegalArgumentException("type " + udt.getName().asCql(true) + " has no field " + entry.getKey());
                    }
                    int i = udt.firstIndexOf(field);
                    values[i] = fromJson(udt.getFieldTypes().get(i), entry.getValue());
                }
                yield udt.newValue(values);
            }
            default -> scalar(type, node.isValueNode() ? node.asText() : writeJson(node));
        };
    }

    private static boolean isComposite(DataType type) {
        return type instanceof ListType || type instanceof SetType || type instanceof MapType || type instanceof TupleType
                || type instanceof UserDefinedType || type instanceof VectorType;
    }

    private static String scalarText(DataType type, Object value) {
        if (value instanceof ByteBuffer bytes) return Base64.getEncoder().encodeToString(toArray(bytes));
        if (value instanceof InetAddress address) return address.getHostAddress();
        return value.toString(); // Instant, LocalDate, LocalTime, CqlDuration, UUID, numbers: ISO / CQL text, exact
    }

    private static JsonNode scalarJson(DataType type, Object value) {
        return switch (value) {
            case Boolean b -> NODES.booleanNode(b);
            case Integer i -> NODES.numberNode(i);
            case Long l -> NODES.numberNode(l);
            case Short s -> NODES.numberNode(s);
            case Byte b -> NODES.numberNode(b);
            case BigInteger i -> NODES.numberNode(i);
            case BigDecimal d -> NODES.numberNode(d);
            // JSON numbers are read back as BigDecimal, which has no NaN, infinities or -0.0: those stay strings
            case Double d when Double.isFinite(d) && Double.doubleToRawLongBits(d) != NEGATIVE_ZERO_DOUBLE -> NODES.numberNode(d);
            case Float f when Float.isFinite(f) && Float.floatToRawIntBits(f) != NEGATIVE_ZERO_FLOAT -> NODES.numberNode(f);
            default -> NODES.textNode(scalarText(type, value));
        };
    }

    private static Object scalar(DataType type, String text) {
        try {
            if (type.equals(DataTypes.TEXT) || type.equals(DataTypes.ASCII)) return text;
            if (type.equals(DataTypes.INT)) return Integer.valueOf(text.strip());
            if (type.equals(DataTypes.BIGINT) || type.equals(DataTypes.COUNTER)) return Long.valueOf(text.strip());
            if (type.equals(DataTypes.SMALLINT)) return Short.valueOf(text.strip());
            if (type.equals(DataTypes.TINYINT)) return Byte.valueOf(text.strip());
            if (type.equals(DataTypes.VARINT)) return new BigInteger(text.strip());
            if (type.equals(DataTypes.DECIMAL)) return new BigDecimal(text.strip());
            if (type.equals(DataTypes.DOUBLE)) return Double.valueOf(text.strip());
            if (type.equals(DataTypes.FLOAT)) return Float.valueOf(text.strip());
            if (type.equals(DataTypes.BOOLEAN)) return bool(text.strip());
            if (type.equals(DataTypes.BLOB)) return ByteBuffer.wrap(Base64.getDecoder().decode(text.strip()));
            if (type.equals(DataTypes.TIMESTAMP)) return Instant.parse(text.strip());
            if (type.equals(DataTypes.DATE)) return LocalDate.parse(text.strip());
            if (type.equals(DataTypes.TIME)) return LocalTime.parse(text.strip());
            if (type.equals(DataTypes.UUID) || type.equals(DataTypes.TIMEUUID)) return UUID.fromString(text.strip());
            if (type.equals(DataTypes.DURATION)) return CqlDuration.from(text.strip());
            if (type.equals(DataTypes.INET)) return inet(text.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is no " + type.asCql(false, true) + " (" + e.getMessage() + ")");
        }
        throw new IllegalArgumentException("values of type " + type.asCql(false, true) + " cannot be read from text");
    }

    private static Boolean bool(String text) {
        if (text.equalsIgnoreCase("true")) return true;
        if (text.equalsIgnoreCase("false")) return false;
        throw new IllegalArgumentException("expected true or false");
    }

    /** An address literal only: a name is refused rather than looked up in DNS. */
    private static InetAddress inet(String text) {
        if (!text.contains(":") && !text.matches("[0-9.]+")) throw new IllegalArgumentException("expected an IPv4 or IPv6 address");
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static ArrayNode array(DataType elementType, Iterable<?> values) {
        ArrayNode array = NODES.arrayNode();
        for (Object value : values) array.add(toJson(elementType, value));
        return array;
    }

    private static List<JsonNode> elements(DataType type, JsonNode node) {
        if (!node.isArray()) throw new IllegalArgumentException(node + " is no JSON array, as " + type.asCql(false, true) + " wants");
        List<JsonNode> elements = new ArrayList<>();
        node.forEach(elements::add);
        return elements;
    }

    private static Set<Map.Entry<String, JsonNode>> fields(DataType type, JsonNode node) {
        if (!node.isObject()) throw new IllegalArgumentException(node + " is no JSON object, as " + type.asCql(false, true) + " wants");
        return node.properties();
    }

    private static byte[] toArray(ByteBuffer bytes) {
        byte[] array = new byte[bytes.remaining()];
        bytes.duplicate().get(array);
        return array;
    }

    private static String writeJson(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serializes", e);
        }
    }
}
