package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import org.charybdis.cql.exceptions.ProtocolException;
import org.charybdis.cql.transport.ProtocolVersion;

/** TOPOLOGY_CHANGE event: a node joined, left or moved. */
public record TopologyChange(Change change, InetSocketAddress address) implements Event {
    public enum Change { NEW_NODE, REMOVED_NODE, MOVED_NODE }

    @Override public EventType type() { return EventType.TOPOLOGY_CHANGE; }

    @Override
    public void encodeBody(ByteBuf out, ProtocolVersion version) {
        WireFormat.writeString(out, change.name());
        WireFormat.writeInet(out, address);
    }

    public static TopologyChange decodeBody(ByteBuf in) {
        String change = WireFormat.readString(in);
        try {
            return new TopologyChange(Change.valueOf(change), WireFormat.readInet(in));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("Unknown topology change " + change);
        }
    }
}
