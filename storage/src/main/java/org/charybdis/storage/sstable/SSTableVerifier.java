package org.charybdis.storage.sstable;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.scheduler.io.ReadOnlyFile;
import org.charybdis.storage.engine.AsyncLoop;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;

/**
 * {@code verify} of one SSTable: every checksum docs/sstable-format.md defines, checked against what is on disk now
 * (a file may rot after it was opened). The small components and the TOC are read whole and checked as at open; Data.db
 * is read through in large requests, each chunk checked against its CRC and the footer's whole-file CRC (header plus
 * every chunk's CRC) recomputed; Index.db's footer CRC covers the header and every entry byte, so a match vouches for
 * each entry. Reads go through the shard's IO queue in the caller's IO class.
 */
final class SSTableVerifier {
    /** Bytes read per request: the chunks that fit (at least one). */
    private static final int READ_SIZE = 1 << 20;
    private static final List<Component> WHOLE_FILE_COMPONENTS =
            List.of(Component.STATISTICS, Component.FILTER, Component.SUMMARY, Component.COMPRESSION_INFO);

    private final SSTableReader sstable;
    private final IoClass ioClass;
    private final SSTableFiles files;
    private final String table;

    SSTableVerifier(SSTableReader sstable, IoClass ioClass) {
        this.sstable = sstable;
        this.ioClass = ioClass;
        this.files = sstable.files();
        this.table = sstable.context().table();
    }

    CompletableFuture<Void> run() {
        return sstable.context().io().submit(ioClass, 0, () -> {
            checkSmallComponents();
            return null;
        }).thenCompose(v -> checkData()).thenCompose(v -> checkIndex());
    }

    /** Blocking: runs on an IO thread. */
    private void checkSmallComponents() throws java.io.IOException {
        Path toc = files.path(Component.TOC);
        TableOfContents.parse(ComponentFraming.readWhole(toc, table), files.generation(), toc, table);
        for (Component component : WHOLE_FILE_COMPONENTS) {
            Path path = files.path(component);
            ComponentFraming.unframe(ByteBuffer.wrap(ComponentFraming.readWhole(path, table)), component, files.generation(), path, table);
        }
    }

    /** Every chunk's CRC, and the footer's CRC over the header and the chunks' CRCs. */
    private CompletableFuture<Void> checkData() {
        CompressionInfo info = sstable.compression();
        Path path = files.path(Component.DATA);
        CRC32 digest = new CRC32();
        CRC32 chunkCrc = new CRC32();
        int[] next = {0};
        return header(sstable.dataFile(), Component.DATA, path, digest).thenCompose(v -> AsyncLoop.until(() -> {
            if (next[0] == info.chunkCount()) return CompletableFuture.completedFuture(true);
            int first = next[0];
            int last = first;
            long start = info.chunkStart(first);
            while (last + 1 < info.chunkCount() && info.chunkStart(last + 1) + info.storedLength(last + 1) - start <= READ_SIZE) last++;
            int end = last;
            long length = info.chunkStart(end) + info.storedLength(end) - start;
            return read(sstable.dataFile(), path, start, (int) length).thenApply(bytes -> {
                byte[] stored = bytes.array();
                for (int c = first; c <= end; c++) {
                    int at = (int) (info.chunkStart(c) - start);
                    ChunkReader.checkChunk(chunkCrc, stored, at, info.storedLength(c), c, info.chunkStart(c), path, table);
                    digest.update(stored, at + info.storedLength(c) - 4, 4);
                }
                next[0] = end + 1;
                return false;
            });
        })).thenCompose(v -> footer(sstable.dataFile(), path, info.chunksEnd(), digest));
    }

    /** The footer's CRC over the header and every entry byte. */
    private CompletableFuture<Void> checkIndex() {
        Path path = files.path(Component.INDEX);
        long entriesEnd = sstable.summary().entriesEnd();
        CRC32 digest = new CRC32();
        long[] position = {ComponentFraming.HEADER_LENGTH};
        return header(sstable.indexFile(), Component.INDEX, path, digest).thenCompose(v -> AsyncLoop.until(() -> {
            if (position[0] >= entriesEnd) return CompletableFuture.completedFuture(true);
            int length = (int) Math.min(READ_SIZE, entriesEnd - position[0]);
            return read(sstable.indexFile(), path, position[0], length).thenApply(bytes -> {
                digest.update(bytes.array(), 0, length);
                position[0] += length;
                return false;
            });
        })).thenCompose(v -> footer(sstable.indexFile(), path, entriesEnd, digest));
    }

    private CompletableFuture<Void> header(ReadOnlyFile file, Component component, Path path, CRC32 digest) {
        return read(file, path, 0, ComponentFraming.HEADER_LENGTH).thenAccept(header -> {
            ComponentFraming.checkHeader(header.duplicate(), component, files.generation(), path, table);
            digest.update(header.array(), 0, ComponentFraming.HEADER_LENGTH);
        });
    }

    private CompletableFuture<Void> footer(ReadOnlyFile file, Path path, long footerOffset, CRC32 digest) {
        return read(file, path, footerOffset, ComponentFraming.FOOTER_LENGTH).thenAccept(footer -> {
            int stored = ComponentFraming.checkFooter(footer, footerOffset, path, table);
            if (stored != (int) digest.getValue()) {
                throw new CorruptSSTableException(path, table, String.format("whole-file checksum mismatch: stored 0x%08X, computed 0x%08X",
                        stored, (int) digest.getValue()));
            }
        });
    }

    /** {@code length} bytes at {@code position}, ready to read; a short file is a truncated one. */
    private CompletableFuture<ByteBuffer> read(ReadOnlyFile file, Path path, long position, int length) {
        return sstable.context().io().readFully(file, ByteBuffer.allocate(length), position, ioClass)
                .exceptionally(e -> { throw SSTableReader.asCorruption(e, path, table, "verifying " + length + " bytes at offset " + position); });
    }
}
