package org.charybdis.cql.types;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Byte-level operations shared by the codecs: unsigned ordering and hex text. */
final class RawBytes {
    static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();
    private static final HexFormat HEX = HexFormat.of();

    private RawBytes() {}

    /** Unsigned lexicographic order, shorter prefix first. */
    static int compareUnsigned(ByteBuffer a, ByteBuffer b) {
        int i = a.mismatch(b);
        if (i < 0) {
            return 0;
        }
        if (i >= a.remaining() || i >= b.remaining()) {
            return Integer.compare(a.remaining(), b.remaining());
        }
        return Integer.compare(a.get(a.position() + i) & 0xFF, b.get(b.position() + i) & 0xFF);
    }

    static String toHex(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(bytes.position(), copy);
        return HEX.formatHex(copy);
    }

    /** {@code 0x}-prefixed hex, the CQL blob literal. */
    static String toBlobLiteral(ByteBuffer bytes) {
        return "0x" + toHex(bytes);
    }

    static byte[] copy(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(bytes.position(), copy);
        return copy;
    }

    /** Parses hex digits, with or without a {@code 0x} prefix. */
    static ByteBuffer fromHex(String text) {
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if ((digits.length() & 1) != 0) {
            throw new MarshalException("cannot parse '" + digits + "' as hex bytes");
        }
        try {
            return ByteBuffer.wrap(HEX.parseHex(digits));
        } catch (IllegalArgumentException e) {
            throw new MarshalException("cannot parse '" + digits + "' as hex bytes", e);
        }
    }

    static ByteBuffer ofInt(int v) {
        return ByteBuffer.allocate(4).putInt(0, v);
    }

    static ByteBuffer ofLong(long v) {
        return ByteBuffer.allocate(8).putLong(0, v);
    }

    static void requireSize(ByteBuffer bytes, int size, String what) {
        int n = bytes.remaining();
        if (n != size && n != 0) {
            throw new MarshalException("Expected " + size + " or 0 byte " + what + " (" + n + ")");
        }
    }
}
