package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;

/** AUTH_SUCCESS: a final SASL [bytes] token (may be null). */
public record AuthSuccessResponse(byte[] token) implements Response {
    public static AuthSuccessResponse decode(ByteBuf in) {
        return new AuthSuccessResponse(WireFormat.readByteArray(in));
    }

    @Override public Opcode opcode() { return Opcode.AUTH_SUCCESS; }

    @Override
    public void encode(ByteBuf out, ProtocolVersion version, ColumnTypeCodec types) {
        WireFormat.writeByteArray(out, token);
    }
}
