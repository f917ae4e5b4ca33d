package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.charybdis.cql.transport.Frame;
import org.charybdis.cql.transport.FrameFlags;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;

/**
 * Responses to frames. For a streamed Rows result: {@link #newBody}, then a {@link RowsWriter} on it,
 * then {@link #frame}.
 */
public final class ResponseEncoder {
    private ResponseEncoder() {}

    public static Frame encode(ByteBufAllocator alloc, ProtocolVersion version, int streamId, Response response) {
        return encode(alloc, version, streamId, response, ResponseExtras.NONE, ColumnTypeCodec.NATIVE);
    }

    public static Frame encode(ByteBufAllocator alloc, ProtocolVersion version, int streamId, Response response,
                               ResponseExtras extras, ColumnTypeCodec types) {
        ByteBuf body = newBody(alloc, version, extras);
        try {
            response.encode(body, version, types);
        } catch (RuntimeException e) {
            body.release();
            throw e;
        }
        return frame(version, streamId, response.opcode(), extras, body);
    }

    /** A body buffer with the tracing id, warnings and custom payload already written. */
    public static ByteBuf newBody(ByteBufAllocator alloc, ProtocolVersion version, ResponseExtras extras) {
        ByteBuf body = alloc.buffer();
        if (extras.tracingId() != null) {
            WireFormat.writeUuid(body, extras.tracingId());
        }
        if (extras.warnings() != null && version.isAtLeast(ProtocolVersion.V4)) {
            WireFormat.writeStringList(body, extras.warnings());
        }
        if (extras.customPayload() != null && version.isAtLeast(ProtocolVersion.V4)) {
            WireFormat.writeBytesMap(body, extras.customPayload());
        }
        return body;
    }

    /** Wraps a body made by {@link #newBody} with the same extras; the frame owns the body. */
    public static Frame frame(ProtocolVersion version, int streamId, Opcode opcode, ResponseExtras extras, ByteBuf body) {
        return Frame.response(version, flags(version, extras), streamId, opcode, body);
    }

    static int flags(ProtocolVersion version, ResponseExtras extras) {
        int flags = 0;
        if (extras.tracingId() != null) {
            flags |= FrameFlags.TRACING;
        }
        if (version.isAtLeast(ProtocolVersion.V4)) {
            if (extras.warnings() != null) {
                flags |= FrameFlags.WARNING;
            }
            if (extras.customPayload() != null) {
                flags |= FrameFlags.CUSTOM_PAYLOAD;
            }
        }
        return flags;
    }
}
