package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;

/** OPTIONS: asks for SUPPORTED; the body is empty. */
public record OptionsRequest() implements Request {
    public static final OptionsRequest INSTANCE = new OptionsRequest();

    @Override public Opcode opcode() { return Opcode.OPTIONS; }

    @Override public void encode(ByteBuf out, ProtocolVersion version) {}
}
