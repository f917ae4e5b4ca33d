package org.charybdis.server.index;

import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.NativeType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encodes CQL values so that comparing the encodings as unsigned bytes orders them as CQL orders the values: what
 * lets a storage-attached index answer a range with one seek and a scan. Integers get their sign bit flipped,
 * floating point numbers the IEEE trick (negative: all bits flipped), varint and decimal a sign, a length or
 * exponent, then their digits. Types without an order of their own (text, blob, uuid...) keep their bytes, which
 * is all equality needs (and unsigned UTF-8 order is text's code point order).
 */
final class ByteComparableValues {
    private ByteComparableValues() {}

    static ByteBuffer encode(CqlType type, ByteBuffer value) {
        if (!(type instanceof NativeType nativeType) || value.remaining() == 0) return value;
        int at = value.position();
        return switch (nativeType) {
            case TINYINT -> ByteBuffer.wrap(new byte[] {(byte) (value.get(at) ^ 0x80)});
            case SMALLINT -> ByteBuffer.allocate(2).putShort(0, (short) (value.getShort(at) ^ 0x8000));
            case INT -> ByteBuffer.allocate(4).putInt(0, value.getInt(at) ^ Integer.MIN_VALUE);
            case BIGINT, TIMESTAMP, COUNTER -> ByteBuffer.allocate(8).putLong(0, value.getLong(at) ^ Long.MIN_VALUE);
            case FLOAT -> ByteBuffer.allocate(4).putInt(0, orderedFloatBits(value.getInt(at)));
            case DOUBLE -> ByteBuffer.allocate(8).putLong(0, orderedDoubleBits(value.getLong(at)));
            case VARINT -> varint(new BigInteger(bytes(value)));
            case DECIMAL -> decimal(new BigDecimal(new BigInteger(bytes(value, 4)), value.getInt(at)));
            default -> value; // date (unsigned days), time (non-negative nanos): already in byte order
        };
    }

    private static int orderedFloatBits(int bits) {
        return bits < 0 ? ~bits : bits ^ Integer.MIN_VALUE;
    }

    private static long orderedDoubleBits(long bits) {
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    /** Sign byte, then the length of the two's complement form (inverted when negative), then that form. */
    private static ByteBuffer varint(BigInteger v) {
        byte[] magnitude = v.toByteArray();
        boolean negative = v.signum() < 0;
        ByteBuffer out = ByteBuffer.allocate(5 + magnitude.length);
        out.put((byte) (negative ? 0 : 1)).putInt(negative ? ~magnitude.length ^ Integer.MIN_VALUE : magnitude.length ^ Integer.MIN_VALUE).put(magnitude);
        return out.flip();
    }

    /**
     * Sign class (negative, zero, positive), then for non-zero values the decimal exponent e with 0.d1d2... x 10^e,
     * then the digits as text; a negative value has exponent and digits inverted and a terminator, so that longer
     * digit strings (larger magnitudes) sort first.
     */
    private static ByteBuffer decimal(BigDecimal v) {
        if (v.signum() == 0) return ByteBuffer.wrap(new byte[] {1});
        BigDecimal stripped = v.stripTrailingZeros();
        byte[] digits = stripped.unscaledValue().abs().toString().getBytes(StandardCharsets.US_ASCII);
        int exponent = digits.length - stripped.scale();
        boolean negative = v.signum() < 0;
        ByteBuffer out = ByteBuffer.allocate(1 + 4 + digits.length + 1);
        out.put((byte) (negative ? 0 : 2));
        int orderedExponent = exponent ^ Integer.MIN_VALUE;
        out.putInt(negative ? ~orderedExponent : orderedExponent);
        for (byte digit : digits) out.put(negative ? (byte) ~digit : digit);
        if (negative) out.put((byte) 0xFF);
        return out.flip();
    }

    private static byte[] bytes(ByteBuffer value) {
        return bytes(value, 0);
    }

    private static byte[] bytes(ByteBuffer value, int skip) {
        byte[] out = new byte[value.remaining() - skip];
        value.duplicate().position(value.position() + skip).get(out);
        return out;
    }
}
