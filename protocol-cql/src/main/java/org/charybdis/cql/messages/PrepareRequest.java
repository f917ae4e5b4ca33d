package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import org.charybdis.cql.exceptions.ProtocolException;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;

/** PREPARE: the query, and in v5 an [int] flags with an optional keyspace (null when absent). */
public record PrepareRequest(String query, String keyspace) implements Request {
    private static final int WITH_KEYSPACE = 0x01;

    public static PrepareRequest decode(ByteBuf in, ProtocolVersion version) {
        String query = WireFormat.readLongString(in);
        if (version.isBefore(ProtocolVersion.V5)) {
            return new PrepareRequest(query, null);
        }
        int flags = WireFormat.readInt(in, "prepare flags");
        if ((flags & ~WITH_KEYSPACE) != 0) {
            throw new ProtocolException("Unknown PREPARE flags 0x" + Integer.toHexString(flags & ~WITH_KEYSPACE));
        }
        return new PrepareRequest(query, (flags & WITH_KEYSPACE) != 0 ? WireFormat.readString(in) : null);
    }

    @Override public Opcode opcode() { return Opcode.PREPARE; }

    @Override
    public void encode(ByteBuf out, ProtocolVersion version) {
        WireFormat.writeLongString(out, query);
        if (version.isAtLeast(ProtocolVersion.V5)) {
            out.writeInt(keyspace == null ? 0 : WITH_KEYSPACE);
            if (keyspace != null) {
                WireFormat.writeString(out, keyspace);
            }
        } else if (keyspace != null) {
            throw new IllegalArgumentException("PREPARE with a keyspace needs protocol v5");
        }
    }
}
