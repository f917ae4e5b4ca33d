package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;

/** READY: empty body. */
public record ReadyResponse() implements Response {
    public static final ReadyResponse INSTANCE = new ReadyResponse();

    @Override public Opcode opcode() { return Opcode.READY; }

    @Override public void encode(ByteBuf out, ProtocolVersion version, ColumnTypeCodec types) {}
}
