package org.charybdis.cql.types;

import java.nio.ByteBuffer;

/** duration: three signed vints (months, days, nanoseconds). Ordered by bytes only, as Cassandra does. */
final class DurationCodec implements NativeCodec {
    static final NativeCodec INSTANCE = new DurationCodec();

    private DurationCodec() {}

    static ByteBuffer encode(CqlDuration d) {
        ByteBuffer out = ByteBuffer.allocate(
                VInts.sizeOfSigned(d.months()) + VInts.sizeOfSigned(d.days()) + VInts.sizeOfSigned(d.nanoseconds()));
        VInts.writeSigned(out, d.months());
        VInts.writeSigned(out, d.days());
        VInts.writeSigned(out, d.nanoseconds());
        return out.flip();
    }

    static CqlDuration decode(ByteBuffer bytes) {
        int at = bytes.position();
        long[] parts = new long[3];
        for (int i = 0; i < 3; i++) {
            int length = VInts.lengthAt(bytes, at);
            if (length < 0) {
                throw new MarshalException("Not enough bytes to read a duration (" + bytes.remaining() + ")");
            }
            parts[i] = VInts.readSignedAt(bytes, at);
            at += length;
        }
        if (at != bytes.limit()) {
            throw new MarshalException("Unexpected extraneous bytes after duration value");
        }
        if (parts[0] != (int) parts[0]) {
            throw new MarshalException("The duration months must be a 32 bits integer but was: " + parts[0]);
        }
        if (parts[1] != (int) parts[1]) {
            throw new MarshalException("The duration days must be a 32 bits integer but was: " + parts[1]);
        }
        return new CqlDuration((int) parts[0], (int) parts[1], parts[2]);
    }

    @Override
    public ByteBuffer serialize(Object value) {
        if (value instanceof CqlDuration d) {
            return encode(d);
        }
        throw new MarshalException("Expected a CqlDuration for duration, got " + NumberCodecs.describe(value));
    }

    @Override
    public Object deserialize(ByteBuffer bytes) {
        return decode(bytes);
    }

    @Override
    public void validate(ByteBuffer bytes) {
        if (bytes.remaining() < 3) {
            throw new MarshalException("Expected at least 3 bytes for a duration (" + bytes.remaining() + ")");
        }
        decode(bytes);
    }

    @Override
    public int compare(ByteBuffer a, ByteBuffer b) {
        return RawBytes.compareUnsigned(a, b);
    }

    @Override
    public String toCqlLiteral(ByteBuffer bytes) {
        return decode(bytes).toString();
    }

    @Override
    public ByteBuffer fromString(String text) {
        return encode(DurationParser.parse(text));
    }
}
