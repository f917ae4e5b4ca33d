package org.charybdis.cql.messages;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What may precede a response body: a tracing session id, warnings (v4+) and a custom payload (v4+).
 * Null means absent.
 */
public record ResponseExtras(UUID tracingId, List<String> warnings, Map<String, ByteBuffer> customPayload) {
    public static final ResponseExtras NONE = new ResponseExtras(null, null, null);

    public static ResponseExtras warnings(List<String> warnings) {
        return new ResponseExtras(null, warnings, null);
    }
}
