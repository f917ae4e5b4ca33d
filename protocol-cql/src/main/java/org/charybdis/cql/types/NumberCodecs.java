package org.charybdis.cql.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;

/** Fixed-size numbers: int, bigint (and counter), smallint, tinyint, float, double. Big-endian two's complement / IEEE 754. */
final class NumberCodecs {
    static final NativeCodec INT = new IntCodec();
    static final NativeCodec BIGINT = new BigintCodec();
    static final NativeCodec SMALLINT = new SmallintCodec();
    static final NativeCodec TINYINT = new TinyintCodec();
    static final NativeCodec FLOAT = new FloatCodec();
    static final NativeCodec DOUBLE = new DoubleCodec();

    private NumberCodecs() {}

    /** The value as a long when it is an integral Number; the caller checks the range. */
    static long integral(Object value, String typeName) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        throw new MarshalException("Expected an integer value for " + typeName + ", got " + describe(value));
    }

    static long inRange(long v, long min, long max, String typeName) {
        if (v < min || v > max) {
            throw new MarshalException("Value " + v + " is out of range for " + typeName);
        }
        return v;
    }

    static String describe(Object value) {
        return value.getClass().getSimpleName() + " " + value;
    }

    private static final class IntCodec implements NativeCodec {
        @Override public ByteBuffer serialize(Object value) {
            return RawBytes.ofInt((int) inRange(integral(value, "int"), Integer.MIN_VALUE, Integer.MAX_VALUE, "int"));
        }
        @Override public Object deserialize(ByteBuffer bytes) { return bytes.getInt(bytes.position()); }
        @Override public void validate(ByteBuffer bytes) { RawBytes.requireSize(bytes, 4, "int"); }
        @Override public int compare(ByteBuffer a, ByteBuffer b) {
            return Integer.compare(a.getInt(a.position()), b.getInt(b.position()));
        }
        @Override public String toCqlLiteral(ByteBuffer bytes) { return Integer.toString(bytes.getInt(bytes.position())); }
        @Override public ByteBuffer fromString(String text) {
            try {
                return RawBytes.ofInt(Integer.parseInt(text));
            } catch (NumberFormatException e) {
                throw new MarshalException("Unable to make int from '" + text + "'", e);
            }
        }
        @Override public int fixedLength() { return 4; }
    }

    private static final class BigintCodec implements NativeCodec {
        @Override public ByteBuffer serialize(Object value) { return RawBytes.ofLong(integral(value, "bigint")); }
        @Override public Object deserialize(ByteBuffer bytes) { return bytes.getLong(bytes.position()); }
        @Override public void validate(ByteBuffer bytes) { RawBytes.requireSize(bytes, 8, "long"); }
        @Override public int compare(ByteBuffer a, ByteBuffer b) {
            return Long.compare(a.getLong(a.position()), b.getLong(b.position()));
        }
        @Override public String toCqlLiteral(ByteBuffer bytes) { return Long.toString(bytes.getLong(bytes.position())); }
        @Override public ByteBuffer fromString(String text) {
            try {
                return RawBytes.ofLong(Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw new MarshalException("Unable to make long from '" + text + "'", e);
            }
        }
        @Override public int fixedLength() { return 8; }
    }

    private static final class SmallintCodec implements NativeCodec {
        @Override public ByteBuffer serialize(Object value) {
            short v = (short) inRange(integral(value, "smallint"), Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
            return ByteBuffer.allocate(2).putShort(0, v);
        }
        @Override public Object deserialize(ByteBuffer bytes) { return bytes.getShort(bytes.position()); }
        @Override public void validate(ByteBuffer bytes) {
            if (bytes.remaining() != 2) {
                throw new MarshalException("Expected 2 bytes for a smallint (" + bytes.remaining() + ")");
            }
        }
        @Override public int compare(ByteBuffer a, ByteBuffer b) {
            return Short.compare(a.getShort(a.position()), b.getShort(b.position()));
        }
        @Override public String toCqlLiteral(ByteBuffer bytes) { return Short.toString(bytes.getShort(bytes.position())); }
        @Override public ByteBuffer fromString(String text) {
            try {
                return ByteBuffer.allocate(2).putShort(0, Short.parseShort(text));
            } catch (NumberFormatException e) {
                throw new MarshalException("Unable to make short from '" + text + "'", e);
            }
        }
        @Override public int fixedLength() { return 2; }
    }

    private static final class TinyintCodec implements NativeCodec {
        @Override public ByteBuffer serialize(Object value) {
            byte v = (byte) inRange(integral(value, "tinyint"), Byte.MIN_VALUE, Byte.MAX_VALUE, "tinyint");
            return ByteBuffer.allocate(1).put(0, v);
        }
        @Override public Object deserialize(ByteBuffer bytes) { return bytes.get(bytes.position()); }
        @Override public void validate(ByteBuffer bytes) {
            if (bytes.remaining() != 1) {
                throw new MarshalException("Expected 1 byte for a tinyint (" + bytes.remaining() + ")");
            }
        }
        @Override public int compare(ByteBuffer a, ByteBuffer b) {
            return Byte.compare(a.get(a.position()), b.get(b.position()));
        }
        @Override public String toCqlLiteral(ByteBuffer bytes) { return Byte.toString(bytes.get(bytes.position())); }
        @Override public ByteBuffer fromString(String text) {
            try {
                return ByteBuffer.allocate(1).put(0, Byte.parseByte(text));
            } catch (NumberFormatException e) {
                throw new MarshalException("Unable to make byte from '" + text + "'", e);
            }
        }
        @Override public int fixedLength() { return 1; }
    }

    private static final class FloatCodec implements NativeCodec {
        @Override public ByteBuffer serialize(Object value) {
            float v = switch (value) {
                case Float f -> f;
                case Double d when (double) d.floatValue() == d || d.isNaN() -> d.floatValue();
                case Integer i when Math.abs(i) <= (1 << 24) -> i;
                default -> throw new MarshalException("Expected a float value, got " + describe(value));
            };
            return ByteBuffer.allocate(4).putFloat(0, v);
        }
        @Override public Object deserialize(ByteBuffer bytes) { return bytes.getFloat(bytes.position()); }
        @Override public void validate(ByteBuffer bytes) { RawBytes.requireSize(bytes, 4, "float"); }
        @Override public int compare(ByteBuffer a, ByteBuffer b) {
            return Float.compare(a.getFloat(a.position()), b.getFloat(b.position()));
        }
        @Override public String toCqlLiteral(ByteBuffer bytes) { return Float.toString(bytes.getFloat(bytes.position())); }
        @Override public ByteBuffer fromString(String text) {
            try {
                return ByteBuffer.allocate(4).putFloat(0, Float.parseFloat(text));
            } catch (NumberFormatException e) {
                throw new MarshalException("Unable to make float from '" + text + "'", e);
            }
        }
        @Override public int fixedLength() { return 4; }
    }

    private static final class DoubleCodec implements NativeCodec {
        @Override public ByteBuffer serialize(Object value) {
            double v = switch (value) {
                case Double d -> d;
                case Float f -> f;
                case Integer i -> i;
                case Long l when Math.abs(l) <= (1L << 53) -> l;
                case BigDecimal d -> d.doubleValue();
                default -> throw new MarshalException("Expected a double value, got " + describe(value));
            };
            return ByteBuffer.allocate(8).putDouble(0, v);
        }
        @Override public Object deserialize(ByteBuffer bytes) { return bytes.getDouble(bytes.position()); }
        @Override public void validate(ByteBuffer bytes) { RawBytes.requireSize(bytes, 8, "double"); }
        @Override public int compare(ByteBuffer a, ByteBuffer b) {
            return Double.compare(a.getDouble(a.position()), b.getDouble(b.position()));
        }
        @Override public String toCqlLiteral(ByteBuffer bytes) { return Double.toString(bytes.getDouble(bytes.position())); }
        @Override public ByteBuffer fromString(String text) {
            try {
                return ByteBuffer.allocate(8).putDouble(0, Double.parseDouble(text));
            } catch (NumberFormatException e) {
                throw new MarshalException("Unable to make double from '" + text + "'", e);
            }
        }
        @Override public int fixedLength() { return 8; }
    }
}
