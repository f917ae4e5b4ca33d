package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import org.charybdis.cql.transport.ProtocolVersion;

/** RESULT Schema_change: same body as the SCHEMA_CHANGE event. */
public record SchemaChangeResult(SchemaChange change) implements Result {
    @Override public int kind() { return SCHEMA_CHANGE; }

    @Override
    public void encode(ByteBuf out, ProtocolVersion version, ColumnTypeCodec types) {
        out.writeInt(SCHEMA_CHANGE);
        change.encodeBody(out, version);
    }
}
