package org.charybdis.cql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The encodings order non-empty values exactly as {@link CqlType#compare} does, and none is a prefix of another. */
class ByteComparableTest {
    private static final int VALUES_PER_TYPE = 160;

    private static final UserType ADDRESS = UserType.of("ks", "address", List.of("street", "number", "tags"),
            List.of(NativeType.TEXT, NativeType.INT, ListType.of(NativeType.INT, false)), false);

    /** Every type a clustering column (or a frozen part of one) can have, and composites of them. */
    private static final List<CqlType> TYPES = List.of(
            NativeType.ASCII, NativeType.TEXT, NativeType.BLOB, NativeType.BOOLEAN, NativeType.TINYINT,
            NativeType.SMALLINT, NativeType.INT, NativeType.BIGINT, NativeType.COUNTER, NativeType.VARINT,
            NativeType.DECIMAL, NativeType.FLOAT, NativeType.DOUBLE, NativeType.DATE, NativeType.TIME,
            NativeType.TIMESTAMP, NativeType.UUID, NativeType.TIMEUUID, NativeType.INET, NativeType.DURATION,
            CustomType.of("org.example.Opaque"),
            ListType.of(NativeType.INT, false), ListType.of(NativeType.TEXT, false), SetType.of(NativeType.VARINT, false),
            MapType.of(NativeType.TEXT, NativeType.INT, false),
            MapType.of(NativeType.INT, ListType.of(NativeType.BLOB, false), false),
            ListType.of(TupleType.of(NativeType.INT, NativeType.TEXT), false),
            TupleType.of(NativeType.INT, NativeType.TEXT, NativeType.DECIMAL),
            TupleType.of(NativeType.TEXT, TupleType.of(NativeType.INT, NativeType.TEXT)),
            TupleType.of(NativeType.TIMEUUID, NativeType.INET, NativeType.DOUBLE, NativeType.BOOLEAN, NativeType.UUID),
            ADDRESS, ListType.of(ADDRESS, false),
            VectorType.of(NativeType.FLOAT, 3), VectorType.of(NativeType.TEXT, 2), VectorType.of(NativeType.VARINT, 2));

    @Test
    void unsignedByteOrderIsTheTypesOrder() {
        for (CqlType type : TYPES) {
            List<ByteBuffer> values = values(type, type.cqlName().hashCode());
            List<byte[]> encoded = values.stream().map(v -> ByteComparable.encode(type, v)).toList();
            for (int i = 0; i < values.size(); i++) {
                for (int j = 0; j < values.size(); j++) {
                    int expected = Integer.signum(type.compare(values.get(i), values.get(j)));
                    assertThat(Integer.signum(Arrays.compareUnsigned(encoded.get(i), encoded.get(j))))
                            .as("%s: %s vs %s", type, RawBytes.toBlobLiteral(values.get(i)), RawBytes.toBlobLiteral(values.get(j)))
                            .isEqualTo(expected);
                    assertNeitherIsAProperPrefix(encoded.get(i), encoded.get(j));
                }
            }
        }
    }

    @Test
    void concatenatedEncodingsOrderLikePairs() {
        Random random = new Random(7);
        for (CqlType first : TYPES) {
            CqlType second = TYPES.get(random.nextInt(TYPES.size()));
            List<ByteBuffer> firsts = values(first, 1);
            List<ByteBuffer> seconds = values(second, 2);
            for (int n = 0; n < 3000; n++) {
                ByteBuffer a1 = firsts.get(random.nextInt(firsts.size()));
                ByteBuffer b1 = firsts.get(random.nextInt(firsts.size()));
                ByteBuffer a2 = seconds.get(random.nextInt(seconds.size()));
                ByteBuffer b2 = seconds.get(random.nextInt(seconds.size()));
                int c = first.compare(a1, b1);
                int expected = Integer.signum(c != 0 ? c : second.compare(a2, b2));
                byte[] a = concat(ByteComparable.encode(first, a1), ByteComparable.encode(second, a2));
                byte[] b = concat(ByteComparable.encode(first, b1), ByteComparable.encode(second, b2));
                assertThat(Integer.signum(Arrays.compareUnsigned(a, b))).as("(%s, %s)", first, second).isEqualTo(expected);
            }
        }
    }

    @Test
    void equalValuesWrittenDifferentlyEncodeTheSame() {
        assertSameEncoding(NativeType.VARINT, bytes(0x00, 0x01), bytes(0x01));
        assertSameEncoding(NativeType.VARINT, bytes(0xFF, 0xFF, 0x80), bytes(0x80));
        assertSameEncoding(NativeType.DECIMAL, NativeType.DECIMAL.serialize(new BigDecimal("1.0")),
                NativeType.DECIMAL.serialize(new BigDecimal("1.000")));
        assertSameEncoding(NativeType.DECIMAL, NativeType.DECIMAL.serialize(new BigDecimal("0E-5")),
                NativeType.DECIMAL.serialize(new BigDecimal("0E+7")));
        assertSameEncoding(NativeType.BOOLEAN, bytes(0x01), bytes(0x7F));
        assertSameEncoding(NativeType.FLOAT, RawBytes.ofInt(0x7FC00000), RawBytes.ofInt(0xFFC00001));
        TupleType pair = TupleType.of(NativeType.INT, NativeType.TEXT);
        assertSameEncoding(pair, pair.serialize(Arrays.asList(1, null)), pair.serialize(List.of(1)));
        TupleType nested = TupleType.of(NativeType.INT, pair);
        // an empty inner tuple is compared as one of null fields
        assertSameEncoding(nested, ValueFraming.packFields(Arrays.asList(RawBytes.ofInt(1), ByteBuffer.allocate(0))),
                nested.serialize(List.of(1, Arrays.asList(null, null))));
    }

    @Test
    void refusesEmptyValuesWhichTheCallerOrders() {
        assertThatThrownBy(() -> ByteComparable.encode(NativeType.TEXT, ByteBuffer.allocate(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSameEncoding(CqlType type, ByteBuffer a, ByteBuffer b) {
        assertThat(type.compare(a, b)).isZero();
        assertThat(ByteComparable.encode(type, a)).isEqualTo(ByteComparable.encode(type, b));
    }

    private static void assertNeitherIsAProperPrefix(byte[] a, byte[] b) {
        int mismatch = Arrays.mismatch(a, b);
        if (mismatch >= 0) {
            assertThat(mismatch).as("one encoding is a prefix of the other").isLessThan(Math.min(a.length, b.length));
        }
    }

    private static List<ByteBuffer> values(CqlType type, long seed) {
        RandomValues random = new RandomValues(seed);
        List<ByteBuffer> values = new ArrayList<>();
        for (int i = 0; i < VALUES_PER_TYPE; i++) values.add(random.nonEmpty(type));
        return values;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static ByteBuffer bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (byte) values[i];
        return ByteBuffer.wrap(out);
    }
}
