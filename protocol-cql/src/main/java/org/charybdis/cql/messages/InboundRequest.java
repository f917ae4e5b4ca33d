package org.charybdis.cql.messages;

import java.nio.ByteBuffer;
import java.util.Map;
import org.charybdis.cql.transport.ProtocolVersion;

/** A decoded request with what its frame said around it; {@code customPayload} is null when absent. */
public record InboundRequest(int streamId, ProtocolVersion version, boolean tracingRequested,
                             Map<String, ByteBuffer> customPayload, Request request) {}
