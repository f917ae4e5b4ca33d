package org.charybdis.tools.bulk;

import com.datastax.oss.driver.api.core.data.CqlDuration;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.DataTypes;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Values to text and JSON in DSBulk's formats and back, exactly: scales, signs, precision. */
class CqlValuesTest {
    @Test
    void scalarsAsDsbulkWritesThem() {
        assertThat(CqlValues.toText(DataTypes.TIMESTAMP, Instant.parse("2024-05-06T07:08:09.120Z"))).isEqualTo("2024-05-06T07:08:09.120Z");
        assertThat(CqlValues.toText(DataTypes.BLOB, ByteBuffer.wrap(new byte[] {1, 2, 3}))).isEqualTo("AQID");
        assertThat(CqlValues.toText(DataTypes.DURATION, CqlDuration.from("1h30m"))).isEqualTo("1h30m");
        assertThat(CqlValues.toText(DataTypes.mapOf(DataTypes.INT, DataTypes.TEXT), Map.of(1, "x"))).isEqualTo("{\"1\":\"x\"}");
    }

    @Test
    void valuesComeBackExactlyThroughTextAndJson() {
        assertRoundTrip(DataTypes.DECIMAL, new BigDecimal("1234.00050"));
        assertRoundTrip(DataTypes.DECIMAL, new BigDecimal("-1.000E-7"));
        assertRoundTrip(DataTypes.DOUBLE, -0.0);
        assertRoundTrip(DataTypes.DOUBLE, Double.NaN);
        assertRoundTrip(DataTypes.FLOAT, Float.MIN_VALUE);
        assertRoundTrip(DataTypes.TIME, LocalTime.of(12, 0));
        assertRoundTrip(DataTypes.listOf(DataTypes.DOUBLE), List.of(0.1, -0.0, Double.POSITIVE_INFINITY));
        assertRoundTrip(DataTypes.frozenListOf(DataTypes.DECIMAL), List.of(new BigDecimal("2.50")));
    }

    @Test
    void aBadValueSaysWhatItIsNot() {
        assertThatThrownBy(() -> CqlValues.fromText(DataTypes.INT, "twenty")).hasMessageStartingWith("'twenty' is no int");
        assertThatThrownBy(() -> CqlValues.fromText(DataTypes.INET, "example.com")).hasMessageContaining("expected an IPv4 or IPv6 address");
        assertThatThrownBy(() -> CqlValues.fromText(DataTypes.listOf(DataTypes.INT), "{\"a\":1}")).hasMessageContaining("is no JSON array");
    }

    private static void assertRoundTrip(DataType type, Object value) {
        assertThat(CqlValues.fromText(type, CqlValues.toText(type, value))).as("text of %s", value).isEqualTo(value);
        String json = CqlValues.toJson(type, value).toString();
        try {
            assertThat(CqlValues.fromJson(type, CqlValues.JSON.readTree(json))).as("JSON %s", json).isEqualTo(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
