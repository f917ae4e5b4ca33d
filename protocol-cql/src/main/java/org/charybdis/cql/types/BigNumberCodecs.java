package org.charybdis.cql.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;

/** Arbitrary-precision numbers: varint (two's complement, any length) and decimal (int32 scale + varint). */
final class BigNumberCodecs {
    static final NativeCodec VARINT = new VarintCodec();
    static final NativeCodec DECIMAL = new DecimalCodec();

    /** Beyond this exponent a plain-digits literal gets needlessly long, so the E notation is printed. */
    private static final int MAX_PLAIN_EXPONENT = 64;

    private BigNumberCodecs() {}

    static BigInteger readVarint(ByteBuffer bytes, int from) {
        byte[] raw = new byte[bytes.limit() - from];
        bytes.get(from, raw);
        return new BigInteger(raw);
    }

    /** Numeric order of two varints without decoding them (tolerates redundant sign bytes). */
    static int compareVarints(ByteBuffer a, ByteBuffer b) {
        int aStart = firstSignificantByte(a);
        int bStart = firstSignificantByte(b);
        boolean aNegative = a.get(aStart) < 0;
        boolean bNegative = b.get(bStart) < 0;
        if (aNegative != bNegative) {
            return aNegative ? -1 : 1;
        }
        int aLength = a.limit() - aStart;
        int bLength = b.limit() - bStart;
        if (aLength != bLength) {
            // more significant bytes: further from zero
            return aNegative ? Integer.compare(bLength, aLength) : Integer.compare(aLength, bLength);
        }
        int c = Byte.compare(a.get(aStart), b.get(bStart));
        for (int i = 1; c == 0 && i < aLength; i++) {
            c = Integer.compare(a.get(aStart + i) & 0xFF, b.get(bStart + i) & 0xFF);
        }
        return c;
    }

    /** Where the minimal two's complement form starts: redundant leading 0x00 / 0xFF sign bytes skipped. */
    static int firstSignificantByte(ByteBuffer bytes) {
        int i = bytes.position();
        int last = bytes.limit() - 1;
        while (i < last) {
            byte current = bytes.get(i);
            byte next = bytes.get(i + 1);
            boolean redundant = (current == 0 && next >= 0) || (current == -1 && next < 0);
            if (!redundant) {
                break;
            }
            i++;
        }
        return i;
    }

    static BigInteger toBigInteger(Object value) {
        return switch (value) {
            case BigInteger big -> big;
            case Long l -> BigInteger.valueOf(l);
            case Integer i -> BigInteger.valueOf(i);
            case Short s -> BigInteger.valueOf(s);
            case Byte b -> BigInteger.valueOf(b);
            default -> throw new MarshalException("Expected an integer value for varint, got " + NumberCodecs.describe(value));
        };
    }

    static BigDecimal toBigDecimal(Object value) {
        return switch (value) {
            case BigDecimal d -> d;
            case BigInteger big -> new BigDecimal(big);
            case Double d when Double.isFinite(d) -> BigDecimal.valueOf(d);
            case Float f when Float.isFinite(f) -> new BigDecimal(Float.toString(f));
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            default -> throw new MarshalException("Expected a decimal value, got " + NumberCodecs.describe(value));
        };
    }

    private static final class VarintCodec implements NativeCodec {
        @Override public ByteBuffer serialize(Object value) { return ByteBuffer.wrap(toBigInteger(value).toByteArray()); }
        @Override public Object deserialize(ByteBuffer bytes) { return readVarint(bytes, bytes.position()); }
        @Override public void validate(ByteBuffer bytes) {
            // every byte sequence is a valid two's complement integer
        }
        @Override public int compare(ByteBuffer a, ByteBuffer b) { return compareVarints(a, b); }
        @Override public String toCqlLiteral(ByteBuffer bytes) { return readVarint(bytes, bytes.position()).toString(); }
        @Override public ByteBuffer fromString(String text) {
            try {
                return ByteBuffer.wrap(new BigInteger(text).toByteArray());
            } catch (NumberFormatException e) {
                throw new MarshalException("unable to make int from '" + text + "'", e);
            }
        }
    }

    private static final class DecimalCodec implements NativeCodec {
        @Override public ByteBuffer serialize(Object value) {
            BigDecimal decimal = toBigDecimal(value);
            byte[] unscaled = decimal.unscaledValue().toByteArray();
            ByteBuffer out = ByteBuffer.allocate(4 + unscaled.length);
            out.putInt(0, decimal.scale()).put(4, unscaled);
            return out;
        }
        @Override public Object deserialize(ByteBuffer bytes) { return read(bytes); }
        @Override public void validate(ByteBuffer bytes) {
            int n = bytes.remaining();
            if (n != 0 && n < 5) {
                throw new MarshalException("Expected 0 or at least 5 bytes for a decimal (" + n + ")");
            }
        }
        @Override public int compare(ByteBuffer a, ByteBuffer b) { return read(a).compareTo(read(b)); }
        @Override public String toCqlLiteral(ByteBuffer bytes) {
            BigDecimal decimal = read(bytes);
            long exponent = (long) decimal.precision() - decimal.scale();
            return Math.abs(exponent) > MAX_PLAIN_EXPONENT || decimal.scale() > MAX_PLAIN_EXPONENT
                    ? decimal.toString() : decimal.toPlainString();
        }
        @Override public ByteBuffer fromString(String text) {
            try {
                return serialize(new BigDecimal(text));
            } catch (NumberFormatException e) {
                throw new MarshalException("unable to make BigDecimal from '" + text + "'", e);
            }
        }

        private static BigDecimal read(ByteBuffer bytes) {
            int scale = bytes.getInt(bytes.position());
            return new BigDecimal(readVarint(bytes, bytes.position() + 4), scale);
        }
    }
}
