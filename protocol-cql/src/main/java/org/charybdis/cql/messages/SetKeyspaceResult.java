package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import org.charybdis.cql.transport.ProtocolVersion;

/** RESULT Set_keyspace: the answer to USE. */
public record SetKeyspaceResult(String keyspace) implements Result {
    @Override public int kind() { return SET_KEYSPACE; }

    @Override
    public void encode(ByteBuf out, ProtocolVersion version, ColumnTypeCodec types) {
        out.writeInt(SET_KEYSPACE);
        WireFormat.writeString(out, keyspace);
    }
}
