package org.charybdis.server.cql.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.CustomType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.MarshalException;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.SetType;
import org.charybdis.cql.types.TupleType;
import org.charybdis.cql.types.UserType;
import org.charybdis.cql.types.VectorType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decoded JSON values (as {@link JsonParsing} produces them) to serialized values of a CQL type, with
 * Cassandra 5.0's accepted forms and messages: numbers or strings for numbers, strings for most other
 * native types, arrays and objects (or a string holding their JSON) for collections, tuples and UDTs.
 */
public final class JsonDecoder {
    private static final Pattern SIGNED_DIGITS = Pattern.compile("-?\\d+");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private JsonDecoder() {}

    /**
     * The value of that type a decoded JSON value stands for; {@code null} stays {@code null}.
     *
     * @throws JsonDecodingException when the value does not fit the type
     * @throws InvalidRequestException for an unparsable duration (Cassandra reports it without context)
     */
    public static ByteBuffer decode(CqlType type, Object json) {
        if (json == null) return null;
        return switch (type) {
            case NativeType n -> decodeNative(n, json);
            case ListType l -> packCollection(elements(l.elementType(), list(json, "Expected a list", "list")), 1);
            case SetType s -> s.sortedForm(packCollection(elements(s.elementType(),
                    list(json, "Expected a list (representing a set)", "set")), 1));
            case MapType m -> m.sortedForm(decodeMap(m, json));
            case TupleType t -> decodeTuple(t, json);
            case UserType u -> decodeUserType(u, json);
            case VectorType v -> decodeVector(v, json);
            case CustomType c -> decodeNative(NativeType.BLOB, json);
            default -> throw new JsonDecodingException("No JSON form for " + type.cqlName());
        };
    }

    private static ByteBuffer decodeNative(NativeType type, Object json) {
        return switch (type) {
            case ASCII -> {
                String text = string(json, "Expected an ascii string");
                for (int i = 0; i < text.length(); i++) {
                    if (text.charAt(i) > 0x7F) {
                        throw new JsonDecodingException("Invalid ASCII character in string literal: "
                                + "java.nio.charset.UnmappableCharacterException: Input length = 1");
                    }
                }
                yield type.fromString(text);
            }
            case TEXT -> type.fromString(string(json, "Expected a UTF-8 string"));
            case INT -> json instanceof Integer i ? type.serialize(i) : parsed(type, json, "Expected an int value");
            case BIGINT, COUNTER -> json instanceof Integer || json instanceof Long
                    ? type.serialize(((Number) json).longValue()) : parsed(type, json, "Expected a bigint value");
            case SMALLINT -> numberOrString(type, json, "Expected a short value");
            case TINYINT -> numberOrString(type, json, "Expected a byte value");
            case FLOAT -> json instanceof Number n ? type.serialize(n.floatValue()) : parsed(type, json, "Expected a float value");
            case DOUBLE -> json instanceof Number n ? type.serialize(n.doubleValue()) : parsed(type, json, "Expected a double value");
            case DECIMAL -> decimal(json);
            case VARINT -> varint(json);
            case BOOLEAN -> json instanceof Boolean b ? type.serialize(b) : parsed(type, json, "Expected a boolean value");
            case BLOB -> blob(json);
            case DATE -> parsed(type, json, "Expected a string representation of a date value");
            case TIME -> time(json);
            case TIMESTAMP -> json instanceof Long l ? type.serialize(l)
                    : parsed(type, json, "Expected a long or a datestring representation of a timestamp value");
            case UUID -> parsed(type, json, "Expected a string representation of a uuid");
            case TIMEUUID -> timeuuid(json);
            case INET -> parsed(type, json, "Expected a string representation of an inet value");
            case DURATION -> duration(json);
        };
    }

    /** A string parsed as the type's CQL string form; anything else fails with {@code expected}. */
    private static ByteBuffer parsed(NativeType type, Object json, String expected) {
        return fromString(type, string(json, expected));
    }

    private static ByteBuffer numberOrString(NativeType type, Object json, String expected) {
        if (!(json instanceof String) && !(json instanceof Number)) throw unexpected(expected, json);
        return fromString(type, json.toString());
    }

    private static ByteBuffer fromString(CqlType type, String text) {
        try {
            return type.fromString(text);
        } catch (MarshalException e) {
            throw new JsonDecodingException(e.getMessage());
        }
    }

    private static ByteBuffer decimal(Object json) {
        try {
            return NativeType.DECIMAL.serialize(new BigDecimal(json.toString()));
        } catch (NumberFormatException e) {
            throw new JsonDecodingException("Value '" + json + "' is not a valid representation of a decimal value");
        }
    }

    private static ByteBuffer varint(Object json) {
        if (json instanceof String || json instanceof Integer || json instanceof Long || json instanceof BigInteger) {
            try {
                return NativeType.VARINT.serialize(new BigInteger(json.toString()));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new JsonDecodingException("Value '" + json + "' is not a valid representation of a varint value");
    }

    private static ByteBuffer blob(Object json) {
        String prefix = "Value '" + json + "' is not a valid blob representation: ";
        if (!(json instanceof String text)) {
            // Cassandra's message is the failed cast's
            String name = json.getClass().getName();
            throw new JsonDecodingException(prefix + "class " + name + " cannot be cast to class java.lang.String (" + name
                    + " and java.lang.String are in module java.base of loader 'bootstrap')");
        }
        if (!text.startsWith("0x")) throw new JsonDecodingException(prefix + "String representation of blob is missing 0x prefix: " + text);
        String digits = text.substring(2);
        try {
            return ByteBuffer.wrap(HexFormat.of().parseHex(digits));
        } catch (IllegalArgumentException e) {
            throw new JsonDecodingException(prefix + "cannot parse '" + digits + "' as hex bytes");
        }
    }

    private static ByteBuffer time(Object json) {
        String text = string(json, "Expected a string representation of a time value");
        try {
            return NativeType.TIME.fromString(text);
        } catch (MarshalException e) {
            throw new JsonDecodingException(SIGNED_DIGITS.matcher(text).matches()
                    ? "Unable to make long (for time) from: '" + text + "'"
                    : "(TimeType) Unable to coerce '" + text + "' to a formatted time (long)");
        }
    }

    private static ByteBuffer timeuuid(Object json) {
        String text = string(json, "Expected a string representation of a timeuuid");
        if (!UUID_TEXT.matcher(text).matches()) throw new JsonDecodingException("Unknown timeuuid representation: " + text);
        return fromString(NativeType.TIMEUUID, text);
    }

    private static ByteBuffer duration(Object json) {
        String text = string(json, "Expected a string representation of a duration");
        try {
            return NativeType.DURATION.fromString(text);
        } catch (MarshalException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }

    private static ByteBuffer decodeMap(MapType type, Object json) {
        Map<?, ?> map = map(json);
        List<ByteBuffer> items = new ArrayList<>(map.size() * 2);
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getValue() == null) throw new JsonDecodingException("Invalid null value in map");
            items.add(decode(type.keyType(), entry.getKey()));
            items.add(decode(type.valueType(), entry.getValue()));
        }
        return packCollection(items, 2);
    }

    private static ByteBuffer decodeTuple(TupleType type, Object json) {
        if (!(parsedIfString(json) instanceof List<?> list)) throw unexpected("Expected a list representation of a tuple", json);
        if (list.size() < type.size()) throw new JsonDecodingException("Tuple is missing items (expected " + type.size() + "): " + list);
        if (list.size() > type.size()) throw new JsonDecodingException("Tuple contains extra items (expected " + type.size() + "): " + list);
        List<ByteBuffer> items = new ArrayList<>(type.size());
        for (int i = 0; i < type.size(); i++) items.add(decode(type.type(i), list.get(i)));
        return packFields(items);
    }

    /** Fields by key ({@link JsonStrings#nameOfKey}); missing fields are null. */
    private static ByteBuffer decodeUserType(UserType type, Object json) {
        Map<?, ?> map = map(json);
        ByteBuffer[] fields = new ByteBuffer[type.size()];
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = JsonStrings.nameOfKey((String) entry.getKey());
            int index = type.fieldIndex(name);
            if (index < 0) throw new JsonDecodingException("Unknown field '" + name + "' in value of user defined type " + type.name());
            fields[index] = decode(type.fieldTypes().get(index), entry.getValue());
        }
        return packFields(Arrays.asList(fields));
    }

    private static ByteBuffer decodeVector(VectorType type, Object json) {
        List<?> list = list(json, "Expected a list", "list");
        if (list.size() != type.dimension()) {
            throw new JsonDecodingException("List had incorrect size: expected " + type.dimension() + " but given " + list.size() + "; " + list);
        }
        List<ByteBuffer> elements = elements(type.elementType(), list);
        List<Object> values = new ArrayList<>(elements.size());
        for (ByteBuffer e : elements) values.add(type.elementType().deserialize(e));
        return type.serialize(values);
    }

    private static List<ByteBuffer> elements(CqlType type, List<?> list) {
        List<ByteBuffer> items = new ArrayList<>(list.size());
        for (Object element : list) items.add(decode(type, element));
        return items;
    }

    private static List<?> list(Object json, String expected, String kind) {
        if (!(parsedIfString(json) instanceof List<?> list)) throw unexpected(expected, json);
        for (Object element : list) {
            if (element == null) throw new JsonDecodingException("Invalid null element in " + kind);
        }
        return list;
    }

    private static Map<?, ?> map(Object json) {
        if (!(parsedIfString(json) instanceof Map<?, ?> map)) throw unexpected("Expected a map", json);
        return map;
    }

    /** Composite values may also be given as a string holding their JSON. */
    private static Object parsedIfString(Object json) {
        if (!(json instanceof String text)) return json;
        try {
            return JsonParsing.value(text);
        } catch (JsonProcessingException e) {
            throw new JsonDecodingException("Error decoding JSON string: " + e.getMessage());
        }
    }

    private static String string(Object json, String expected) {
        if (json instanceof String text) return text;
        throw unexpected(expected, json);
    }

    private static JsonDecodingException unexpected(String expected, Object json) {
        return new JsonDecodingException(expected + ", but got a " + json.getClass().getSimpleName() + ": " + json);
    }

    private static ByteBuffer packCollection(List<ByteBuffer> items, int perEntry) {
        int size = 4;
        for (ByteBuffer item : items) size += 4 + item.remaining();
        ByteBuffer out = ByteBuffer.allocate(size).putInt(items.size() / perEntry);
        for (ByteBuffer item : items) out.putInt(item.remaining()).put(item.duplicate());
        return out.flip();
    }

    private static ByteBuffer packFields(List<ByteBuffer> items) {
        int size = 0;
        for (ByteBuffer item : items) size += 4 + (item == null ? 0 : item.remaining());
        ByteBuffer out = ByteBuffer.allocate(size);
        for (ByteBuffer item : items) {
            if (item == null) out.putInt(-1);
            else out.putInt(item.remaining()).put(item.duplicate());
        }
        return out.flip();
    }
}
