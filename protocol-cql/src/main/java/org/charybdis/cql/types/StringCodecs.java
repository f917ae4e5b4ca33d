package org.charybdis.cql.types;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** text (UTF-8), ascii and blob: all ordered by unsigned bytes, all allow an empty value. */
final class StringCodecs {
    static final NativeCodec TEXT = new TextCodec();
    static final NativeCodec ASCII = new AsciiCodec();
    static final NativeCodec BLOB = new BlobCodec();

    private StringCodecs() {}

    /** {@code 'it''s'}: the CQL string literal of the text. */
    static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    static String string(Object value, String typeName) {
        if (value instanceof String s) {
            return s;
        }
        throw new MarshalException("Expected a String for " + typeName + ", got " + NumberCodecs.describe(value));
    }

    /** Position of the first byte that breaks UTF-8 (overlong forms and surrogates included), or -1. */
    static int invalidUtf8At(ByteBuffer bytes) {
        int i = bytes.position();
        int end = bytes.limit();
        while (i < end) {
            int b = bytes.get(i) & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int extra;
            int min;
            int codePoint;
            if (b >= 0xC2 && b <= 0xDF) {
                extra = 1; min = 0x80; codePoint = b & 0x1F;
            } else if (b >= 0xE0 && b <= 0xEF) {
                extra = 2; min = 0x800; codePoint = b & 0x0F;
            } else if (b >= 0xF0 && b <= 0xF4) {
                extra = 3; min = 0x10000; codePoint = b & 0x07;
            } else {
                return i;
            }
            if (i + extra >= end) {
                return i;
            }
            for (int k = 1; k <= extra; k++) {
                int c = bytes.get(i + k) & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return i;
                }
                codePoint = (codePoint << 6) | (c & 0x3F);
            }
            if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                return i;
            }
            i += extra + 1;
        }
        return -1;
    }

    static String decodeUtf8(ByteBuffer bytes) {
        byte[] raw = RawBytes.copy(bytes);
        return new String(raw, StandardCharsets.UTF_8);
    }

    private static final class TextCodec implements NativeCodec {
        @Override public ByteBuffer serialize(Object value) {
            return ByteBuffer.wrap(string(value, "text").getBytes(StandardCharsets.UTF_8));
        }
        @Override public Object deserialize(ByteBuffer bytes) { return decodeUtf8(bytes); }
        @Override public void validate(ByteBuffer bytes) {
            if (invalidUtf8At(bytes) >= 0) {
                throw new MarshalException("String didn't validate.");
            }
        }
        @Override public int compare(ByteBuffer a, ByteBuffer b) { return RawBytes.compareUnsigned(a, b); }
        @Override public String toCqlLiteral(ByteBuffer bytes) { return quote(decodeUtf8(bytes)); }
        @Override public ByteBuffer fromString(String text) { return serialize(text); }
        @Override public boolean emptyIsValue() { return true; }
    }

    private static final class AsciiCodec implements NativeCodec {
        @Override public ByteBuffer serialize(Object value) { return fromString(string(value, "ascii")); }
        @Override public Object deserialize(ByteBuffer bytes) {
            return new String(RawBytes.copy(bytes), StandardCharsets.US_ASCII);
        }
        @Override public void validate(ByteBuffer bytes) {
            for (int i = bytes.position(); i < bytes.limit(); i++) {
                byte b = bytes.get(i);
                if (b < 0) {
                    throw new MarshalException("Invalid byte for ascii: " + b);
                }
            }
        }
        @Override public int compare(ByteBuffer a, ByteBuffer b) { return RawBytes.compareUnsigned(a, b); }
        @Override public String toCqlLiteral(ByteBuffer bytes) { return quote((String) deserialize(bytes)); }
        @Override public ByteBuffer fromString(String text) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) > 0x7F) {
                    // Cassandra's message, which names the charset exception it hit
                    throw new MarshalException("Invalid ASCII character in string literal: "
                            + "java.nio.charset.UnmappableCharacterException: Input length = 1");
                }
            }
            return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        }
        @Override public boolean emptyIsValue() { return true; }
    }

    private static final class BlobCodec implements NativeCodec {
        @Override public ByteBuffer serialize(Object value) {
            return switch (value) {
                case ByteBuffer buffer -> buffer.duplicate();
                case byte[] array -> ByteBuffer.wrap(array);
                default -> throw new MarshalException("Expected a ByteBuffer for blob, got " + NumberCodecs.describe(value));
            };
        }
        @Override public Object deserialize(ByteBuffer bytes) { return ByteBuffer.wrap(RawBytes.copy(bytes)); }
        @Override public void validate(ByteBuffer bytes) {
            // any bytes are a blob
        }
        @Override public int compare(ByteBuffer a, ByteBuffer b) { return RawBytes.compareUnsigned(a, b); }
        @Override public String toCqlLiteral(ByteBuffer bytes) { return RawBytes.toBlobLiteral(bytes); }
        @Override public ByteBuffer fromString(String text) { return RawBytes.fromHex(text); }
        @Override public boolean emptyIsValue() { return true; }
    }
}
