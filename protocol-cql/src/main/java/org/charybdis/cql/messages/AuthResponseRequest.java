package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;

/** AUTH_RESPONSE: one SASL [bytes] token (may be null). */
public record AuthResponseRequest(byte[] token) implements Request {
    public static AuthResponseRequest decode(ByteBuf in) {
        return new AuthResponseRequest(WireFormat.readByteArray(in));
    }

    @Override public Opcode opcode() { return Opcode.AUTH_RESPONSE; }

    @Override
    public void encode(ByteBuf out, ProtocolVersion version) {
        WireFormat.writeByteArray(out, token);
    }
}
