package org.charybdis.cql.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.charybdis.cql.exceptions.ProtocolException;

/**
 * Bytes to request {@link Frame}s for the unframed format (all of v3/v4, and v5 until the STARTUP
 * handshake is done). The first frame decides the connection's version; a client offering an
 * unsupported one (v1, v2, v6-beta, ...) gets Cassandra's ProtocolError in a version it can read and
 * the connection is closed. Errors on a single frame are fired as {@link FrameDecodingException}
 * and decoding goes on with the next frame.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    /** Cassandra's default native_transport_max_frame_size_in_mb (16). */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private static final int LEGACY_HEADER_SIZE = 8;

    private final int maxFrameBytes;
    private ProtocolVersion version;
    private FrameCompressor compressor;
    private long bytesToDiscard;
    private boolean framingLost;

    public FrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes < Frame.HEADER_SIZE) {
            throw new IllegalArgumentException("maxFrameBytes too small: " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Converts the {@code native_transport_max_frame_size_in_mb} setting. */
    public static int maxFrameBytesFromMegabytes(int megabytes) {
        if (megabytes <= 0 || megabytes > 2047) {
            throw new IllegalArgumentException("native_transport_max_frame_size_in_mb must be in [1, 2047]: " + megabytes);
        }
        return megabytes * 1024 * 1024;
    }

    /** The version fixed by the first frame, or null before it arrived. */
    public ProtocolVersion version() {
        return version;
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** Starts decompressing compressed frames (v3/v4), once STARTUP negotiated an algorithm. */
    void setCompressor(FrameCompressor compressor) {
        this.compressor = compressor;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (framingLost) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (bytesToDiscard > 0) {
            discard(in);
            if (bytesToDiscard > 0) {
                return;
            }
        }
        if (!in.isReadable()) {
            return;
        }
        int start = in.readerIndex();
        int versionByte = in.getUnsignedByte(start);
        ProtocolVersion frameVersion = ProtocolVersion.fromCode(versionByte & 0x7F);
        if (frameVersion == null) {
            if (version == null) {
                rejectVersion(ctx, in, versionByte & 0x7F);
            } else {
                loseFraming(ctx, in, 0, versionMismatch(versionByte & 0x7F));
            }
            return;
        }
        if (in.readableBytes() < Frame.HEADER_SIZE) {
            return;
        }
        int flags = in.getUnsignedByte(start + 1);
        int streamId = in.getShort(start + 2);
        int opcodeCode = in.getUnsignedByte(start + 4);
        int length = in.getInt(start + 5);
        if (version == null) {
            version = frameVersion;
        } else if (frameVersion != version) {
            loseFraming(ctx, in, streamId, versionMismatch(frameVersion.code()));
            return;
        }
        if (length < 0) {
            loseFraming(ctx, in, streamId, "Invalid frame body length " + length);
            return;
        }
        long frameLength = Frame.HEADER_SIZE + (long) length;
        if (frameLength > maxFrameBytes) {
            in.skipBytes(Frame.HEADER_SIZE);
            bytesToDiscard = length;
            discard(in);
            ctx.fireExceptionCaught(FrameDecodingException.tooBig(version, streamId, frameLength, maxFrameBytes));
            return;
        }
        if (in.readableBytes() < frameLength) {
            return;
        }
        in.skipBytes(Frame.HEADER_SIZE);
        String problem = RequestHeaders.problem(versionByte, opcodeCode);
        if (problem != null) {
            in.skipBytes(length);
            report(ctx, streamId, false, problem);
            return;
        }
        Frame frame = Frame.request(version, flags, streamId, Opcode.fromCode(opcodeCode), in.readRetainedSlice(length));
        Frame decoded = decompressIfNeeded(ctx, frame);
        if (decoded != null) {
            out.add(decoded);
        }
    }

    private Frame decompressIfNeeded(ChannelHandlerContext ctx, Frame frame) {
        // v5 moved compression to the segment layer: the envelope flag is deprecated and ignored
        if (!frame.hasFlag(FrameFlags.COMPRESSED) || version == ProtocolVersion.V5) {
            return frame;
        }
        try {
            if (compressor == null) {
                throw new ProtocolException("Received a compressed frame but no compression was negotiated");
            }
            ByteBuf plain = compressor.decompress(ctx.alloc(), frame.body(), maxFrameBytes);
            return frame.withBody(frame.flags() & ~FrameFlags.COMPRESSED, plain);
        } catch (ProtocolException e) {
            report(ctx, frame.streamId(), false, e.getMessage());
            return null;
        } finally {
            frame.release();
        }
    }

    private void rejectVersion(ChannelHandlerContext ctx, ByteBuf in, int requested) {
        int headerSize = requested < 3 ? LEGACY_HEADER_SIZE : Frame.HEADER_SIZE;
        if (in.readableBytes() < headerSize) {
            return;
        }
        int streamId = requested < 3 ? in.getByte(in.readerIndex() + 2) : in.getShort(in.readerIndex() + 2);
        int answerIn = Math.max(1, Math.min(requested, ProtocolVersion.HIGHEST.code()));
        framingLost = true;
        in.skipBytes(in.readableBytes());
        ctx.writeAndFlush(ErrorFrames.unsupportedVersion(ctx.alloc(), answerIn, streamId,
                        ProtocolVersion.unsupportedVersionMessage(requested)))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private String versionMismatch(int got) {
        return "Invalid message version. Got " + got + " but previous messages on this connection had version "
                + version.code();
    }

    private void loseFraming(ChannelHandlerContext ctx, ByteBuf in, int streamId, String message) {
        framingLost = true;
        in.skipBytes(in.readableBytes());
        report(ctx, streamId, true, message);
    }

    private void report(ChannelHandlerContext ctx, int streamId, boolean fatal, String message) {
        ctx.fireExceptionCaught(new FrameDecodingException(version, streamId, fatal, new ProtocolException(message)));
    }

    private void discard(ByteBuf in) {
        int skip = (int) Math.min(bytesToDiscard, in.readableBytes());
        in.skipBytes(skip);
        bytesToDiscard -= skip;
    }
}
