package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;

/** REGISTER: a [string list] of event types. */
public record RegisterRequest(List<EventType> eventTypes) implements Request {
    public static RegisterRequest decode(ByteBuf in) {
        List<String> names = WireFormat.readStringList(in);
        List<EventType> types = new ArrayList<>(names.size());
        for (String name : names) {
            types.add(EventType.fromName(name));
        }
        return new RegisterRequest(types);
    }

    @Override public Opcode opcode() { return Opcode.REGISTER; }

    @Override
    public void encode(ByteBuf out, ProtocolVersion version) {
        out.writeShort(eventTypes.size());
        for (EventType type : eventTypes) {
            WireFormat.writeString(out, type.name());
        }
    }
}
