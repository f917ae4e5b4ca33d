package org.charybdis.cql.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.PromiseCombiner;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * Encoded frames (one {@link ByteBuf} each, from {@link FrameEncoder}) to v5 segments. Frames written
 * between two flushes are packed together into self-contained segments of up to 128 KiB - 1; a
 * larger frame is cut into a run of non-self-contained segments. With LZ4 every segment payload is
 * compressed as one raw block, or sent as-is (uncompressed length 0) when that would not shrink it.
 */
public final class SegmentEncoder extends ChannelOutboundHandlerAdapter {
    private final LZ4Compressor compressor;
    private final SegmentChecksums checksums = new SegmentChecksums();
    private final ArrayDeque<ByteBuf> frames = new ArrayDeque<>();
    private final ArrayDeque<ChannelPromise> promises = new ArrayDeque<>();

    public SegmentEncoder(Compression compression) {
        this.compressor = compression == Compression.LZ4 ? LZ4Factory.fastestInstance().fastCompressor() : null;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf frame) {
            frames.add(frame);
            promises.add(promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        writePending(ctx);
        ctx.flush();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        while (!frames.isEmpty()) {
            frames.poll().release();
            promises.poll().tryFailure(new IllegalStateException("connection closed before the frame was flushed"));
        }
    }

    private void writePending(ChannelHandlerContext ctx) {
        while (!frames.isEmpty()) {
            if (frames.peek().readableBytes() > SegmentFormat.MAX_PAYLOAD) {
                writeLargeFrame(ctx, frames.poll(), promises.poll());
            } else {
                writeSelfContainedGroup(ctx);
            }
        }
    }

    private void writeSelfContainedGroup(ChannelHandlerContext ctx) {
        ByteBuf first = frames.poll();
        ChannelPromise firstPromise = promises.poll();
        if (frames.isEmpty() || first.readableBytes() + frames.peek().readableBytes() > SegmentFormat.MAX_PAYLOAD) {
            ctx.write(segment(ctx.alloc(), first, true), firstPromise);
            return;
        }
        var payload = ctx.alloc().compositeBuffer(16).addComponent(true, first);
        ArrayDeque<ChannelPromise> grouped = new ArrayDeque<>();
        grouped.add(firstPromise);
        while (!frames.isEmpty() && payload.readableBytes() + frames.peek().readableBytes() <= SegmentFormat.MAX_PAYLOAD) {
            payload.addComponent(true, frames.poll());
            grouped.add(promises.poll());
        }
        ChannelPromise segmentPromise = ctx.newPromise();
        segmentPromise.addListener(future -> {
            for (ChannelPromise p : grouped) {
                if (future.isSuccess()) {
                    p.trySuccess();
                } else {
                    p.tryFailure(future.cause());
                }
            }
        });
        ctx.write(segment(ctx.alloc(), payload, true), segmentPromise);
    }

    private void writeLargeFrame(ChannelHandlerContext ctx, ByteBuf frame, ChannelPromise promise) {
        PromiseCombiner combiner = new PromiseCombiner(ctx.executor());
        try {
            while (frame.isReadable()) {
                int chunk = Math.min(frame.readableBytes(), SegmentFormat.MAX_PAYLOAD);
                ByteBuf part = frame.readRetainedSlice(chunk);
                combiner.add(ctx.write(segment(ctx.alloc(), part, false)));
            }
        } finally {
            frame.release();
        }
        combiner.finish(promise);
    }

    /** One segment's bytes; takes ownership of {@code payload}. */
    private ByteBuf segment(ByteBufAllocator alloc, ByteBuf payload, boolean selfContained) {
        return compressor == null ? plainSegment(alloc, payload, selfContained)
                : compressedSegment(alloc, payload, selfContained);
    }

    private ByteBuf plainSegment(ByteBufAllocator alloc, ByteBuf payload, boolean selfContained) {
        int length = payload.readableBytes();
        int header = length | (selfContained ? 1 << 17 : 0);
        ByteBuf head = alloc.buffer(SegmentFormat.UNCOMPRESSED_HEADER);
        head.writeMediumLE(header);
        head.writeMediumLE(SegmentChecksums.crc24(header, 3));
        ByteBuf trailer = alloc.buffer(SegmentFormat.TRAILER);
        trailer.writeIntLE(checksums.crc32(payload, payload.readerIndex(), length));
        return alloc.compositeBuffer(3).addComponents(true, head, payload, trailer);
    }

    private ByteBuf compressedSegment(ByteBufAllocator alloc, ByteBuf payload, boolean selfContained) {
        int length = payload.readableBytes();
        int maxCompressed = compressor.maxCompressedLength(length);
        ByteBuf out = alloc.directBuffer(SegmentFormat.COMPRESSED_HEADER + maxCompressed + SegmentFormat.TRAILER);
        ByteBuf source = payload.nioBufferCount() == 1 ? payload : alloc.directBuffer(length).writeBytes(payload);
        try {
            ByteBuffer src = source.nioBuffer(source.readerIndex(), length);
            ByteBuffer dst = out.nioBuffer(SegmentFormat.COMPRESSED_HEADER, maxCompressed);
            int compressedLength = compressor.compress(src, src.position(), length, dst, dst.position(), maxCompressed);
            int uncompressedLength = length;
            if (compressedLength >= length) {
                // incompressible: ship the bytes as they are, flagged by an uncompressed length of 0
                out.setBytes(SegmentFormat.COMPRESSED_HEADER, source, source.readerIndex(), length);
                compressedLength = length;
                uncompressedLength = 0;
            }
            long header = compressedLength | ((long) uncompressedLength << 17) | (selfContained ? 1L << 34 : 0);
            out.setIntLE(0, (int) header);
            out.setByte(4, (int) (header >>> 32));
            out.setMediumLE(5, SegmentChecksums.crc24(header, 5));
            out.writerIndex(SegmentFormat.COMPRESSED_HEADER + compressedLength);
            out.writeIntLE(checksums.crc32(out, SegmentFormat.COMPRESSED_HEADER, compressedLength));
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        } finally {
            if (source != payload) {
                source.release();
            }
            payload.release();
        }
    }
}
