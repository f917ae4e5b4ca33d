package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import org.charybdis.cql.transport.ProtocolVersion;

/** A server-pushed event, the body of an EVENT after its type string. */
public sealed interface Event permits SchemaChange, StatusChange, TopologyChange {
    EventType type();

    void encodeBody(ByteBuf out, ProtocolVersion version);

    static Event decode(ByteBuf in, ProtocolVersion version) {
        return switch (EventType.fromName(WireFormat.readString(in))) {
            case SCHEMA_CHANGE -> SchemaChange.decodeBody(in, version);
            case STATUS_CHANGE -> StatusChange.decodeBody(in);
            case TOPOLOGY_CHANGE -> TopologyChange.decodeBody(in);
        };
    }
}
