package org.charybdis.server.transport;

import io.netty.channel.Channel;
import org.charybdis.cql.messages.Event;
import org.charybdis.cql.messages.EventResponse;
import org.charybdis.cql.messages.EventType;
import org.charybdis.cql.messages.ResponseEncoder;
import org.charybdis.cql.transport.ProtocolVersion;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connections that asked (REGISTER) for SCHEMA_CHANGE, STATUS_CHANGE or TOPOLOGY_CHANGE events, and
 * the delivery of events to them. Each event is written on the connection's own event loop.
 */
public final class EventNotifier {
    private record Registration(ProtocolVersion version, List<EventType> types) {}

    private final Map<Channel, Registration> registered = new ConcurrentHashMap<>();

    public void register(Channel channel, ProtocolVersion version, List<EventType> types) {
        registered.put(channel, new Registration(version, List.copyOf(types)));
    }

    public void unregister(Channel channel) {
        registered.remove(channel);
    }

    /** Sends the event to every connection registered for its type. Event frames use stream id -1. */
    public void publish(Event event) {
        registered.forEach((channel, registration) -> {
            if (!registration.types().contains(event.type()) || !channel.isActive()) return;
            channel.eventLoop().execute(() -> channel.writeAndFlush(
                    ResponseEncoder.encode(channel.alloc(), registration.version(), -1, new EventResponse(event))));
        });
    }
}
