package org.charybdis.cql.messages;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charybdis.cql.exceptions.ProtocolException;
import org.charybdis.cql.transport.Frame;
import org.charybdis.cql.transport.FrameFlags;
import org.charybdis.cql.transport.ProtocolVersion;

/** Response frames to {@link Response}s: the client side, for tools and tests. */
public final class ResponseDecoder {
    private ResponseDecoder() {}

    /** Decodes without consuming or releasing the frame's body. */
    public static InboundResponse decode(Frame frame, ColumnTypeCodec types) {
        ByteBuf body = frame.body().duplicate();
        ProtocolVersion version = frame.version();
        try {
            UUID tracingId = frame.hasFlag(FrameFlags.TRACING) ? WireFormat.readUuid(body) : null;
            List<String> warnings = frame.hasFlag(FrameFlags.WARNING) ? WireFormat.readStringList(body) : null;
            Map<String, ByteBuffer> payload = frame.hasFlag(FrameFlags.CUSTOM_PAYLOAD) ? WireFormat.readBytesMap(body)
                    : null;
            Response response = switch (frame.opcode()) {
                case ERROR -> ErrorResponse.decode(body, version);
                case READY -> ReadyResponse.INSTANCE;
                case AUTHENTICATE -> AuthenticateResponse.decode(body);
                case SUPPORTED -> SupportedResponse.decode(body);
                case RESULT -> Result.decode(body, version, types);
                case EVENT -> EventResponse.decode(body, version);
                case AUTH_CHALLENGE -> AuthChallengeResponse.decode(body);
                case AUTH_SUCCESS -> AuthSuccessResponse.decode(body);
                default -> throw new ProtocolException("Opcode " + frame.opcode() + " is not a response");
            };
            return new InboundResponse(frame.streamId(), tracingId, warnings, payload, response);
        } catch (ProtocolException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProtocolException("Malformed " + frame.opcode() + " message: " + e.getMessage(), e);
        }
    }
}
