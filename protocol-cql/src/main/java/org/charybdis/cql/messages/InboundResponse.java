package org.charybdis.cql.messages;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A decoded response with what preceded it in its frame (null when absent). */
public record InboundResponse(int streamId, UUID tracingId, List<String> warnings,
                              Map<String, ByteBuffer> customPayload, Response response) {}
