package org.charybdis.cql.types;

import java.nio.ByteBuffer;

/** boolean: one byte, zero is false and anything else true; false sorts first. */
final class BooleanCodec implements NativeCodec {
    static final NativeCodec INSTANCE = new BooleanCodec();

    private static final byte TRUE = 1;
    private static final byte FALSE = 0;

    private BooleanCodec() {}

    @Override
    public ByteBuffer serialize(Object value) {
        if (value instanceof Boolean b) {
            return ByteBuffer.allocate(1).put(0, b ? TRUE : FALSE);
        }
        throw new MarshalException("Expected a Boolean for boolean, got " + NumberCodecs.describe(value));
    }

    @Override
    public Object deserialize(ByteBuffer bytes) {
        return bytes.get(bytes.position()) != 0;
    }

    @Override
    public void validate(ByteBuffer bytes) {
        if (bytes.remaining() > 1) {
            throw new MarshalException("Expected 1 or 0 byte value (" + bytes.remaining() + ")");
        }
    }

    @Override
    public int compare(ByteBuffer a, ByteBuffer b) {
        return Boolean.compare(a.get(a.position()) != 0, b.get(b.position()) != 0);
    }

    @Override
    public String toCqlLiteral(ByteBuffer bytes) {
        return deserialize(bytes).toString();
    }

    @Override
    public ByteBuffer fromString(String text) {
        if (text.equalsIgnoreCase("true")) {
            return serialize(Boolean.TRUE);
        }
        if (text.equalsIgnoreCase("false")) {
            return serialize(Boolean.FALSE);
        }
        throw new MarshalException("Unable to make boolean from '" + text + "'");
    }

    @Override
    public int fixedLength() {
        return 1;
    }
}
