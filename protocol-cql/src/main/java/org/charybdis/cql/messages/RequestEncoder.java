package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.Map;
import org.charybdis.cql.transport.Frame;
import org.charybdis.cql.transport.FrameFlags;
import org.charybdis.cql.transport.ProtocolVersion;

/** Requests to frames: the client side, for tools and tests. */
public final class RequestEncoder {
    private RequestEncoder() {}

    public static Frame encode(ByteBufAllocator alloc, ProtocolVersion version, int streamId, Request request) {
        return encode(alloc, version, streamId, request, false, null);
    }

    public static Frame encode(ByteBufAllocator alloc, ProtocolVersion version, int streamId, Request request,
                               boolean tracing, Map<String, ByteBuffer> customPayload) {
        ByteBuf body = alloc.buffer();
        int flags = tracing ? FrameFlags.TRACING : 0;
        try {
            if (customPayload != null && version.isAtLeast(ProtocolVersion.V4)) {
                flags |= FrameFlags.CUSTOM_PAYLOAD;
                WireFormat.writeBytesMap(body, customPayload);
            }
            request.encode(body, version);
        } catch (RuntimeException e) {
            body.release();
            throw e;
        }
        return Frame.request(version, flags, streamId, request.opcode(), body);
    }
}
