package org.charybdis.cql.transport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.DecoderException;
import org.charybdis.cql.exceptions.ProtocolException;

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
    private final ProtocolException error;

    public FrameDecodingException(ProtocolVersion version, int streamId, boolean fatal, ProtocolException error) {
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
    public ProtocolException error() { return error; }

    /** The ERROR response (code ProtocolError) for the offending stream. */
    public Frame toErrorFrame(ByteBufAllocator alloc) {
        return ErrorFrames.protocolError(alloc, version, streamId, error.getMessage());
    }
}
