package org.charybdis.server.cql.json;

import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.TupleType;
import org.charybdis.cql.types.TupleValue;
import org.charybdis.cql.types.VectorType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Edge cases of {@link JsonFormatter}; the common forms are checked against Cassandra in {@link SelectJsonTest}. */
class JsonFormatterTest {
    private static String json(CqlType type, Object value) {
        return JsonFormatter.toJson(type, type.serialize(value));
    }

    @Test
    void escapesStringsAsJacksonDoes() {
        // recorded from Cassandra 5.0.6: control characters escaped (short forms where JSON has them), the rest as is
        assertThat(json(NativeType.TEXT, "\u0001\b\f\n\r\t\u001f\u007f\u2028\u00e9\uD83D\uDE00\\\"/<>&'"))
                .isEqualTo("\"\\u0001\\b\\f\\n\\r\\t\\u001F\u007f\u2028\u00e9\uD83D\uDE00\\\\\\\"/<>&'\"");
        assertThat(json(NativeType.ASCII, "\u0000\u001b~")).isEqualTo("\"\\u0000\\u001B~\"");
    }

    @Test
    void nullsEmptyValuesAndNonFiniteNumbers() {
        assertThat(JsonFormatter.toJson(NativeType.INT, null)).isEqualTo("null");
        assertThat(JsonFormatter.toJson(NativeType.INT, ByteBuffer.allocate(0))).isEqualTo("null");
        assertThat(JsonFormatter.toJson(NativeType.BOOLEAN, ByteBuffer.allocate(0))).isEqualTo("null");
        assertThat(JsonFormatter.toJson(NativeType.TEXT, ByteBuffer.allocate(0))).isEqualTo("\"\"");
        assertThat(JsonFormatter.toJson(NativeType.BLOB, ByteBuffer.allocate(0))).isEqualTo("\"0x\"");
        assertThat(json(NativeType.DOUBLE, Double.NaN)).isEqualTo("null");
        assertThat(json(NativeType.FLOAT, Float.POSITIVE_INFINITY)).isEqualTo("null");
        assertThat(json(NativeType.DOUBLE, 1e-5)).isEqualTo("1.0E-5");
        assertThat(json(NativeType.TIME, 0L)).isEqualTo("\"00:00:00.000000000\"");
    }

    @Test
    void compositeEdgeCases() {
        // keys that are not JSON strings are quoted whole, escaping included
        assertThat(json(MapType.of(ListType.of(NativeType.TEXT, false), NativeType.INT, false), Map.of(List.of("a"), 1)))
                .isEqualTo("{\"[\\\"a\\\"]\": 1}");
        assertThat(json(MapType.of(NativeType.BOOLEAN, NativeType.TEXT, false), Map.of(true, "x"))).isEqualTo("{\"true\": \"x\"}");
        // a tuple written with fewer fields than its type has: the missing ones are null
        TupleType pair = TupleType.of(NativeType.INT, NativeType.TEXT);
        ByteBuffer oneField = TupleType.of(NativeType.INT).serialize(new TupleValue(List.of(5)));
        assertThat(JsonFormatter.toJson(pair, oneField)).isEqualTo("[5, null]");
        assertThat(json(pair, new TupleValue(Arrays.asList(null, "a")))).isEqualTo("[null, \"a\"]");
        // vectors of variable-size elements
        assertThat(json(VectorType.of(NativeType.TEXT, 2), List.of("a", "b"))).isEqualTo("[\"a\", \"b\"]");
        assertThat(json(VectorType.of(NativeType.BIGINT, 2), List.of(1L, -2L))).isEqualTo("[1, -2]");
    }
}
