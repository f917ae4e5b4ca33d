package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import org.charybdis.cql.transport.ProtocolVersion;

/** RESULT Void: success with nothing to say. */
public record VoidResult() implements Result {
    public static final VoidResult INSTANCE = new VoidResult();

    @Override public int kind() { return VOID; }

    @Override
    public void encode(ByteBuf out, ProtocolVersion version, ColumnTypeCodec types) {
        out.writeInt(VOID);
    }
}
