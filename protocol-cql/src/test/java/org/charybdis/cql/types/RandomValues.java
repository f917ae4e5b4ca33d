package org.charybdis.cql.types;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random serialized values of any CQL type, biased toward what orderings get wrong: edge values, ties reached by
 * different bytes (redundant varint sign bytes, decimal scales, NaN payloads, non-canonical booleans), 0x00 bytes,
 * prefixes of each other, empty elements and null or missing fields inside composites. Small pools of components
 * make equal and prefix-sharing values common.
 */
final class RandomValues {
    private static final byte[] BYTE_POOL = {0x00, 0x01, 0x7F, (byte) 0x80, (byte) 0xFF, 'a'};
    private static final long[] LONG_EDGES = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -256, -1, 0, 1, 255, Long.MAX_VALUE};
    private static final int[] FLOAT_BITS = {0x7FC00000, 0x7FC00001, 0xFFC00000, 0x7F800000, 0xFF800000, 0x80000000,
            0, 1, 0x80000001, 0x7F7FFFFF, 0xFF7FFFFF};
    private static final long[] DOUBLE_BITS = {0x7FF8000000000000L, 0x7FF8000000000001L, 0xFFF8000000000000L,
            0x7FF0000000000000L, 0xFFF0000000000000L, 0x8000000000000000L, 0, 1, 0x8000000000000001L};

    private final Random random;

    RandomValues(long seed) {
        random = new Random(seed);
    }

    /** A non-empty value of {@code type}. */
    ByteBuffer nonEmpty(CqlType type) {
        ByteBuffer value;
        do {
            value = value(type);
        } while (!value.hasRemaining());
        return value;
    }

    /** A value of {@code type}, sometimes empty where the type allows it. */
    ByteBuffer value(CqlType type) {
        return switch (type) {
            case NativeType nativeType -> nativeValue(nativeType);
            case ListType list -> collection(List.of(list.elementType()));
            case SetType set -> collection(List.of(set.elementType()));
            case MapType map -> collection(List.of(map.keyType(), map.valueType()));
            case TupleType tuple -> fields(tuple.subTypes());
            case UserType udt -> fields(udt.fieldTypes());
            case VectorType vector -> vector(vector);
            case CustomType ignored -> bytes(BYTE_POOL, 4);
            default -> throw new IllegalArgumentException(type.cqlName());
        };
    }

    private ByteBuffer nativeValue(NativeType type) {
        if (random.nextInt(20) == 0) return ByteBuffer.allocate(0);
        return switch (type) {
            case ASCII -> bytes(new byte[] {0x00, 0x01, 'a', 'b', 0x7F}, 4);
            case TEXT -> bytes(new byte[] {0x00, 'a', (byte) 0xC3, (byte) 0xA9, (byte) 0xF0}, 4);
            case BLOB, DURATION -> bytes(BYTE_POOL, 4);
            case INET -> random.nextBoolean() ? bytes(BYTE_POOL, 4, 5) : bytes(BYTE_POOL, 16, 17);
            case BOOLEAN -> ByteBuffer.wrap(new byte[] {(byte) random.nextInt(3)});
            case TINYINT -> ByteBuffer.wrap(new byte[] {(byte) integral()});
            case SMALLINT -> ByteBuffer.allocate(2).putShort(0, (short) integral());
            case INT, DATE -> RawBytes.ofInt((int) integral());
            case BIGINT, COUNTER, TIMESTAMP, TIME -> RawBytes.ofLong(integral());
            case FLOAT -> RawBytes.ofInt(random.nextBoolean() ? pick(FLOAT_BITS) : Float.floatToRawIntBits(
                    (float) (random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10))));
            case DOUBLE -> RawBytes.ofLong(random.nextBoolean() ? DOUBLE_BITS[random.nextInt(DOUBLE_BITS.length)]
                    : Double.doubleToRawLongBits(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20)));
            case VARINT -> ByteBuffer.wrap(varint(bigInteger()));
            case DECIMAL -> decimal();
            case UUID -> uuid(random.nextBoolean() ? 1 : pick(new int[] {0, 2, 4, 15}));
            case TIMEUUID -> uuid(1);
        };
    }

    /** Mostly edges and small numbers (ties), sometimes any long; callers narrow it. */
    private long integral() {
        return switch (random.nextInt(3)) {
            case 0 -> LONG_EDGES[random.nextInt(LONG_EDGES.length)];
            case 1 -> random.nextInt(7) - 3;
            default -> random.nextLong() >> random.nextInt(64);
        };
    }

    private BigInteger bigInteger() {
        BigInteger v = random.nextInt(3) == 0 ? BigInteger.valueOf(integral())
                : new BigInteger(1 + random.nextInt(random.nextBoolean() ? 16 : 300), random);
        return random.nextBoolean() ? v : v.negate();
    }

    /** Two's complement, sometimes with redundant sign bytes in front (the same number). */
    private byte[] varint(BigInteger v) {
        byte[] minimal = v.toByteArray();
        int redundant = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0;
        byte[] out = new byte[redundant + minimal.length];
        for (int i = 0; i < redundant; i++) out[i] = (byte) (v.signum() < 0 ? 0xFF : 0x00);
        System.arraycopy(minimal, 0, out, redundant, minimal.length);
        return out;
    }

    /** Often the same number at several scales (trailing zeros added to the unscaled value), zero included. */
    private ByteBuffer decimal() {
        BigInteger unscaled = random.nextInt(4) == 0 ? BigInteger.valueOf(random.nextInt(5) - 2) : bigInteger();
        int scale = random.nextInt(3) == 0 ? pick(new int[] {Integer.MIN_VALUE + 5, Integer.MAX_VALUE - 5})
                : random.nextInt(41) - 20;
        int zeros = random.nextInt(4);
        if (scale <= Integer.MAX_VALUE - zeros) {
            unscaled = unscaled.multiply(BigInteger.TEN.pow(zeros));
            scale += zeros;
        }
        byte[] digits = varint(unscaled);
        return ByteBuffer.allocate(4 + digits.length).putInt(0, scale).put(4, digits);
    }

    /** A uuid of that version; version 1 ones share timestamps and low bytes often. */
    private ByteBuffer uuid(int version) {
        long msb = random.nextInt(3) == 0 ? pick(new int[] {0, 1, -1}) : random.nextLong();
        msb = (msb & ~0xF000L) | ((long) version << 12);
        long lsb = random.nextInt(3) == 0 ? pick(new int[] {0, 0x80, -1}) : random.nextLong();
        return ByteBuffer.allocate(16).putLong(0, msb).putLong(8, lsb);
    }

    private ByteBuffer collection(List<CqlType> itemTypes) {
        int entries = random.nextInt(4);
        List<ByteBuffer> items = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            for (CqlType itemType : itemTypes) items.add(value(itemType));
        }
        return ValueFraming.packCollection(items, itemTypes.size());
    }

    /** Fields null or not, sometimes fewer than the type has (written before ALTER TYPE ADD), or trailing nulls. */
    private ByteBuffer fields(List<CqlType> types) {
        int count = random.nextInt(3) == 0 ? random.nextInt(types.size() + 1) : types.size();
        List<ByteBuffer> items = new ArrayList<>();
        for (int i = 0; i < count; i++) items.add(random.nextInt(4) == 0 ? null : value(types.get(i)));
        return ValueFraming.packFields(items);
    }

    private ByteBuffer vector(VectorType type) {
        boolean fixed = type.elementType().valueLengthIfFixed() > 0;
        List<ByteBuffer> elements = new ArrayList<>();
        int size = 0;
        for (int i = 0; i < type.dimension(); i++) {
            ByteBuffer element = fixed ? nonEmpty(type.elementType()) : value(type.elementType());
            elements.add(element);
            size += element.remaining() + (fixed ? 0 : VInts.sizeOfUnsigned(element.remaining()));
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (ByteBuffer element : elements) {
            if (!fixed) VInts.writeUnsigned(out, element.remaining());
            out.put(element);
        }
        return out.flip();
    }

    private ByteBuffer bytes(byte[] pool, int maxLength) {
        return bytes(pool, 0, maxLength + 1);
    }

    /** Between {@code minLength} and {@code maxLength - 1} bytes from the pool. */
    private ByteBuffer bytes(byte[] pool, int minLength, int maxLengthExclusive) {
        int length = minLength + random.nextInt(Math.max(1, maxLengthExclusive - minLength));
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) out[i] = pool[random.nextInt(pool.length)];
        return ByteBuffer.wrap(out);
    }

    private int pick(int[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
