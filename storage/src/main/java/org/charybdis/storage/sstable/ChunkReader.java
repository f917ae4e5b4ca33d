package org.charybdis.storage.sstable;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.scheduler.io.IoQueue;
import org.charybdis.storage.serialization.CorruptDataException;

import java.nio.ByteBuffer;
import org.charybdis.scheduler.io.ReadOnlyFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;

/**
 * Reads ranges of Data.db's uncompressed stream: finds the chunks covering the range, takes what the chunk
 * cache has, reads each run of missing chunks with one request, checks every chunk's CRC32 before
 * decompressing it, and copies the range into a fresh heap array owned by the caller.
 */
final class ChunkReader {
    private final long sstableId;
    private final ReadOnlyFile dataFile;
    private final CompressionInfo info;
    private final Path file;
    private final String table;
    private final IoQueue io;
    private final ChunkCache cache;
    private final CRC32 crc = new CRC32();
    private long chunksRead;

    ChunkReader(long sstableId, ReadOnlyFile dataFile, CompressionInfo info, Path file, String table, IoQueue io, ChunkCache cache) {
        this.sstableId = sstableId;
        this.dataFile = dataFile;
        this.info = info;
        this.file = file;
        this.table = table;
        this.io = io;
        this.cache = cache;
    }

    /** Chunks read from disk so far (cache hits excluded). */
    long chunksRead() { return chunksRead; }

    /** The uncompressed bytes [from, to), in a new array; cached chunks are used (and filled) when useCache. */
    CompletableFuture<byte[]> read(long from, long to, IoClass ioClass, boolean useCache) {
        return read(from, to, ioClass, useCache, null);
    }

    /** As above, counting in {@code use} (when not null) the chunks found in the cache and those read. */
    CompletableFuture<byte[]> read(long from, long to, IoClass ioClass, boolean useCache, ChunkCacheUse use) {
        if (from < 0 || to > info.uncompressedLength() || from > to)
            return CompletableFuture.failedFuture(new CorruptSSTableException(file, table,
                    "range [" + from + ", " + to + ") outside the " + info.uncompressedLength() + " bytes of data"));
        if (from == to) return CompletableFuture.completedFuture(new byte[0]);
        int first = info.chunkOf(from);
        int last = info.chunkOf(to - 1);
        byte[][] chunks = new byte[last - first + 1][];
        boolean cached = useCache && cache != null;
        if (cached) {
            for (int i = first; i <= last; i++) {
                chunks[i - first] = cache.get(sstableId, i);
                if (use != null) use.record(chunks[i - first] != null);
            }
        }
        List<CompletableFuture<Void>> reads = new ArrayList<>(1);
        int i = first;
        while (i <= last) {
            if (chunks[i - first] != null) {
                i++;
                continue;
            }
            int runStart = i;
            while (i <= last && chunks[i - first] == null) i++;
            reads.add(readRun(runStart, i - 1, chunks, first, ioClass, cached));
        }
        CompletableFuture<Void> all = reads.isEmpty() ? CompletableFuture.completedFuture(null)
                : reads.size() == 1 ? reads.getFirst() : CompletableFuture.allOf(reads.toArray(new CompletableFuture[0]));
        return all.thenApply(v -> assemble(chunks, first, from, to));
    }

    private CompletableFuture<Void> readRun(int firstChunk, int lastChunk, byte[][] into, int intoBase, IoClass ioClass, boolean cached) {
        long start = info.chunkStart(firstChunk);
        long end = info.chunkStart(lastChunk) + info.storedLength(lastChunk);
        ByteBuffer buffer = ByteBuffer.allocate((int) (end - start));
        return io.readFully(dataFile, buffer, start, ioClass)
                .exceptionally(e -> { throw SSTableReader.asCorruption(e, file, table, "reading chunks at offset " + start); })
                .thenAccept(bytes -> {
                    byte[] stored = bytes.array();
                    for (int c = firstChunk; c <= lastChunk; c++) {
                        byte[] chunk = decode(c, stored, (int) (info.chunkStart(c) - start));
                        into[c - intoBase] = chunk;
                        if (cached) cache.put(sstableId, c, chunk);
                    }
                    chunksRead += lastChunk - firstChunk + 1;
                });
    }

    private byte[] decode(int chunk, byte[] stored, int offset) {
        int storedLength = info.storedLength(chunk);
        int compressedLength = storedLength - 4;
        int uncompressedLength = info.uncompressedLength(chunk);
        checkChunk(crc, stored, offset, storedLength, chunk, info.chunkStart(chunk), file, table);
        byte[] out = new byte[uncompressedLength];
        try {
            if (compressedLength == uncompressedLength) System.arraycopy(stored, offset, out, 0, uncompressedLength);
            else info.compressor().decompress(stored, offset, compressedLength, out, uncompressedLength);
        } catch (CorruptDataException e) {
            throw new CorruptSSTableException(file, table, "chunk " + chunk + " at offset " + info.chunkStart(chunk) + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Checks a stored chunk (its compressed bytes then their CRC32, {@code storedLength} bytes from {@code offset});
     * returns the stored CRC.
     */
    static int checkChunk(CRC32 crc, byte[] stored, int offset, int storedLength, int chunk, long chunkStart, Path file, String table) {
        int compressedLength = storedLength - 4;
        crc.reset();
        crc.update(stored, offset, compressedLength);
        int expected = ByteBuffer.wrap(stored, offset + compressedLength, 4).getInt();
        if ((int) crc.getValue() != expected)
            throw new CorruptSSTableException(file, table, String.format("checksum mismatch in chunk %d at offset %d: stored 0x%08X, computed 0x%08X",
                    chunk, chunkStart, expected, (int) crc.getValue()));
        return expected;
    }

    private byte[] assemble(byte[][] chunks, int first, long from, long to) {
        byte[] out = new byte[(int) (to - from)];
        int written = 0;
        long chunkBase = (long) first * info.chunkLength();
        for (byte[] chunk : chunks) {
            int start = (int) Math.max(0, from - chunkBase);
            int end = (int) Math.min(chunk.length, to - chunkBase);
            if (end > start) {
                System.arraycopy(chunk, start, out, written, end - start);
                written += end - start;
            }
            chunkBase += info.chunkLength();
        }
        return out;
    }
}
