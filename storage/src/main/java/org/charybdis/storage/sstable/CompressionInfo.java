package org.charybdis.storage.sstable;

import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.BufferWriter;
import org.charybdis.storage.serialization.CorruptDataException;

/**
 * Where Data.db's chunks are (CompressionInfo.db): the algorithm, the chunk length, the uncompressed length and
 * the file offset of every chunk. Chunk i holds uncompressed bytes [i * chunkLength, (i+1) * chunkLength); on
 * disk it spans [offset(i), offset(i+1)) with its CRC32 in the last 4 bytes (the last chunk ends at the footer).
 */
final class CompressionInfo {
    private final CompressionParams.Algorithm algorithm;
    private final int level;
    private final int chunkLength;
    private final long uncompressedLength;
    private final long[] chunkOffsets;
    private final long chunksEnd;
    private final ChunkCompressor compressor;

    CompressionInfo(CompressionParams.Algorithm algorithm, int level, int chunkLength, long uncompressedLength,
                    long[] chunkOffsets, long chunksEnd) {
        this.algorithm = algorithm;
        this.level = level;
        this.chunkLength = chunkLength;
        this.uncompressedLength = uncompressedLength;
        this.chunkOffsets = chunkOffsets;
        this.chunksEnd = chunksEnd;
        this.compressor = ChunkCompressor.of(algorithm, level);
    }

    CompressionParams.Algorithm algorithm() { return algorithm; }

    int chunkLength() { return chunkLength; }

    long uncompressedLength() { return uncompressedLength; }

    int chunkCount() { return chunkOffsets.length; }

    /** Where Data.db's footer starts. */
    long chunksEnd() { return chunksEnd; }

    ChunkCompressor compressor() { return compressor; }

    int chunkOf(long uncompressedPosition) {
        return (int) (uncompressedPosition / chunkLength);
    }

    long chunkStart(int chunk) { return chunkOffsets[chunk]; }

    /** Stored bytes of the chunk, its CRC included. */
    int storedLength(int chunk) {
        long end = chunk + 1 < chunkOffsets.length ? chunkOffsets[chunk + 1] : chunksEnd;
        return (int) (end - chunkOffsets[chunk]);
    }

    int uncompressedLength(int chunk) {
        long start = (long) chunk * chunkLength;
        return (int) Math.min(chunkLength, uncompressedLength - start);
    }

    long memorySize() { return 8L * chunkOffsets.length + 64; }

    void writeTo(BufferWriter out) {
        out.writeByte(algorithm.id());
        out.writeVLong(level);
        out.writeUnsignedVInt(chunkLength);
        out.writeUnsignedVLong(uncompressedLength);
        out.writeUnsignedVLong(chunksEnd);
        out.writeUnsignedVInt(chunkOffsets.length);
        for (long offset : chunkOffsets) out.writeLong(offset);
    }

    static CompressionInfo read(BufferReader in) {
        int id = in.readByte();
        CompressionParams.Algorithm algorithm = CompressionParams.Algorithm.ofId(id);
        if (algorithm == null) throw new CorruptDataException("unknown compression algorithm " + id);
        int level = (int) in.readVLong();
        int chunkLength = in.readUnsignedVInt();
        if (chunkLength <= 0 || (chunkLength & (chunkLength - 1)) != 0) throw new CorruptDataException("chunk length " + chunkLength);
        long uncompressed = in.readUnsignedVLong();
        long chunksEnd = in.readUnsignedVLong();
        int count = in.readUnsignedVInt();
        if ((long) count * 8 != in.remaining()) throw new CorruptDataException(count + " chunks in " + in.remaining() + " bytes");
        if ((uncompressed + chunkLength - 1) / chunkLength != count)
            throw new CorruptDataException(count + " chunks cannot hold " + uncompressed + " bytes of " + chunkLength);
        long[] offsets = new long[count];
        for (int i = 0; i < count; i++) {
            offsets[i] = in.readLong();
            long previous = i == 0 ? ComponentFraming.HEADER_LENGTH : offsets[i - 1] + 5;
            if (offsets[i] < previous) throw new CorruptDataException("chunk " + i + " offset " + offsets[i] + " out of order");
        }
        if (count > 0 && chunksEnd < offsets[count - 1] + 5) throw new CorruptDataException("chunks end " + chunksEnd + " before the last chunk");
        return new CompressionInfo(algorithm, level, chunkLength, uncompressed, offsets, chunksEnd);
    }
}
