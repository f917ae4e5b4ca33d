package org.charybdis.cql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NativeTypeTest {
    private static ByteBuffer hex(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex));
    }

    private static void assertRoundTrip(CqlType type, Object value) {
        ByteBuffer bytes = type.serialize(value);
        type.validate(bytes);
        assertThat(type.deserialize(bytes)).isEqualTo(value);
    }

    /** The values must be given in ascending order. */
    private static void assertAscending(CqlType type, List<ByteBuffer> values) {
        for (int i = 0; i < values.size(); i++) {
            for (int j = 0; j < values.size(); j++) {
                assertThat(Integer.signum(type.compare(values.get(i), values.get(j))))
                        .as("%s compare #%d vs #%d", type, i, j).isEqualTo(Integer.signum(Integer.compare(i, j)));
            }
        }
    }

    @Test
    void namesIdsAndMarshalClassesLookUp() {
        assertThat(NativeType.byName("varchar")).isSameAs(NativeType.TEXT);
        assertThat(NativeType.byName("BIGINT")).isSameAs(NativeType.BIGINT);
        assertThat(NativeType.byName("nosuch")).isNull();
        for (NativeType type : NativeType.values()) {
            assertThat(NativeType.byName(type.cqlName())).isSameAs(type);
            assertThat(NativeType.byProtocolId(type.protocolId())).isSameAs(type);
            assertThat(NativeType.byMarshalClassName(type.marshalClassName())).isSameAs(type);
        }
        assertThat(NativeType.INT.marshalClassName()).isEqualTo("org.apache.cassandra.db.marshal.Int32Type");
        assertThat(NativeType.TEXT.protocolId()).isEqualTo(0x000D);
        assertThat(NativeType.DURATION.protocolId()).isEqualTo(0x0015);
        assertThat(NativeType.COUNTER.isCounter()).isTrue();
    }

    @Test
    void fixedSizeIntegers() {
        assertRoundTrip(NativeType.INT, Integer.MIN_VALUE);
        assertRoundTrip(NativeType.INT, Integer.MAX_VALUE);
        assertRoundTrip(NativeType.BIGINT, Long.MIN_VALUE);
        assertRoundTrip(NativeType.COUNTER, 42L);
        assertRoundTrip(NativeType.SMALLINT, Short.MIN_VALUE);
        assertRoundTrip(NativeType.TINYINT, Byte.MAX_VALUE);
        assertThat(NativeType.INT.serialize(7)).isEqualTo(hex("00000007"));
        assertThat(NativeType.INT.fromString("-12")).isEqualTo(NativeType.INT.serialize(-12));
        assertThat(NativeType.BIGINT.toCqlLiteral(NativeType.BIGINT.serialize(Long.MIN_VALUE))).isEqualTo("-9223372036854775808");
        assertAscending(NativeType.INT, List.of(ByteBuffer.allocate(0), NativeType.INT.serialize(-5), NativeType.INT.serialize(0),
                NativeType.INT.serialize(3)));
        assertAscending(NativeType.TINYINT, List.of(NativeType.TINYINT.serialize((byte) -1), NativeType.TINYINT.serialize((byte) 1)));
        assertThat(NativeType.INT.valueLengthIfFixed()).isEqualTo(4);
    }

    @Test
    void integerSizesAndRangesAreChecked() {
        assertThatThrownBy(() -> NativeType.INT.validate(hex("000001"))).isInstanceOf(MarshalException.class)
                .hasMessage("Expected 4 or 0 byte int (3)");
        assertThatThrownBy(() -> NativeType.BIGINT.validate(hex("01"))).hasMessage("Expected 8 or 0 byte long (1)");
        assertThatThrownBy(() -> NativeType.SMALLINT.validate(ByteBuffer.allocate(0)))
                .hasMessage("Expected 2 bytes for a smallint (0)");
        assertThatThrownBy(() -> NativeType.TINYINT.validate(hex("0102"))).hasMessage("Expected 1 byte for a tinyint (2)");
        assertThatThrownBy(() -> NativeType.TINYINT.serialize(200)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> NativeType.INT.fromString("12x")).hasMessage("Unable to make int from '12x'");
        assertThatThrownBy(() -> NativeType.INT.serialize("1")).isInstanceOf(MarshalException.class);
        NativeType.INT.validate(ByteBuffer.allocate(0));
    }

    @Test
    void emptyValuesOfFixedTypesAreNullWithAFunctionLiteral() {
        ByteBuffer empty = ByteBuffer.allocate(0);
        assertThat(NativeType.INT.deserialize(empty)).isNull();
        assertThat(NativeType.INT.toCqlLiteral(empty)).isEqualTo("blobAsInt(0x)");
        assertThat(NativeType.INT.fromString("")).isEqualTo(empty);
        assertThat(NativeType.TEXT.deserialize(empty)).isEqualTo("");
        assertThat(NativeType.TEXT.toCqlLiteral(empty)).isEqualTo("''");
        assertThat(NativeType.BLOB.toCqlLiteral(empty)).isEqualTo("0x");
        assertThat(NativeType.INT.toCqlLiteral(null)).isEqualTo("null");
        assertThat(NativeType.INT.serialize(null)).isNull();
    }

    @Test
    void floatingPointKeepsNaNInfinityAndNegativeZero() {
        assertRoundTrip(NativeType.DOUBLE, Double.NaN);
        assertRoundTrip(NativeType.DOUBLE, -0.0d);
        assertRoundTrip(NativeType.FLOAT, Float.NEGATIVE_INFINITY);
        assertRoundTrip(NativeType.FLOAT, Float.MIN_VALUE);
        assertThat(NativeType.DOUBLE.toCqlLiteral(NativeType.DOUBLE.serialize(Double.NaN))).isEqualTo("NaN");
        assertThat(NativeType.DOUBLE.toCqlLiteral(NativeType.DOUBLE.serialize(Double.NEGATIVE_INFINITY))).isEqualTo("-Infinity");
        assertThat(NativeType.FLOAT.toCqlLiteral(NativeType.FLOAT.serialize(1.5f))).isEqualTo("1.5");
        assertThat(NativeType.DOUBLE.fromString("1e10")).isEqualTo(NativeType.DOUBLE.serialize(1e10));
        assertAscending(NativeType.DOUBLE, List.of(NativeType.DOUBLE.serialize(Double.NEGATIVE_INFINITY),
                NativeType.DOUBLE.serialize(-1.0), NativeType.DOUBLE.serialize(-0.0), NativeType.DOUBLE.serialize(0.0),
                NativeType.DOUBLE.serialize(Double.POSITIVE_INFINITY), NativeType.DOUBLE.serialize(Double.NaN)));
        assertThatThrownBy(() -> NativeType.FLOAT.validate(hex("00"))).hasMessage("Expected 4 or 0 byte float (1)");
        assertThatThrownBy(() -> NativeType.DOUBLE.fromString("abc")).hasMessage("Unable to make double from 'abc'");
    }

    @Test
    void varintOrdersNumericallyEvenWithRedundantSignBytes() {
        assertRoundTrip(NativeType.VARINT, new BigInteger("-123456789012345678901234567890"));
        assertRoundTrip(NativeType.VARINT, BigInteger.ZERO);
        assertThat(NativeType.VARINT.serialize(BigInteger.valueOf(128))).isEqualTo(hex("0080"));
        assertThat(NativeType.VARINT.toCqlLiteral(NativeType.VARINT.fromString("-77"))).isEqualTo("-77");
        assertAscending(NativeType.VARINT, List.of(hex("ff00"), hex("80"), hex("ffff"), hex("00"), hex("7f"), hex("0080"),
                hex("0100")));
        assertThat(NativeType.VARINT.compare(hex("0001"), hex("01"))).isZero();
        assertThat(NativeType.VARINT.compare(hex("ffff"), hex("ff"))).isZero();
        assertThatThrownBy(() -> NativeType.VARINT.fromString("1.5")).hasMessage("unable to make int from '1.5'");
    }

    @Test
    void decimalKeepsScaleAndOrdersNumerically() {
        assertRoundTrip(NativeType.DECIMAL, new BigDecimal("-1.000"));
        assertRoundTrip(NativeType.DECIMAL, new BigDecimal("1E+400"));
        assertRoundTrip(NativeType.DECIMAL, new BigDecimal("123456789012345678901234567890.123456789"));
        assertThat(NativeType.DECIMAL.serialize(new BigDecimal("1.5"))).isEqualTo(hex("000000010f"));
        assertThat(NativeType.DECIMAL.compare(NativeType.DECIMAL.serialize(new BigDecimal("1.0")),
                NativeType.DECIMAL.serialize(new BigDecimal("1.00")))).isZero();
        assertAscending(NativeType.DECIMAL, List.of(NativeType.DECIMAL.fromString("-10"), NativeType.DECIMAL.fromString("-0.5"),
                NativeType.DECIMAL.fromString("0.01"), NativeType.DECIMAL.fromString("1E+3")));
        assertThat(NativeType.DECIMAL.toCqlLiteral(NativeType.DECIMAL.fromString("1.50"))).isEqualTo("1.50");
        assertThat(NativeType.DECIMAL.toCqlLiteral(NativeType.DECIMAL.fromString("1E+400"))).isEqualTo("1E+400");
        assertThatThrownBy(() -> NativeType.DECIMAL.validate(hex("000001"))).isInstanceOf(MarshalException.class);
        assertThatThrownBy(() -> NativeType.DECIMAL.fromString("x")).hasMessage("unable to make BigDecimal from 'x'");
    }

    @Test
    void textValidatesUtf8AndQuotesLiterals() {
        assertRoundTrip(NativeType.TEXT, "héllo wörld ✓ 😀");
        assertThat(NativeType.TEXT.toCqlLiteral(NativeType.TEXT.serialize("it's"))).isEqualTo("'it''s'");
        assertThatThrownBy(() -> NativeType.TEXT.validate(hex("c328"))).hasMessage("String didn't validate.");
        assertThatThrownBy(() -> NativeType.TEXT.validate(hex("c0af"))).hasMessage("String didn't validate."); // overlong
        assertThatThrownBy(() -> NativeType.TEXT.validate(hex("eda080"))).hasMessage("String didn't validate."); // surrogate
        assertThatThrownBy(() -> NativeType.TEXT.validate(hex("e282"))).hasMessage("String didn't validate."); // truncated
        NativeType.TEXT.validate(hex("f09f9880"));
        // unsigned byte order puts non-ASCII after ASCII
        assertAscending(NativeType.TEXT, List.of(NativeType.TEXT.serialize(""), NativeType.TEXT.serialize("a"),
                NativeType.TEXT.serialize("ab"), NativeType.TEXT.serialize("b"), NativeType.TEXT.serialize("é")));
    }

    @Test
    void asciiRejectsHighBytesAndCharacters() {
        assertRoundTrip(NativeType.ASCII, "plain");
        assertThatThrownBy(() -> NativeType.ASCII.validate(hex("61ff"))).hasMessage("Invalid byte for ascii: -1");
        assertThatThrownBy(() -> NativeType.ASCII.fromString("é")).hasMessage("Invalid ASCII character in string literal: java.nio.charset.UnmappableCharacterException: Input length = 1");
        assertThat(NativeType.ASCII.toCqlLiteral(NativeType.ASCII.serialize("a'b"))).isEqualTo("'a''b'");
    }

    @Test
    void blobIsHex() {
        ByteBuffer bytes = hex("00ff10");
        assertRoundTrip(NativeType.BLOB, bytes);
        assertThat(NativeType.BLOB.toCqlLiteral(bytes)).isEqualTo("0x00ff10");
        assertThat(NativeType.BLOB.fromString("0x00FF10")).isEqualTo(bytes);
        assertThat(NativeType.BLOB.fromString("00ff10")).isEqualTo(bytes);
        assertThatThrownBy(() -> NativeType.BLOB.fromString("0xabc")).isInstanceOf(MarshalException.class);
        assertThatThrownBy(() -> NativeType.BLOB.fromString("0xzz")).isInstanceOf(MarshalException.class);
        assertAscending(NativeType.BLOB, List.of(hex(""), hex("00"), hex("0000"), hex("7f"), hex("80"), hex("ff")));
        assertThat(bytes.position()).isZero();
    }

    @Test
    void booleanOrdersFalseFirst() {
        assertRoundTrip(NativeType.BOOLEAN, true);
        assertRoundTrip(NativeType.BOOLEAN, false);
        assertThat(NativeType.BOOLEAN.deserialize(hex("05"))).isEqualTo(true);
        assertThat(NativeType.BOOLEAN.fromString("TRUE")).isEqualTo(hex("01"));
        assertThat(NativeType.BOOLEAN.toCqlLiteral(hex("00"))).isEqualTo("false");
        assertAscending(NativeType.BOOLEAN, List.of(hex(""), hex("00"), hex("01")));
        assertThatThrownBy(() -> NativeType.BOOLEAN.fromString("yes")).hasMessage("Unable to make boolean from 'yes'");
        assertThatThrownBy(() -> NativeType.BOOLEAN.validate(hex("0001"))).hasMessage("Expected 1 or 0 byte value (2)");
    }

    @Test
    void inetHandlesV4AndV6WithoutResolving() throws Exception {
        assertRoundTrip(NativeType.INET, InetAddress.getByName("10.0.0.1"));
        assertRoundTrip(NativeType.INET, InetAddress.getByName("2001:db8::1"));
        assertThat(NativeType.INET.fromString("127.0.0.1")).isEqualTo(hex("7f000001"));
        assertThat(NativeType.INET.fromString("::1")).isEqualTo(hex("00000000000000000000000000000001"));
        assertThat(NativeType.INET.toCqlLiteral(hex("7f000001"))).isEqualTo("'127.0.0.1'");
        assertThat(NativeType.INET.toCqlLiteral(NativeType.INET.fromString("2001:db8::1"))).isEqualTo("'2001:db8:0:0:0:0:0:1'");
        assertThatThrownBy(() -> NativeType.INET.fromString("example.com"))
                .hasMessage("Unable to make inet address from 'example.com'");
        assertThatThrownBy(() -> NativeType.INET.validate(hex("0102"))).hasMessage("Expected 4 or 16 byte inetaddress; got 2");
        assertAscending(NativeType.INET, List.of(hex("0a000001"), hex("20010db8000000000000000000000001"), hex("c0a80001")));
    }

    @Test
    void uuidOrdersByVersionThenTimeThenUnsignedBytes() {
        UUID random = UUID.fromString("f47ac10b-58cc-4372-a567-0e02b2c3d479");
        assertRoundTrip(NativeType.UUID, random);
        assertThat(NativeType.UUID.toCqlLiteral(NativeType.UUID.serialize(random))).isEqualTo(random.toString());
        assertThat(NativeType.UUID.fromString(random.toString().toUpperCase())).isEqualTo(NativeType.UUID.serialize(random));
        ByteBuffer earlyV1 = NativeType.UUID.serialize(TimeUuidGenerator.minAt(1_000));
        ByteBuffer lateV1 = NativeType.UUID.serialize(TimeUuidGenerator.minAt(2_000_000_000_000L));
        ByteBuffer v4Low = NativeType.UUID.fromString("00000000-0000-4000-8000-000000000000");
        ByteBuffer v4High = NativeType.UUID.fromString("ffffffff-0000-4000-8000-000000000000");
        assertAscending(NativeType.UUID, List.of(earlyV1, lateV1, v4Low, v4High));
        assertThatThrownBy(() -> NativeType.UUID.fromString("not-a-uuid")).hasMessage("Unable to make UUID from 'not-a-uuid'");
        assertThatThrownBy(() -> NativeType.UUID.validate(hex("0102"))).hasMessage("UUID should be 16 or 0 bytes (2)");
    }

    @Test
    void timeuuidRequiresVersionOneAndOrdersByTime() {
        UUID min = TimeUuidGenerator.minAt(1_700_000_000_000L);
        UUID max = TimeUuidGenerator.maxAt(1_700_000_000_000L);
        UUID next = TimeUuidGenerator.minAt(1_700_000_000_001L);
        assertRoundTrip(NativeType.TIMEUUID, min);
        assertAscending(NativeType.TIMEUUID, List.of(NativeType.TIMEUUID.serialize(min),
                NativeType.TIMEUUID.serialize(max), NativeType.TIMEUUID.serialize(next)));
        assertThatThrownBy(() -> NativeType.TIMEUUID.fromString("f47ac10b-58cc-4372-a567-0e02b2c3d479"))
                .hasMessage("TimeUUID supports only version 1 UUIDs");
        assertThatThrownBy(() -> NativeType.TIMEUUID.validate(NativeType.UUID.fromString("f47ac10b-58cc-4372-a567-0e02b2c3d479")))
                .hasMessage("Invalid version for TimeUUID type.");
        assertThat(NativeType.TIMEUUID.fromString(min.toString())).isEqualTo(NativeType.TIMEUUID.serialize(min));
    }

    @Test
    void buffersAreLeftUntouched() {
        ByteBuffer bytes = ByteBuffer.allocate(10).position(3).limit(7).slice().putInt(0, 99);
        ByteBuffer offset = ByteBuffer.allocate(8).putInt(4, 99).position(4);
        assertThat(NativeType.INT.compare(bytes, offset)).isZero();
        assertThat(NativeType.INT.deserialize(offset)).isEqualTo(99);
        assertThat(NativeType.INT.toCqlLiteral(offset)).isEqualTo("99");
        assertThat(offset.position()).isEqualTo(4);
    }
}
