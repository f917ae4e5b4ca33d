package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;

/** AUTHENTICATE: the authenticator's class name (drivers match Cassandra's, e.g. PasswordAuthenticator). */
public record AuthenticateResponse(String authenticator) implements Response {
    public static AuthenticateResponse decode(ByteBuf in) {
        return new AuthenticateResponse(WireFormat.readString(in));
    }

    @Override public Opcode opcode() { return Opcode.AUTHENTICATE; }

    @Override
    public void encode(ByteBuf out, ProtocolVersion version, ColumnTypeCodec types) {
        WireFormat.writeString(out, authenticator);
    }
}
