package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import org.charybdis.cql.exceptions.ProtocolException;
import org.charybdis.cql.transport.ProtocolVersion;

/** STATUS_CHANGE event: a node went UP or DOWN. */
public record StatusChange(Status status, InetSocketAddress address) implements Event {
    public enum Status { UP, DOWN }

    @Override public EventType type() { return EventType.STATUS_CHANGE; }

    @Override
    public void encodeBody(ByteBuf out, ProtocolVersion version) {
        WireFormat.writeString(out, status.name());
        WireFormat.writeInet(out, address);
    }

    public static StatusChange decodeBody(ByteBuf in) {
        String status = WireFormat.readString(in);
        try {
            return new StatusChange(Status.valueOf(status), WireFormat.readInet(in));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("Unknown status change " + status);
        }
    }
}
