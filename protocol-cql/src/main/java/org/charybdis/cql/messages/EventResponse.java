package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;

/** EVENT: always sent on stream -1 ({@link #STREAM_ID}). */
public record EventResponse(Event event) implements Response {
    public static final int STREAM_ID = -1;

    public static EventResponse decode(ByteBuf in, ProtocolVersion version) {
        return new EventResponse(Event.decode(in, version));
    }

    @Override public Opcode opcode() { return Opcode.EVENT; }

    @Override
    public void encode(ByteBuf out, ProtocolVersion version, ColumnTypeCodec types) {
        WireFormat.writeString(out, event.type().name());
        event.encodeBody(out, version);
    }
}
