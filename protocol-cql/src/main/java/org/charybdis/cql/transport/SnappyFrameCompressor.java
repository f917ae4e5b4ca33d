package org.charybdis.cql.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import org.charybdis.cql.exceptions.ProtocolException;
import org.xerial.snappy.Snappy;

/** v3/v4 Snappy: the body is one raw Snappy block. A legacy option, so byte arrays keep it simple. */
public final class SnappyFrameCompressor implements FrameCompressor {
    public static final SnappyFrameCompressor INSTANCE = new SnappyFrameCompressor();

    private SnappyFrameCompressor() {}

    @Override
    public ByteBuf compress(ByteBufAllocator alloc, ByteBuf body) {
        try {
            byte[] compressed = Snappy.compress(ByteBufUtil.getBytes(body));
            return alloc.buffer(compressed.length).writeBytes(compressed);
        } catch (IOException e) {
            throw new IllegalStateException("Snappy compression failed", e);
        }
    }

    @Override
    public ByteBuf decompress(ByteBufAllocator alloc, ByteBuf body, int maxLength) {
        byte[] compressed = ByteBufUtil.getBytes(body);
        try {
            if (!Snappy.isValidCompressedBuffer(compressed)) {
                throw new ProtocolException("Corrupt Snappy frame body");
            }
            int length = Snappy.uncompressedLength(compressed);
            if (length < 0 || length > maxLength) {
                throw new ProtocolException("Invalid Snappy uncompressed length " + length + " (maximum " + maxLength + ")");
            }
            byte[] plain = Snappy.uncompress(compressed);
            return alloc.buffer(plain.length).writeBytes(plain);
        } catch (IOException e) {
            throw new ProtocolException("Corrupt Snappy frame body: " + e.getMessage());
        }
    }
}
