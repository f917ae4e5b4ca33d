package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;

/** A message a client sends. Decoded by {@link RequestDecoder}; {@link #encode} serves clients and tests. */
public sealed interface Request permits StartupRequest, OptionsRequest, QueryRequest, PrepareRequest,
        ExecuteRequest, BatchRequest, RegisterRequest, AuthResponseRequest {
    Opcode opcode();

    /** Writes the message body (without frame header or custom payload). */
    void encode(ByteBuf out, ProtocolVersion version);
}
