package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;

/** A message the server sends. Framed by {@link ResponseEncoder}; {@link ResponseDecoder} serves clients and tests. */
public interface Response {
    Opcode opcode();

    /** Writes the message body; {@code types} encodes column types where the message has any. */
    void encode(ByteBuf out, ProtocolVersion version, ColumnTypeCodec types);
}
