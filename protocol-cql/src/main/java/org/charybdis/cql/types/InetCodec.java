package org.charybdis.cql.types;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** inet: the 4 (IPv4) or 16 (IPv6) address bytes, ordered as unsigned bytes. Never resolves host names. */
final class InetCodec implements NativeCodec {
    static final NativeCodec INSTANCE = new InetCodec();

    private InetCodec() {}

    @Override
    public ByteBuffer serialize(Object value) {
        if (value instanceof InetAddress address) {
            return ByteBuffer.wrap(address.getAddress());
        }
        throw new MarshalException("Expected an InetAddress for inet, got " + NumberCodecs.describe(value));
    }

    @Override
    public Object deserialize(ByteBuffer bytes) {
        try {
            return InetAddress.getByAddress(RawBytes.copy(bytes));
        } catch (UnknownHostException e) {
            throw new MarshalException("Expected 4 or 16 byte inetaddress; got " + bytes.remaining(), e);
        }
    }

    @Override
    public void validate(ByteBuffer bytes) {
        int n = bytes.remaining();
        if (n != 0 && n != 4 && n != 16) {
            throw new MarshalException("Expected 4 or 16 byte inetaddress; got " + n);
        }
    }

    @Override
    public int compare(ByteBuffer a, ByteBuffer b) {
        return RawBytes.compareUnsigned(a, b);
    }

    @Override
    public String toCqlLiteral(ByteBuffer bytes) {
        return "'" + ((InetAddress) deserialize(bytes)).getHostAddress() + "'";
    }

    @Override
    public ByteBuffer fromString(String text) {
        try {
            return serialize(InetAddress.ofLiteral(text));
        } catch (IllegalArgumentException e) {
            throw new MarshalException("Unable to make inet address from '" + text + "'", e);
        }
    }
}
