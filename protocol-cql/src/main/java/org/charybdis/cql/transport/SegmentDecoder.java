package org.charybdis.cql.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.ByteBuffer;
import java.util.List;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.charybdis.cql.exceptions.ProtocolException;

/**
 * Bytes to {@link Segment}s on a v5 connection after the handshake, checking both CRCs and
 * inflating LZ4 segments. A checksum mismatch means the byte stream can no longer be trusted: the
 * error is fatal and everything after it is ignored until the connection closes.
 */
public final class SegmentDecoder extends ByteToMessageDecoder {
    private final boolean compressed;
    private final SegmentChecksums checksums = new SegmentChecksums();
    private final LZ4SafeDecompressor decompressor;
    private boolean corrupt;

    public SegmentDecoder(Compression compression) {
        this.compressed = compression == Compression.LZ4;
        this.decompressor = compressed ? LZ4Factory.fastestInstance().safeDecompressor() : null;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (corrupt) {
            in.skipBytes(in.readableBytes());
            return;
        }
        Segment segment = compressed ? decodeCompressed(ctx, in) : decodeUncompressed(in);
        if (segment != null) {
            out.add(segment);
        }
    }

    private Segment decodeUncompressed(ByteBuf in) {
        int start = in.readerIndex();
        if (in.readableBytes() < SegmentFormat.UNCOMPRESSED_HEADER) {
            return null;
        }
        int header = in.getUnsignedMediumLE(start);
        if (SegmentChecksums.crc24(header, 3) != in.getUnsignedMediumLE(start + 3)) {
            throw corrupt("header CRC24 mismatch");
        }
        int length = header & SegmentFormat.LENGTH_MASK;
        boolean selfContained = (header & (1 << 17)) != 0;
        int total = SegmentFormat.UNCOMPRESSED_HEADER + length + SegmentFormat.TRAILER;
        if (in.readableBytes() < total) {
            return null;
        }
        int payloadStart = start + SegmentFormat.UNCOMPRESSED_HEADER;
        checkPayload(in, payloadStart, length);
        in.skipBytes(SegmentFormat.UNCOMPRESSED_HEADER);
        ByteBuf payload = in.readRetainedSlice(length);
        in.skipBytes(SegmentFormat.TRAILER);
        return new Segment(payload, selfContained);
    }

    private Segment decodeCompressed(ChannelHandlerContext ctx, ByteBuf in) {
        int start = in.readerIndex();
        if (in.readableBytes() < SegmentFormat.COMPRESSED_HEADER) {
            return null;
        }
        long header = in.getUnsignedIntLE(start) | ((long) in.getUnsignedByte(start + 4) << 32);
        if (SegmentChecksums.crc24(header, 5) != in.getUnsignedMediumLE(start + 5)) {
            throw corrupt("header CRC24 mismatch");
        }
        int compressedLength = (int) (header & SegmentFormat.LENGTH_MASK);
        int uncompressedLength = (int) ((header >>> 17) & SegmentFormat.LENGTH_MASK);
        boolean selfContained = (header & (1L << 34)) != 0;
        int total = SegmentFormat.COMPRESSED_HEADER + compressedLength + SegmentFormat.TRAILER;
        if (in.readableBytes() < total) {
            return null;
        }
        int payloadStart = start + SegmentFormat.COMPRESSED_HEADER;
        checkPayload(in, payloadStart, compressedLength);
        in.skipBytes(total);
        if (uncompressedLength == 0) {
            // the sender found the payload incompressible and sent it as-is
            return new Segment(in.retainedSlice(payloadStart, compressedLength), selfContained);
        }
        ByteBuf plain = ctx.alloc().directBuffer(uncompressedLength);
        try {
            ByteBuffer src = in.nioBuffer(payloadStart, compressedLength);
            ByteBuffer dst = plain.nioBuffer(0, uncompressedLength);
            int produced = decompressor.decompress(src, src.position(), compressedLength, dst, dst.position(),
                    uncompressedLength);
            if (produced != uncompressedLength) {
                throw corrupt("LZ4 payload inflated to " + produced + " bytes, header says " + uncompressedLength);
            }
            plain.writerIndex(uncompressedLength);
            return new Segment(plain, selfContained);
        } catch (LZ4Exception e) {
            plain.release();
            throw corrupt("LZ4 payload cannot be decompressed");
        } catch (RuntimeException e) {
            plain.release();
            throw e;
        }
    }

    private void checkPayload(ByteBuf in, int index, int length) {
        int expected = in.getIntLE(index + length);
        if (checksums.crc32(in, index, length) != expected) {
            throw corrupt("payload CRC32 mismatch");
        }
    }

    private FrameDecodingException corrupt(String what) {
        corrupt = true;
        return new FrameDecodingException(ProtocolVersion.V5, 0, true,
                new ProtocolException("Corrupt v5 segment: " + what));
    }
}
