package org.charybdis.server.index;

import org.charybdis.cql.types.NativeType;
import org.charybdis.storage.data.UnsignedBytes;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The encodings order values as CQL compares them, for every type whose SAI index answers ranges. */
class ByteComparableValuesTest {
    private final Random random = new Random(42);

    @Test
    void integersAndFloatingPointKeepTheirOrder() {
        List<Object> ints = new ArrayList<>(List.of(Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE));
        List<Object> longs = new ArrayList<>(List.of(Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE));
        List<Object> doubles = new ArrayList<>(List.of(Double.NEGATIVE_INFINITY, -1e300, -1.5, -0.0, 0.0, 1e-300, 2.5, Double.POSITIVE_INFINITY));
        List<Object> floats = new ArrayList<>(List.of(Float.NEGATIVE_INFINITY, -3.5f, -0.0f, 0.0f, 1e-30f, 7f, Float.POSITIVE_INFINITY));
        List<Object> shorts = new ArrayList<>(List.of(Short.MIN_VALUE, (short) -1, (short) 0, Short.MAX_VALUE));
        List<Object> bytes = new ArrayList<>(List.of(Byte.MIN_VALUE, (byte) -1, (byte) 0, Byte.MAX_VALUE));
        for (int i = 0; i < 300; i++) {
            ints.add(random.nextInt());
            longs.add(random.nextLong());
            doubles.add(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
            floats.add((float) (random.nextGaussian() * 1000));
            shorts.add((short) random.nextInt());
            bytes.add((byte) random.nextInt());
        }
        assertOrderKept(NativeType.INT, ints);
        assertOrderKept(NativeType.BIGINT, longs);
        assertOrderKept(NativeType.DOUBLE, doubles);
        assertOrderKept(NativeType.FLOAT, floats);
        assertOrderKept(NativeType.SMALLINT, shorts);
        assertOrderKept(NativeType.TINYINT, bytes);
    }

    @Test
    void varintsAndDecimalsOfEveryLengthAndScaleKeepTheirOrder() {
        List<Object> varints = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.negate(), BigInteger.valueOf(255),
                BigInteger.valueOf(-256), BigInteger.TWO.pow(100), BigInteger.TWO.pow(100).negate()));
        List<Object> decimals = new ArrayList<>(List.of(BigDecimal.ZERO, new BigDecimal("0.00"), new BigDecimal("100"), new BigDecimal("1E+2"),
                new BigDecimal("-0.5"), new BigDecimal("-0.51"), new BigDecimal("0.5"), new BigDecimal("0.51"), new BigDecimal("-100.25")));
        for (int i = 0; i < 300; i++) {
            BigInteger v = new BigInteger(random.nextInt(200) + 1, random);
            varints.add(random.nextBoolean() ? v : v.negate());
            decimals.add(new BigDecimal(random.nextBoolean() ? v : v.negate(), random.nextInt(80) - 40));
        }
        assertOrderKept(NativeType.VARINT, varints);
        assertOrderKept(NativeType.DECIMAL, decimals);
    }

    private static void assertOrderKept(NativeType type, List<Object> values) {
        for (Object a : values) {
            for (Object b : values) {
                ByteBuffer x = type.serialize(a);
                ByteBuffer y = type.serialize(b);
                int cql = Integer.signum(type.compare(x, y));
                int encoded = Integer.signum(UnsignedBytes.compare(ByteComparableValues.encode(type, x), ByteComparableValues.encode(type, y)));
                assertThat(encoded).as("%s: %s vs %s", type, a, b).isEqualTo(cql);
            }
        }
    }
}
