package org.charybdis.cql.types;

import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.regex.Pattern;

/** uuid and timeuuid: 16 bytes, most significant long first. */
final class UuidCodecs {
    static final NativeCodec UUID = new UuidCodec(false);
    static final NativeCodec TIMEUUID = new UuidCodec(true);

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private UuidCodecs() {}

    static int version(ByteBuffer bytes) {
        return (bytes.get(bytes.position() + 6) >> 4) & 0x0F;
    }

    /** A version 1 UUID's 60-bit timestamp, from the time_hi, time_mid and time_low fields. */
    static long timestamp(long msb) {
        return ((msb & 0x0FFFL) << 48) | (((msb >>> 16) & 0xFFFFL) << 32) | (msb >>> 32);
    }

    /** Cassandra's TimeUUIDType order: timestamp, then the low long compared as signed bytes. */
    static int compareTimeUuids(ByteBuffer a, ByteBuffer b) {
        int c = Long.compare(timestamp(a.getLong(a.position())), timestamp(b.getLong(b.position())));
        if (c != 0) {
            return c;
        }
        for (int i = 8; i < 16; i++) {
            c = Byte.compare(a.get(a.position() + i), b.get(b.position() + i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Cassandra's UUIDType order: version; time-based ones by timestamp; then unsigned bytes. */
    static int compareUuids(ByteBuffer a, ByteBuffer b) {
        int versionA = version(a);
        int versionB = version(b);
        if (versionA != versionB) {
            return Integer.compare(versionA, versionB);
        }
        long msbA = a.getLong(a.position());
        long msbB = b.getLong(b.position());
        int c = versionA == 1 ? Long.compare(timestamp(msbA), timestamp(msbB)) : Long.compareUnsigned(msbA, msbB);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(msbA, msbB);
        return c != 0 ? c : Long.compareUnsigned(a.getLong(a.position() + 8), b.getLong(b.position() + 8));
    }

    static ByteBuffer bytesOf(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(0, uuid.getMostSignificantBits()).putLong(8, uuid.getLeastSignificantBits());
    }

    static UUID read(ByteBuffer bytes) {
        return new UUID(bytes.getLong(bytes.position()), bytes.getLong(bytes.position() + 8));
    }

    private static final class UuidCodec implements NativeCodec {
        private final boolean timeBased;
        private final String typeName;

        UuidCodec(boolean timeBased) {
            this.timeBased = timeBased;
            this.typeName = timeBased ? "TimeUUID" : "UUID";
        }

        @Override public ByteBuffer serialize(Object value) {
            if (!(value instanceof UUID uuid)) {
                throw new MarshalException("Expected a UUID for " + typeName + ", got " + NumberCodecs.describe(value));
            }
            ByteBuffer bytes = bytesOf(uuid);
            validate(bytes);
            return bytes;
        }

        @Override public Object deserialize(ByteBuffer bytes) { return read(bytes); }

        @Override public void validate(ByteBuffer bytes) {
            int n = bytes.remaining();
            if (n != 0 && n != 16) {
                throw new MarshalException(typeName + " should be 16 or 0 bytes (" + n + ")");
            }
            if (timeBased && n == 16 && version(bytes) != 1) {
                throw new MarshalException("Invalid version for TimeUUID type.");
            }
        }

        @Override public int compare(ByteBuffer a, ByteBuffer b) {
            return timeBased ? compareTimeUuids(a, b) : compareUuids(a, b);
        }

        @Override public String toCqlLiteral(ByteBuffer bytes) { return read(bytes).toString(); }

        @Override public ByteBuffer fromString(String text) {
            if (!UUID_TEXT.matcher(text).matches()) {
                throw new MarshalException("Unable to make " + typeName + " from '" + text + "'");
            }
            ByteBuffer bytes = bytesOf(java.util.UUID.fromString(text));
            if (timeBased && version(bytes) != 1) {
                throw new MarshalException("TimeUUID supports only version 1 UUIDs");
            }
            return bytes;
        }

        @Override public int fixedLength() { return 16; }
    }
}
