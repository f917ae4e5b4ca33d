package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;

/** AUTH_CHALLENGE: a SASL [bytes] token. */
public record AuthChallengeResponse(byte[] token) implements Response {
    public static AuthChallengeResponse decode(ByteBuf in) {
        return new AuthChallengeResponse(WireFormat.readByteArray(in));
    }

    @Override public Opcode opcode() { return Opcode.AUTH_CHALLENGE; }

    @Override
    public void encode(ByteBuf out, ProtocolVersion version, ColumnTypeCodec types) {
        WireFormat.writeByteArray(out, token);
    }
}
