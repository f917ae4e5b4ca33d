package org.charybdis.server.cql.json;

import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.CustomType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.SetType;
import org.charybdis.cql.types.TupleType;
import org.charybdis.cql.types.UserType;
import org.charybdis.cql.types.VectorType;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Serialized values to their JSON text, as Cassandra 5.0's {@code SELECT JSON} and {@code toJson()} write
 * them: numbers bare (NaN and infinities as null), most other native types as strings, blobs as
 * {@code "0x.."}, collections and tuples as arrays, maps and UDTs as objects whose keys are strings.
 */
public final class JsonFormatter {
    // year-of-era and the sign only past 9999: Cassandra's format, e.g. "+10000-01-01 00:00:00.000Z"
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonFormatter() {}

    /** The JSON text of one value; {@code null} gives {@code null}. */
    public static String toJson(CqlType type, ByteBuffer value) {
        StringBuilder out = new StringBuilder();
        append(type, value, out);
        return out.toString();
    }

    /** Appends the JSON text of one value (read with absolute gets: the buffer is left untouched). */
    public static void append(CqlType type, ByteBuffer value, StringBuilder out) {
        if (value == null) {
            out.append("null");
            return;
        }
        switch (type) {
            case NativeType n -> appendNative(n, value, out);
            case ListType l -> appendArray(l.elementType(), ValueItems.collection(value, 1), out);
            case SetType s -> appendArray(s.elementType(), ValueItems.collection(value, 1), out);
            case MapType m -> appendMap(m, value, out);
            case TupleType t -> appendTuple(t, value, out);
            case UserType u -> appendUserType(u, value, out);
            case VectorType v -> appendArray(v.elementType(), ValueItems.vector(v, value), out);
            case CustomType ignored -> appendHexString(value, out);
            default -> throw new IllegalArgumentException("No JSON form for " + type.cqlName());
        }
    }

    private static void appendNative(NativeType type, ByteBuffer value, StringBuilder out) {
        int at = value.position();
        if (!value.hasRemaining() && type.deserialize(value) == null) {
            // an empty value of a type where empty means "no value"
            out.append("null");
            return;
        }
        switch (type) {
            case ASCII, TEXT -> appendQuotedUtf8(value, out);
            case BIGINT, COUNTER -> out.append(value.getLong(at));
            case INT -> out.append(value.getInt(at));
            case SMALLINT -> out.append(value.getShort(at));
            case TINYINT -> out.append(value.get(at));
            case BOOLEAN -> out.append(value.get(at) != 0);
            case FLOAT -> {
                float f = value.getFloat(at);
                if (Float.isNaN(f) || Float.isInfinite(f)) out.append("null");
                else out.append(f);
            }
            case DOUBLE -> {
                double d = value.getDouble(at);
                if (Double.isNaN(d) || Double.isInfinite(d)) out.append("null");
                else out.append(d);
            }
            case DECIMAL, VARINT -> out.append(type.deserialize(value));
            case BLOB -> appendHexString(value, out);
            case DATE -> out.append('"').append(LocalDate.ofEpochDay(value.getInt(at) ^ Integer.MIN_VALUE)).append('"');
            case TIME -> appendTime(value.getLong(at), out);
            case TIMESTAMP -> out.append('"').append(TIMESTAMP.format(Instant.ofEpochMilli(value.getLong(at)))).append('"');
            case UUID, TIMEUUID -> out.append('"').append(new UUID(value.getLong(at), value.getLong(at + 8))).append('"');
            case INET -> out.append('"').append(inet(value)).append('"');
            case DURATION -> out.append('"').append(type.deserialize(value)).append('"');
        }
    }

    private static void appendArray(CqlType elementType, List<ByteBuffer> items, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) out.append(", ");
            append(elementType, items.get(i), out);
        }
        out.append(']');
    }

    /** Keys are JSON strings: a key whose JSON is not already a string is quoted as a whole. */
    private static void appendMap(MapType type, ByteBuffer value, StringBuilder out) {
        List<ByteBuffer> items = ValueItems.collection(value, 2);
        out.append('{');
        for (int i = 0; i < items.size(); i += 2) {
            if (i > 0) out.append(", ");
            int keyStart = out.length();
            append(type.keyType(), items.get(i), out);
            if (out.charAt(keyStart) != '"') {
                String keyJson = out.substring(keyStart);
                out.setLength(keyStart);
                JsonStrings.appendQuoted(keyJson, out);
            }
            out.append(": ");
            append(type.valueType(), items.get(i + 1), out);
        }
        out.append('}');
    }

    private static void appendTuple(TupleType type, ByteBuffer value, StringBuilder out) {
        List<ByteBuffer> items = ValueItems.fields(value, type.size());
        out.append('[');
        for (int i = 0; i < type.size(); i++) {
            if (i > 0) out.append(", ");
            append(type.type(i), i < items.size() ? items.get(i) : null, out);
        }
        out.append(']');
    }

    private static void appendUserType(UserType type, ByteBuffer value, StringBuilder out) {
        List<ByteBuffer> items = ValueItems.fields(value, type.size());
        out.append('{');
        for (int i = 0; i < type.size(); i++) {
            if (i > 0) out.append(", ");
            JsonStrings.appendKey(type.fieldNames().get(i), out);
            out.append(": ");
            append(type.fieldTypes().get(i), i < items.size() ? items.get(i) : null, out);
        }
        out.append('}');
    }

    private static void appendQuotedUtf8(ByteBuffer value, StringBuilder out) {
        byte[] bytes = new byte[value.remaining()];
        value.get(value.position(), bytes);
        JsonStrings.appendQuoted(new String(bytes, StandardCharsets.UTF_8), out);
    }

    private static void appendHexString(ByteBuffer value, StringBuilder out) {
        out.append("\"0x");
        for (int i = value.position(); i < value.limit(); i++) {
            byte b = value.get(i);
            out.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        out.append('"');
    }

    /** {@code "HH:mm:ss.nnnnnnnnn"}, always with the nine digits of nanoseconds. */
    private static void appendTime(long nanos, StringBuilder out) {
        long seconds = nanos / 1_000_000_000L;
        out.append('"');
        pad(out, seconds / 3600, 2).append(':');
        pad(out, seconds / 60 % 60, 2).append(':');
        pad(out, seconds % 60, 2).append('.');
        pad(out, nanos % 1_000_000_000L, 9).append('"');
    }

    private static StringBuilder pad(StringBuilder out, long value, int digits) {
        String text = Long.toString(value);
        for (int i = text.length(); i < digits; i++) out.append('0');
        return out.append(text);
    }

    private static String inet(ByteBuffer value) {
        byte[] address = new byte[value.remaining()];
        value.get(value.position(), address);
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            // not 4 or 16 bytes: validation keeps such values out of tables
            throw new IllegalArgumentException("Invalid inet value of " + address.length + " bytes", e);
        }
    }
}
