package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.Map;
import org.charybdis.cql.exceptions.ProtocolException;
import org.charybdis.cql.transport.Frame;
import org.charybdis.cql.transport.FrameFlags;
import org.charybdis.cql.transport.ProtocolVersion;

/** Request frames to {@link Request}s. Bad bodies become {@link ProtocolException}s, nothing else. */
public final class RequestDecoder {
    private RequestDecoder() {}

    /**
     * Decodes the frame's body (without consuming or releasing it: the caller releases the frame).
     * Extra bytes after the message are ignored, as the spec allows.
     *
     * @throws ProtocolException on a malformed body; answer it on {@code frame.streamId()}
     */
    public static InboundRequest decode(Frame frame) {
        ByteBuf body = frame.body().duplicate();
        ProtocolVersion version = frame.version();
        try {
            Map<String, ByteBuffer> customPayload = null;
            if (frame.hasFlag(FrameFlags.CUSTOM_PAYLOAD) && version.isAtLeast(ProtocolVersion.V4)) {
                customPayload = WireFormat.readBytesMap(body);
            }
            Request request = switch (frame.opcode()) {
                case STARTUP -> StartupRequest.decode(body);
                case OPTIONS -> OptionsRequest.INSTANCE;
                case QUERY -> QueryRequest.decode(body, version);
                case PREPARE -> PrepareRequest.decode(body, version);
                case EXECUTE -> ExecuteRequest.decode(body, version);
                case BATCH -> BatchRequest.decode(body, version);
                case REGISTER -> RegisterRequest.decode(body);
                case AUTH_RESPONSE -> AuthResponseRequest.decode(body);
                default -> throw new ProtocolException("Opcode " + frame.opcode() + " is not a request");
            };
            return new InboundRequest(frame.streamId(), version, frame.hasFlag(FrameFlags.TRACING), customPayload,
                    request);
        } catch (ProtocolException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProtocolException("Malformed " + frame.opcode() + " message: " + e.getMessage(), e);
        }
    }
}
