package org.charybdis.cql.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.charybdis.cql.exceptions.ProtocolException;

/** v3/v4 LZ4: a 4-byte big-endian uncompressed length, then one raw LZ4 block. */
public final class Lz4FrameCompressor implements FrameCompressor {
    public static final Lz4FrameCompressor INSTANCE = new Lz4FrameCompressor();

    private static final int LENGTH_PREFIX = 4;

    private final LZ4Compressor compressor = LZ4Factory.fastestInstance().fastCompressor();
    private final LZ4SafeDecompressor decompressor = LZ4Factory.fastestInstance().safeDecompressor();

    private Lz4FrameCompressor() {}

    @Override
    public ByteBuf compress(ByteBufAllocator alloc, ByteBuf body) {
        int length = body.readableBytes();
        int maxCompressed = compressor.maxCompressedLength(length);
        ByteBuf out = alloc.directBuffer(LENGTH_PREFIX + maxCompressed);
        try {
            out.writeInt(length);
            ByteBuffer src = body.nioBuffer(body.readerIndex(), length);
            ByteBuffer dst = out.nioBuffer(LENGTH_PREFIX, maxCompressed);
            int written = compressor.compress(src, src.position(), length, dst, dst.position(), maxCompressed);
            out.writerIndex(LENGTH_PREFIX + written);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    @Override
    public ByteBuf decompress(ByteBufAllocator alloc, ByteBuf body, int maxLength) {
        if (body.readableBytes() < LENGTH_PREFIX) {
            throw new ProtocolException("LZ4 frame body too short for its length prefix");
        }
        int length = body.getInt(body.readerIndex());
        if (length < 0 || length > maxLength) {
            throw new ProtocolException("Invalid LZ4 uncompressed length " + length + " (maximum " + maxLength + ")");
        }
        ByteBuf out = alloc.directBuffer(length);
        try {
            int compressedLength = body.readableBytes() - LENGTH_PREFIX;
            ByteBuffer src = body.nioBuffer(body.readerIndex() + LENGTH_PREFIX, compressedLength);
            ByteBuffer dst = out.nioBuffer(0, length);
            int produced = decompressor.decompress(src, src.position(), compressedLength, dst, dst.position(), length);
            if (produced != length) {
                throw new ProtocolException("LZ4 body inflated to " + produced + " bytes, header says " + length);
            }
            out.writerIndex(length);
            return out;
        } catch (LZ4Exception e) {
            out.release();
            throw new ProtocolException("Corrupt LZ4 frame body: " + e.getMessage());
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }
}
