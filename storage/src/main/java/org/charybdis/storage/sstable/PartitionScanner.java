package org.charybdis.storage.sstable;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.CorruptDataException;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;

/**
 * Walks an SSTable's partitions in token order for compactions and range scans: Index.db is read in windows
 * of up to 64 KiB, Data.db in windows of up to 256 KiB (whole chunks, one request each, bypassing the chunk
 * cache). Windows start at an eighth of that and double with every read, so a page of a range scan that takes a
 * few partitions from this SSTable reads and decompresses little, and a long scan still reads in large requests.
 * A partition is decoded whole, so memory per step is bounded by the largest partition (plus the windows), unless the
 * scanner leaves partitions with a row index on disk: it then yields an {@link UnloadedPartition} for each of them,
 * and the range scan reads them by key only as far as its page needs. Call {@link #next()} again only after the previous future completed.
 */
public final class PartitionScanner {
    static final int INDEX_WINDOW = 64 * 1024;
    static final int DATA_WINDOW = 256 * 1024;
    private static final int FIRST_WINDOW_DIVISOR = 8;

    private final SSTableReader reader;
    private final TokenRange range;
    private final DecoratedKey after;
    private final IoClass ioClass;
    private final boolean leaveIndexed;
    private final CRC32 crc = new CRC32();
    private final long indexEnd;
    private long indexPosition = -1;
    private byte[] indexWindow = new byte[0];
    private long indexWindowStart;
    private byte[] dataWindow = new byte[0];
    private long dataWindowStart;
    private int indexWindowSize = INDEX_WINDOW / FIRST_WINDOW_DIVISOR;
    private int dataWindowSize = DATA_WINDOW / FIRST_WINDOW_DIVISOR;
    private boolean done;

    PartitionScanner(SSTableReader reader, TokenRange range, DecoratedKey afterExclusive, IoClass ioClass, boolean leaveIndexed) {
        this.reader = reader;
        this.range = range;
        this.after = afterExclusive;
        this.ioClass = ioClass;
        this.leaveIndexed = leaveIndexed;
        this.indexEnd = reader.summary().entriesEnd();
        this.done = range.isEmpty() || range.lastToken() < reader.firstKey().token() || range.firstToken() > reader.lastKey().token();
    }

    /** The next partition, or null at the end. */
    public CompletableFuture<PartitionFragment> next() {
        try {
            if (indexPosition < 0 && !done) indexPosition = startPosition();
            while (!done) {
                if (indexPosition >= indexEnd) break;
                int extent = entryExtent();
                if (extent <= 0) return loadIndexWindow(extent).thenCompose(v -> next());
                IndexEntry entry = parseEntry(extent);
                if (entry.key().token() > range.lastToken()) break;
                if (!range.contains(entry.key().token()) || (after != null && entry.key().compareTo(after) <= 0)) continue;
                if (leaveIndexed && entry.hasRowIndex()) return CompletableFuture.completedFuture(new UnloadedPartition(entry.key()));
                return load(entry);
            }
            done = true;
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Where in Index.db the next partition's entry is: a failed {@link #next()} that left it unchanged met an
     * index entry that does not decode, so no later partition can be found; one that moved it met a corrupt
     * partition, and the next call goes on with the following one.
     */
    public long indexPosition() { return indexPosition; }

    /** Where to start in Index.db: the summary span holding the first key that may qualify. */
    private long startPosition() {
        DecoratedKey start = DecoratedKey.minimumFor(range.firstToken());
        if (after != null && after.compareTo(start) > 0) start = after;
        int sample = reader.summary().floor(start);
        return sample < 0 ? ComponentFraming.HEADER_LENGTH : reader.summary().spanStart(sample);
    }

    /** Reads the window of Index.db starting at indexPosition, large enough for the entry there. */
    private CompletableFuture<Void> loadIndexWindow(int extent) {
        long wanted = extent < 0 ? -extent : indexWindowSize;
        if (extent < 0 && wanted > indexEnd - indexPosition)
            return CompletableFuture.failedFuture(reader.indexCorruption("index entry at offset " + indexPosition + " runs past the entries' end", null));
        int length = (int) Math.min(indexEnd - indexPosition, Math.max(wanted, indexWindowSize));
        indexWindowSize = Math.min(INDEX_WINDOW, indexWindowSize * 2);
        long at = indexPosition;
        Path file = reader.files().path(Component.INDEX);
        return reader.context().io().readFully(reader.indexFile(), ByteBuffer.allocate(length), at, ioClass)
                .exceptionally(e -> { throw SSTableReader.asCorruption(e, file, reader.context().table(), "reading index at offset " + at); })
                .thenAccept(bytes -> {
                    indexWindow = bytes.array();
                    indexWindowStart = at;
                    if (entryExtent() <= 0)
                        throw reader.indexCorruption("index entry at offset " + at + " does not fit the index", null);
                });
    }

    /**
     * Bytes of the entry at indexPosition when the window holds all of it; 0 when the window does not even hold
     * its length; minus its size when the length is there but not the whole entry.
     */
    private int entryExtent() {
        long offset = indexPosition - indexWindowStart;
        if (offset < 0 || offset >= indexWindow.length) return 0;
        int available = (int) (indexWindow.length - offset);
        if (available < 5 && indexWindowStart + indexWindow.length < indexEnd) return 0;
        try {
            BufferReader in = new BufferReader(ByteBuffer.wrap(indexWindow, (int) offset, available));
            int length = in.readUnsignedVInt();
            long extent = (in.position() - offset) + (long) length + 4;
            if (extent > Integer.MAX_VALUE) throw new CorruptDataException("index entry of " + extent + " bytes");
            return extent <= available ? (int) extent : (int) -extent;
        } catch (CorruptDataException e) {
            throw reader.indexCorruption("index entry at offset " + indexPosition + ": " + e.getMessage(), e);
        }
    }

    private IndexEntry parseEntry(int extent) {
        int offset = (int) (indexPosition - indexWindowStart);
        try {
            IndexEntry entry = IndexEntry.read(new BufferReader(ByteBuffer.wrap(indexWindow, offset, extent).slice()), crc);
            indexPosition += extent;
            return entry;
        } catch (CorruptDataException e) {
            throw reader.indexCorruption("index entry at offset " + indexPosition + ": " + e.getMessage(), e);
        }
    }

    private CompletableFuture<PartitionFragment> load(IndexEntry entry) {
        long from = entry.dataPosition();
        long to = from + entry.rowIndexStart();
        if (from >= dataWindowStart && to <= dataWindowStart + dataWindow.length) return CompletableFuture.completedFuture(decode(entry));
        CompressionInfo compression = reader.compression();
        long chunk = compression.chunkLength();
        long end = Math.min(compression.uncompressedLength(), (Math.max(to, from + dataWindowSize) + chunk - 1) / chunk * chunk);
        dataWindowSize = Math.min(DATA_WINDOW, dataWindowSize * 2);
        if (to > compression.uncompressedLength())
            return CompletableFuture.failedFuture(reader.dataCorruption(from, "partition runs past the data's end", null));
        long exactEnd = Math.min(compression.uncompressedLength(), (to + chunk - 1) / chunk * chunk);
        // a corrupt chunk in the read-ahead must not fail an intact partition: read only its own chunks then
        return reader.chunks().read(from, end, ioClass, false)
                .exceptionallyCompose(e -> end > exactEnd ? reader.chunks().read(from, exactEnd, ioClass, false) : CompletableFuture.failedFuture(e))
                .thenApply(bytes -> {
                    dataWindow = bytes;
                    dataWindowStart = from;
                    return decode(entry);
                });
    }

    private PartitionFragment decode(IndexEntry entry) {
        int offset = (int) (entry.dataPosition() - dataWindowStart);
        ByteBuffer bytes = ByteBuffer.wrap(dataWindow, offset, (int) entry.rowIndexStart()).slice();
        return reader.decodeWhole(entry, bytes, null);
    }
}
