package org.charybdis.storage.sstable;

import org.charybdis.storage.file.SequentialFileWriter;

import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Cuts Data.db's uncompressed stream into chunks, compresses each (stored raw when that does not save
 * anything, or not enough for {@code min_compress_ratio}), appends it with its CRC32 and remembers its offset.
 * The footer's CRC covers the header and every chunk's CRC, a checksum of checksums.
 */
final class ChunkedDataWriter {
    private final SequentialFileWriter out;
    private final CompressionParams params;
    private final ChunkCompressor compressor;
    private final byte[] chunk;
    private final byte[] compressed;
    private final CRC32 crc = new CRC32();
    private final CRC32 footerCrc = new CRC32();
    private final byte[] crcBytes = new byte[4];
    private int chunkFill;
    private long flushedUncompressed;
    private long[] offsets = new long[64];
    private int chunkCount;

    ChunkedDataWriter(SequentialFileWriter out, CompressionParams params, long generation) {
        this.out = out;
        this.params = params;
        this.compressor = ChunkCompressor.of(params.algorithm(), params.level());
        this.chunk = new byte[params.chunkLength()];
        this.compressed = new byte[Math.max(params.chunkLength(), compressor.maxCompressedLength(params.chunkLength()))];
        byte[] header = ComponentFraming.header(Component.DATA, generation);
        out.write(header);
        footerCrc.update(header);
    }

    /** Uncompressed bytes written so far: where the next partition starts. */
    long position() { return flushedUncompressed + chunkFill; }

    /** Bytes on disk so far (compressed chunks). */
    long onDiskPosition() { return out.position(); }

    void write(byte[] src, int offset, int length) {
        while (length > 0) {
            int n = Math.min(length, chunk.length - chunkFill);
            System.arraycopy(src, offset, chunk, chunkFill, n);
            chunkFill += n;
            offset += n;
            length -= n;
            if (chunkFill == chunk.length) flushChunk();
        }
    }

    SequentialFileWriter file() { return out; }

    /** Flushes the last chunk and writes the footer; returns where the chunks live. */
    CompressionInfo finish() {
        if (chunkFill > 0) flushChunk();
        long chunksEnd = out.position();
        out.writeInt(ComponentFraming.FOOTER_MAGIC);
        out.writeInt((int) footerCrc.getValue());
        return new CompressionInfo(params.algorithm(), params.level(), params.chunkLength(), flushedUncompressed,
                Arrays.copyOf(offsets, chunkCount), chunksEnd);
    }

    private void flushChunk() {
        if (chunkCount == offsets.length) offsets = Arrays.copyOf(offsets, chunkCount * 2);
        offsets[chunkCount++] = out.position();
        int length = compressor.compress(chunk, chunkFill, compressed);
        byte[] stored = compressed;
        if (length >= chunkFill || length > params.maxCompressedLength()) {
            // Stored length == uncompressed length is how readers know a chunk is raw.
            stored = chunk;
            length = chunkFill;
        }
        crc.reset();
        crc.update(stored, 0, length);
        int value = (int) crc.getValue();
        out.write(stored, 0, length);
        out.writeInt(value);
        crcBytes[0] = (byte) (value >>> 24);
        crcBytes[1] = (byte) (value >>> 16);
        crcBytes[2] = (byte) (value >>> 8);
        crcBytes[3] = (byte) value;
        footerCrc.update(crcBytes);
        flushedUncompressed += chunkFill;
        chunkFill = 0;
    }
}
