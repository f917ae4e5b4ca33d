package org.charybdis.server.index;

import org.charybdis.cql.types.ByteComparable;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.TupleType;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.IndexMetadata;
import org.charybdis.storage.data.UnsignedBytes;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Index terms order as CQL orders the values, so that a range is one seek and a scan over the terms. */
class AttachedIndexTermsTest {
    private final Random random = new Random(42);

    @Test
    void integersAndFloatingPointKeepTheirOrder() {
        List<Object> ints = new ArrayList<>(List.of(Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE));
        List<Object> longs = new ArrayList<>(List.of(Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE));
        List<Object> doubles = new ArrayList<>(List.of(Double.NEGATIVE_INFINITY, -1e300, -1.5, -0.0, 0.0, 1e-300, 2.5, Double.POSITIVE_INFINITY, Double.NaN));
        List<Object> floats = new ArrayList<>(List.of(Float.NEGATIVE_INFINITY, -3.5f, -0.0f, 0.0f, 1e-30f, 7f, Float.POSITIVE_INFINITY));
        for (int i = 0; i < 200; i++) {
            ints.add(random.nextInt());
            longs.add(random.nextLong());
            doubles.add(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
            floats.add((float) (random.nextGaussian() * 1000));
        }
        assertOrderKept(NativeType.INT, ints);
        assertOrderKept(NativeType.BIGINT, longs);
        assertOrderKept(NativeType.DOUBLE, doubles);
        assertOrderKept(NativeType.FLOAT, floats);
    }

    @Test
    void varintsAndDecimalsOfEveryLengthAndScaleKeepTheirOrder() {
        List<Object> varints = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.negate(), BigInteger.valueOf(255),
                BigInteger.valueOf(-256), BigInteger.TWO.pow(100), BigInteger.TWO.pow(100).negate()));
        List<Object> decimals = new ArrayList<>(List.of(BigDecimal.ZERO, new BigDecimal("0.00"), new BigDecimal("100"), new BigDecimal("1E+2"),
                new BigDecimal("-0.5"), new BigDecimal("-0.51"), new BigDecimal("0.5"), new BigDecimal("0.51"), new BigDecimal("-100.25")));
        for (int i = 0; i < 200; i++) {
            BigInteger v = new BigInteger(random.nextInt(200) + 1, random);
            varints.add(random.nextBoolean() ? v : v.negate());
            decimals.add(new BigDecimal(random.nextBoolean() ? v : v.negate(), random.nextInt(80) - 40));
        }
        assertOrderKept(NativeType.VARINT, varints);
        assertOrderKept(NativeType.DECIMAL, decimals);
    }

    /** Raw bytes would put these out of order: timeuuids by their time, tuples by their components. */
    @Test
    void timeuuidsTextAndTuplesKeepTheirOrder() {
        List<Object> timeuuids = new ArrayList<>();
        for (int i = 0; i < 100; i++) timeuuids.add(new UUID((random.nextLong() & ~0xF000L) | 0x1000L, random.nextLong()));
        assertOrderKept(NativeType.TIMEUUID, timeuuids);
        assertOrderKept(NativeType.TEXT, List.of("", "a", "a\0", "a\0b", "ab", "b", "é"));
        TupleType pair = TupleType.of(NativeType.INT, NativeType.TEXT);
        assertOrderKept(pair, List.of(List.of(-1, "z"), Arrays.asList(1, null), List.of(1, ""), List.of(1, "a"), List.of(256, "")));
    }

    @Test
    void emptyValuesAreTheEmptyTerm() {
        assertThat(term(NativeType.INT, ByteBuffer.allocate(0)).remaining()).isZero();
    }

    @Test
    void collectionIndexesTermTheirElementsAndKeys() {
        ByteBuffer five = NativeType.INT.serialize(5);
        ColumnMetadata list = column(ListType.of(NativeType.INT, true));
        assertThat(AttachedIndexTerms.lookupTerm(list, index(IndexMetadata.Target.VALUES), five))
                .isEqualTo(ByteBuffer.wrap(ByteComparable.encode(NativeType.INT, five)));
        ColumnMetadata map = column(MapType.of(NativeType.TEXT, NativeType.INT, true));
        ByteBuffer key = ByteBuffer.wrap("k".getBytes(StandardCharsets.UTF_8));
        assertThat(AttachedIndexTerms.lookupTerm(map, index(IndexMetadata.Target.KEYS), key))
                .isEqualTo(ByteBuffer.wrap(ByteComparable.encode(NativeType.TEXT, key)));
    }

    private static void assertOrderKept(CqlType type, List<?> values) {
        for (Object a : values) {
            for (Object b : values) {
                ByteBuffer x = type.serialize(a);
                ByteBuffer y = type.serialize(b);
                int cql = Integer.signum(type.compare(x, y));
                int terms = Integer.signum(UnsignedBytes.compare(term(type, x), term(type, y)));
                assertThat(terms).as("%s: %s vs %s", type, a, b).isEqualTo(cql);
            }
        }
    }

    private static ByteBuffer term(CqlType type, ByteBuffer value) {
        return AttachedIndexTerms.lookupTerm(column(type), index(IndexMetadata.Target.SIMPLE), value);
    }

    private static ColumnMetadata column(CqlType type) {
        return new ColumnMetadata("v", ColumnMetadata.Kind.REGULAR, 0, type, false, 1);
    }

    private static IndexMetadata index(IndexMetadata.Target target) {
        return new IndexMetadata("v_idx", UUID.randomUUID(), "v", target, "StorageAttachedIndex", Map.of());
    }
}
