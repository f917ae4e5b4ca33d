package org.charybdis.cql.transport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.DecoderException;
import org.charybdis.cql.exceptions.CqlException;
import org.charybdis.cql.exceptions.InvalidRequestException;

/**
 * A frame or segment the decoders could not accept. The decoders fire it through
 * {@code exceptionCaught} (never as a thrown exception, so decoding of the following frames goes on)
 * and the connection handler answers it with {@link #toErrorFrame}; when {@link #isFatal()} the
 * framing is lost (corrupt v5 segment, bad length, version change) and the connection must be closed
 * once the error is flushed.
 */
public final class FrameDecodingException extends DecoderException {
    private final ProtocolVersion version;
    private final int streamId;
    private final boolean fatal;
    private final CqlException error;

    /** @param error a ProtocolException, or an InvalidRequestException for a frame that is only too big */
    public FrameDecodingException(ProtocolVersion version, int streamId, boolean fatal, CqlException error) {
        super(error.getMessage(), error);
        this.version = version;
        this.streamId = streamId;
        this.fatal = fatal;
        this.error = error;
    }

    /** The version to answer in (the connection's, or the frame's when none was negotiated yet). */
    public ProtocolVersion version() { return version; }
    public int streamId() { return streamId; }
    public boolean isFatal() { return fatal; }
    public CqlException error() { return error; }

    /**
     * A frame over native_transport_max_frame_size_in_mb whose header was read: its body is skipped, and it is
     * answered as Cassandra does, InvalidRequest on its stream, so the connection and its other requests go on.
     */
    static FrameDecodingException tooBig(ProtocolVersion version, int streamId, long frameLength, int maxFrameBytes) {
        return new FrameDecodingException(version, streamId, false, new InvalidRequestException(RequestHeaders.tooBig(frameLength, maxFrameBytes)));
    }

    /** The ERROR response for the offending stream (ProtocolError, or InvalidRequest for a frame too big). */
    public Frame toErrorFrame(ByteBufAllocator alloc) {
        return ErrorFrames.error(alloc, version, streamId, error.code(), error.getMessage());
    }
}
