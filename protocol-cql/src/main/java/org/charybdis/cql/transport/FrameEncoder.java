package org.charybdis.cql.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * {@link Frame} to bytes: header plus body, one buffer per frame (the v5 segment encoder relies on
 * that to see frame boundaries). Compresses v3/v4 bodies once compression is enabled; the STARTUP
 * response is written before it is, so it always goes out plain. Empty bodies are never compressed.
 */
public final class FrameEncoder extends MessageToMessageEncoder<Frame> {
    private FrameCompressor compressor;

    public FrameEncoder() {
        super(Frame.class);
    }

    void setCompressor(FrameCompressor compressor) {
        this.compressor = compressor;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        out.add(encode(ctx.alloc(), frame, compressor));
    }

    /** The frame's bytes; does not release the frame. */
    public static ByteBuf encode(ByteBufAllocator alloc, Frame frame, FrameCompressor compressor) {
        ByteBuf body = frame.body();
        boolean compress = compressor != null && frame.version() != ProtocolVersion.V5 && body.isReadable();
        ByteBuf payload = compress ? compressor.compress(alloc, body) : body.retainedSlice();
        int flags = compress ? frame.flags() | FrameFlags.COMPRESSED : frame.flags() & ~FrameFlags.COMPRESSED;
        ByteBuf header = alloc.buffer(Frame.HEADER_SIZE);
        header.writeByte(frame.version().code() | (frame.isResponse() ? 0x80 : 0));
        header.writeByte(flags);
        header.writeShort(frame.streamId());
        header.writeByte(frame.opcode().code());
        header.writeInt(payload.readableBytes());
        return alloc.compositeBuffer(2).addComponents(true, header, payload);
    }
}
