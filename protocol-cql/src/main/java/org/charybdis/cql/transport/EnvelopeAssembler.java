package org.charybdis.cql.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import org.charybdis.cql.exceptions.ProtocolException;

/**
 * v5 {@link Segment}s to request {@link Frame}s: splits self-contained segments into their
 * envelopes and joins the segments of a large envelope. A segment sequence that contradicts itself
 * (truncated envelope, bytes beyond an envelope's end) loses the framing and is fatal; a bad
 * envelope inside intact segments is reported on its stream and skipped.
 */
public final class EnvelopeAssembler extends MessageToMessageDecoder<Segment> {
    private final int maxFrameBytes;
    private ByteBuf pending;
    private int pendingTotal;
    private long bytesToDiscard;
    private boolean framingLost;

    public EnvelopeAssembler(int maxFrameBytes) {
        super(Segment.class);
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Segment segment, List<Object> out) {
        if (framingLost) {
            return;
        }
        ByteBuf payload = segment.payload();
        if (segment.isSelfContained()) {
            if (pending != null || bytesToDiscard > 0) {
                loseFraming(ctx, "self-contained segment received before the previous envelope was complete");
                return;
            }
            splitEnvelopes(ctx, payload, out);
        } else {
            joinEnvelope(ctx, payload, out);
        }
    }

    private void splitEnvelopes(ChannelHandlerContext ctx, ByteBuf payload, List<Object> out) {
        while (payload.isReadable()) {
            if (payload.readableBytes() < Frame.HEADER_SIZE) {
                loseFraming(ctx, "truncated envelope header in a self-contained segment");
                return;
            }
            int length = payload.getInt(payload.readerIndex() + 5);
            if (length < 0 || length > payload.readableBytes() - Frame.HEADER_SIZE) {
                loseFraming(ctx, "envelope body of " + length + " bytes overruns its self-contained segment");
                return;
            }
            Frame frame = readEnvelope(ctx, payload, length);
            if (frame != null) {
                out.add(frame);
            }
        }
    }

    private void joinEnvelope(ChannelHandlerContext ctx, ByteBuf payload, List<Object> out) {
        if (bytesToDiscard > 0) {
            bytesToDiscard -= payload.readableBytes();
            if (bytesToDiscard < 0) {
                loseFraming(ctx, "segment overruns the envelope it belongs to");
            }
            return;
        }
        if (pending == null) {
            startEnvelope(ctx, payload);
            if (pending == null) {
                return;
            }
        } else {
            if (payload.readableBytes() > pendingTotal - pending.readableBytes()) {
                loseFraming(ctx, "segment overruns the envelope it belongs to");
                return;
            }
            pending.writeBytes(payload);
        }
        if (pending.readableBytes() == pendingTotal) {
            ByteBuf complete = pending;
            pending = null;
            try {
                Frame frame = readEnvelope(ctx, complete, pendingTotal - Frame.HEADER_SIZE);
                if (frame != null) {
                    out.add(frame);
                }
            } finally {
                complete.release();
            }
        }
    }

    private void startEnvelope(ChannelHandlerContext ctx, ByteBuf payload) {
        if (payload.readableBytes() < Frame.HEADER_SIZE) {
            loseFraming(ctx, "first segment of an envelope is shorter than the envelope header");
            return;
        }
        int start = payload.readerIndex();
        int length = payload.getInt(start + 5);
        long total = Frame.HEADER_SIZE + (long) length;
        if (length < 0 || total < payload.readableBytes()) {
            loseFraming(ctx, "envelope length " + length + " does not match its segments");
            return;
        }
        if (total > maxFrameBytes) {
            bytesToDiscard = total - payload.readableBytes();
            ctx.fireExceptionCaught(FrameDecodingException.tooBig(ProtocolVersion.V5, payload.getShort(start + 2), total, maxFrameBytes));
            return;
        }
        pendingTotal = (int) total;
        pending = ctx.alloc().buffer(pendingTotal);
        pending.writeBytes(payload);
    }

    /** Reads one whole envelope at the reader index; null (after reporting) when it is unacceptable. */
    private Frame readEnvelope(ChannelHandlerContext ctx, ByteBuf in, int length) {
        int start = in.readerIndex();
        int versionByte = in.getUnsignedByte(start);
        int flags = in.getUnsignedByte(start + 1);
        int streamId = in.getShort(start + 2);
        int opcodeCode = in.getUnsignedByte(start + 4);
        in.skipBytes(Frame.HEADER_SIZE);
        if (Frame.HEADER_SIZE + (long) length > maxFrameBytes) {
            in.skipBytes(length);
            ctx.fireExceptionCaught(FrameDecodingException.tooBig(ProtocolVersion.V5, streamId, Frame.HEADER_SIZE + (long) length, maxFrameBytes));
            return null;
        }
        String problem = (versionByte & 0x7F) != ProtocolVersion.V5.code()
                ? "Invalid message version. Got " + (versionByte & 0x7F)
                        + " but previous messages on this connection had version 5"
                : RequestHeaders.problem(versionByte, opcodeCode);
        if (problem != null) {
            in.skipBytes(length);
            report(ctx, streamId, false, problem);
            return null;
        }
        return Frame.request(ProtocolVersion.V5, flags, streamId, Opcode.fromCode(opcodeCode),
                in.readRetainedSlice(length));
    }

    private void loseFraming(ChannelHandlerContext ctx, String message) {
        framingLost = true;
        releasePending();
        report(ctx, 0, true, message);
    }

    private void report(ChannelHandlerContext ctx, int streamId, boolean fatal, String message) {
        ctx.fireExceptionCaught(new FrameDecodingException(ProtocolVersion.V5, streamId, fatal,
                new ProtocolException(message)));
    }

    private void releasePending() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releasePending();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
        releasePending();
        super.handlerRemoved(ctx);
    }
}
