package org.charybdis.cql.types;

import java.math.BigInteger;
import java.nio.ByteBuffer;

/** The byte-ordered forms of the arbitrary-precision numbers, varint and decimal (see {@link ByteComparable}). */
final class ByteComparableNumbers {
    private static final int NEGATIVE = 0;
    private static final int ZERO = 1;
    private static final int POSITIVE = 2;

    private ByteComparableNumbers() {}

    /**
     * The minimal two's complement form (redundant sign bytes dropped, so equal values are equal bytes) after its
     * length. The length carries the sign: with the sign bit flipped, negatives (written as ~length, so longer is
     * lower) sort below non-negatives. Among values of one sign and length, the bytes compare as the numbers do.
     */
    static void writeVarint(ByteBuffer value, ByteSink out) {
        int start = BigNumberCodecs.firstSignificantByte(value);
        int length = value.limit() - start;
        boolean negative = value.get(start) < 0;
        out.putInt((negative ? ~length : length) ^ Integer.MIN_VALUE);
        out.putRaw(value, start, length);
    }

    /**
     * The sign, then for a non-zero value written as {@code 0.d1d2...dn x 10^e} (d1 and dn non-zero, so that every
     * scale of one number gives the same form) the magnitude: e, then the digits, then a terminator below any digit
     * (a shorter digit string is smaller). A negative value's magnitude is inverted, which reverses its order.
     */
    static void writeDecimal(ByteBuffer value, ByteSink out) {
        int scale = value.getInt(value.position());
        BigInteger unscaled = BigNumberCodecs.readVarint(value, value.position() + 4);
        int sign = unscaled.signum();
        out.put(sign < 0 ? NEGATIVE : sign == 0 ? ZERO : POSITIVE);
        if (sign == 0) return;
        String digits = unscaled.abs().toString();
        int significant = digits.length();
        while (digits.charAt(significant - 1) == '0') significant--;
        int magnitude = out.size();
        out.putLong(((long) digits.length() - scale) ^ Long.MIN_VALUE);
        for (int i = 0; i < significant; i++) out.put(digits.charAt(i) - '0' + 1);
        out.put(0);
        if (sign < 0) out.invertFrom(magnitude);
    }
}
