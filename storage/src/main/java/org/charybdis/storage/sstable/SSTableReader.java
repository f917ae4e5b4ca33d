package org.charybdis.storage.sstable;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.file.DurableFiles;
import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.CorruptDataException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.charybdis.scheduler.io.ReadOnlyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * An open, immutable SSTable. Opening loads only the small components (statistics, bloom filter, the sampled
 * index summary, chunk offsets); a point read costs one Index.db span read (none once the shard's chunk cache holds
 * the span: spans have priority there) plus the Data.db chunks its rows need: {@link #openPartition} streams a large
 * partition a few row index blocks at a time as the read consumes its rows. Everything returned is on-heap and owned
 * by the caller.
 * <p>
 * Shard-owned: call it from the shard whose {@link SSTableContext#io()} it uses. Reference counted: the opener
 * holds the first reference; files close when the last one is released, and are deleted then if the SSTable
 * was {@linkplain #markObsolete() marked obsolete} (replaced by a compaction, dropped).
 */
public final class SSTableReader {
    private static final Logger LOG = LoggerFactory.getLogger(SSTableReader.class);
    private static final AtomicLong NEXT_ID = new AtomicLong();

    private final long id = NEXT_ID.incrementAndGet();
    private final SSTableContext context;
    private final SSTableFiles files;
    private final SSTableStatistics statistics;
    private final BloomFilter filter;
    private final IndexSummary summary;
    private final CompressionInfo compression;
    private final ReadOnlyFile dataFile;
    private final ReadOnlyFile indexFile;
    private final int dataVersion;
    private final long onDiskSize;
    private final ChunkReader chunks;
    private final AtomicInteger references = new AtomicInteger(1);
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile boolean obsolete;
    private volatile boolean quarantined;

    private SSTableReader(SSTableContext context, SSTableFiles files, OpenedFiles opened) {
        this.context = context;
        this.files = files;
        this.statistics = opened.statistics;
        this.filter = opened.filter;
        this.summary = opened.summary;
        this.compression = opened.compression;
        this.dataFile = opened.data;
        this.indexFile = opened.index;
        this.dataVersion = opened.dataVersion;
        this.onDiskSize = opened.onDiskSize;
        this.chunks = new ChunkReader(id, dataFile, compression, files.path(Component.DATA), context.table(), context.io(),
                context.chunkCache());
    }

    /** Opens a complete (TOC present) SSTable; corruption of any small component fails it with {@link CorruptSSTableException}. */
    public static CompletableFuture<SSTableReader> open(SSTableContext context, long generation, IoClass ioClass) {
        SSTableFiles files = context.files(generation);
        return context.io().submit(ioClass, 0, () -> OpenedFiles.load(files, context.table()))
                .thenApply(opened -> new SSTableReader(context, files, opened));
    }

    // ---- lookups ----

    /** False when the bloom filter (or the key range) rules the key out. */
    public boolean mightContain(DecoratedKey key) {
        return key.compareTo(statistics.firstKey()) >= 0 && key.compareTo(statistics.lastKey()) <= 0 && filter.mightContain(key);
    }

    /**
     * False when no slice can meet a row or range tombstone of this SSTable. A static row or a partition deletion
     * concern every slice, so an SSTable holding one always answers true.
     */
    public boolean mayIntersect(List<Slice> slices) {
        if (statistics.hasStaticRows() || statistics.hasPartitionDeletions()) return true;
        if (statistics.minClustering() == null) return false;
        ClusteringComparator comparator = context.comparator();
        for (Slice slice : slices) {
            if (comparator.compare(slice.start(), statistics.maxClustering()) < 0
                    && comparator.compare(statistics.minClustering(), slice.end()) < 0
                    && !comparator.isEmpty(slice)) return true;
        }
        return false;
    }

    /**
     * The partition's stored data inside the slices (sorted, non-overlapping), with its static row, partition
     * deletion and range tombstones, all at once; null when the SSTable does not hold the key. For tools and tests:
     * reads stream the rows through {@link #openPartition}.
     */
    public CompletableFuture<PartitionFragment> read(DecoratedKey key, List<Slice> slices, IoClass ioClass) {
        return openPartition(key, slices, false, ioClass).thenCompose(cursor -> cursor == null ? CompletableFuture.completedFuture(null)
                : cursor.drain());
    }

    /**
     * The partition's data inside the slices (sorted, non-overlapping) as a cursor that reads rows only as they are
     * consumed, in clustering order or from the end when {@code reversed}: its header first, then the row index
     * entries and blocks holding the next rows. Null when the SSTable does not hold the key.
     */
    public CompletableFuture<PartitionCursor> openPartition(DecoratedKey key, List<Slice> slices, boolean reversed, IoClass ioClass) {
        return openPartition(key, slices, reversed, ioClass, null);
    }

    /**
     * As above, counting in {@code use} (when not null) what the index lookup and the partition's header (the whole
     * partition when it has no row index) found in the chunk cache: a traced read tells it.
     */
    public CompletableFuture<PartitionCursor> openPartition(DecoratedKey key, List<Slice> slices, boolean reversed, IoClass ioClass,
                                                            ChunkCacheUse use) {
        return findEntry(key, ioClass, use).thenCompose(entry -> entry == null ? CompletableFuture.completedFuture(null)
                : cursor(entry, slices, reversed, ioClass, use));
    }

    /**
     * Whole partitions in token order, from the first key inside the range that sorts after {@code afterExclusive}
     * (null: from the range's start), read sequentially with large requests and without the chunk cache.
     */
    public PartitionScanner scanner(TokenRange range, DecoratedKey afterExclusive, IoClass ioClass) {
        return scanner(range, afterExclusive, ioClass, false);
    }

    /**
     * Like {@link #scanner(TokenRange, DecoratedKey, IoClass)}; with {@code leaveIndexed}, a partition large enough to
     * have a row index is not read but comes as an {@link UnloadedPartition}, for a range scan to read by key only
     * as far as its page needs.
     */
    public PartitionScanner scanner(TokenRange range, DecoratedKey afterExclusive, IoClass ioClass, boolean leaveIndexed) {
        return new PartitionScanner(this, range, afterExclusive, ioClass, leaveIndexed);
    }

    // ---- metadata ----

    public long generation() { return files.generation(); }

    public SSTableFiles files() { return files; }

    public SSTableStatistics statistics() { return statistics; }

    /** Written in an older format version than this build writes: upgradesstables rewrites it. */
    public boolean isOutdated() { return dataVersion < ComponentFraming.FORMAT_VERSION; }

    /**
     * Reads every component through and checks all its checksums, the whole-file ones of Data.db and Index.db included;
     * fails with a {@link CorruptSSTableException} naming the first damaged file. The caller holds a reference.
     */
    public CompletableFuture<Void> verify(IoClass ioClass) {
        return new SSTableVerifier(this, ioClass).run();
    }

    /** Bytes of every component on disk. */
    public long onDiskSize() { return onDiskSize; }

    /** Bytes of Data.db on disk (compressed chunks). */
    public long dataOnDiskSize() { return compression.chunksEnd() + ComponentFraming.FOOTER_LENGTH; }

    /** Bytes of partition data once decompressed. */
    public long uncompressedSize() { return compression.uncompressedLength(); }

    public DecoratedKey firstKey() { return statistics.firstKey(); }

    public DecoratedKey lastKey() { return statistics.lastKey(); }

    public long minTimestamp() { return statistics.minTimestamp(); }

    public long maxTimestamp() { return statistics.maxTimestamp(); }

    public long maxLocalDeletionTime() { return statistics.maxLocalDeletionTime(); }

    public long commitLogUpperBound() { return statistics.commitLogUpperBound(); }

    public Set<Long> ancestors() {
        Set<Long> set = new LinkedHashSet<>();
        for (long a : statistics.ancestors()) set.add(a);
        return Collections.unmodifiableSet(set);
    }

    public long partitionCount() { return statistics.partitionCount(); }

    public long estimatedDroppableTombstones(long gcBefore) { return statistics.estimatedDroppableTombstones(gcBefore); }

    /** Heap held by this reader's in-memory components. */
    public long memorySize() {
        return filter.memorySize() + summary.memorySize() + compression.memorySize() + 512;
    }

    /** Data.db chunks read from disk so far (cache hits excluded): what a read really cost. */
    public long chunksReadFromDisk() { return chunks.chunksRead(); }

    // ---- life cycle ----

    /** Takes a reference; false when the reader is already closed. */
    public boolean ref() {
        while (true) {
            int n = references.get();
            if (n <= 0) return false;
            if (references.compareAndSet(n, n + 1)) return true;
        }
    }

    /** Drops a reference; the last one closes the files (and deletes them if obsolete). */
    public void release() {
        int n = references.decrementAndGet();
        if (n < 0) throw new IllegalStateException("released more often than referenced: " + files.fileName(Component.DATA));
        if (n == 0) close();
    }

    /** The files are deleted once the last reference is released. */
    public void markObsolete() { obsolete = true; }

    /** The files are moved to quarantine once the last reference is released (see {@link SSTableFiles#quarantine}). */
    public void markQuarantined() { quarantined = true; }

    public boolean isObsolete() { return obsolete; }

    /** Completes once the files are closed (and deleted, if obsolete). */
    public CompletableFuture<Void> whenClosed() { return closed; }

    /** Hard-links every component into {@code target} (created if missing). */
    public CompletableFuture<Void> snapshot(Path target) {
        return context.io().submit(IoClass.MAINTENANCE, 0, () -> {
            Files.createDirectories(target);
            for (Component c : Component.values()) {
                if (c == Component.TOC) continue;
                Path source = files.path(c);
                if (Files.exists(source)) Files.createLink(target.resolve(source.getFileName()), source);
            }
            Path toc = files.path(Component.TOC);
            Files.createLink(target.resolve(toc.getFileName()), toc);
            DurableFiles.syncDirectory(target);
            return null;
        });
    }

    @Override
    public String toString() { return "SSTableReader(" + context.table() + " " + files.fileName(Component.DATA) + ")"; }

    // ---- internals shared with the scanner ----

    SSTableContext context() { return context; }

    IndexSummary summary() { return summary; }

    CompressionInfo compression() { return compression; }

    ReadOnlyFile indexFile() { return indexFile; }

    ChunkReader chunks() { return chunks; }

    /** Data.db's format version: how its row indexes are laid out. */
    int dataVersion() { return dataVersion; }

    ReadOnlyFile dataFile() { return dataFile; }

    CorruptSSTableException dataCorruption(long offset, String problem, Throwable cause) {
        return new CorruptSSTableException(files.path(Component.DATA), context.table(), "partition at offset " + offset + ": " + problem, cause);
    }

    CorruptSSTableException indexCorruption(String problem, Throwable cause) {
        return new CorruptSSTableException(files.path(Component.INDEX), context.table(), problem, cause);
    }

    /** Turns an IO failure into the corruption it means (a short read is a truncated file), keeping other errors. */
    static RuntimeException asCorruption(Throwable error, Path file, String table, String what) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CorruptSSTableException c) return c;
        if (cause instanceof CorruptDataException c) return new CorruptSSTableException(file, table, what + ": " + c.getMessage(), c);
        if (cause instanceof UncheckedIOException u && u.getCause() instanceof EOFException eof)
            return new CorruptSSTableException(file, table, what + ": truncated file (" + eof.getMessage() + ")", eof);
        if (cause instanceof RuntimeException r) return r;
        return new CompletionException(cause);
    }

    /**
     * Decodes a whole partition from its bytes up to its row index: {@code bytes} must start at the partition's
     * header (position 0) and end where its rows end.
     */
    StoredPartition decodeWhole(IndexEntry entry, ByteBuffer bytes, List<Slice> slices) {
        try {
            BufferReader in = new BufferReader(bytes);
            PartitionFormat.Header header = readCheckedHeader(entry, in);
            List<Row> rows = new ArrayList<>();
            PartitionFormat.readRows(in, context.comparator().size(), slices, context.comparator(), rows);
            return PartitionFormat.partition(header, rows, context.comparator());
        } catch (CorruptDataException e) {
            throw dataCorruption(entry, e);
        }
    }

    /** Decodes a partition's header: {@code bytes} must start at it. */
    private PartitionFormat.Header decodeHeader(IndexEntry entry, byte[] bytes) {
        try {
            return readCheckedHeader(entry, new BufferReader(ByteBuffer.wrap(bytes)));
        } catch (CorruptDataException e) {
            throw dataCorruption(entry, e);
        }
    }

    private CorruptSSTableException dataCorruption(IndexEntry entry, CorruptDataException e) {
        return e instanceof CorruptSSTableException c ? c : dataCorruption(entry.dataPosition(), e.getMessage(), e);
    }

    private PartitionFormat.Header readCheckedHeader(IndexEntry entry, BufferReader in) {
        PartitionFormat.Header header = PartitionFormat.readHeader(in);
        if (!header.key().equals(entry.key())) throw new CorruptDataException("holds another key than the index says");
        if (in.position() != entry.headerLength())
            throw new CorruptDataException("header ends at " + in.position() + ", the index says " + entry.headerLength());
        return header;
    }

    /** The key's index entry; null when the SSTable does not hold the key. */
    private CompletableFuture<IndexEntry> findEntry(DecoratedKey key, IoClass ioClass, ChunkCacheUse use) {
        if (!mightContain(key)) return CompletableFuture.completedFuture(null);
        int sample = summary.floor(key);
        if (sample < 0) return CompletableFuture.completedFuture(null);
        return findEntry(sample, key, ioClass, use);
    }

    /** The key's index entry in the span after {@code sample}, from the shard's cache when it holds the span. */
    private CompletableFuture<IndexEntry> findEntry(int sample, DecoratedKey key, IoClass ioClass, ChunkCacheUse use) {
        long start = summary.spanStart(sample);
        long end = summary.spanEnd(sample);
        ChunkCache cache = context.chunkCache();
        byte[] cached = cache == null ? null : cache.indexSpan(id, sample);
        if (use != null && cache != null) use.record(cached != null);
        if (cached != null) return CompletableFuture.completedFuture(findIn(cached, start, key));
        Path indexPath = files.path(Component.INDEX);
        return context.io().readFully(indexFile, ByteBuffer.allocate((int) (end - start)), start, ioClass)
                .exceptionally(e -> { throw asCorruption(e, indexPath, context.table(), "reading index entries at offset " + start); })
                .thenApply(span -> {
                    IndexEntry entry = findIn(span.array(), start, key);
                    if (cache != null) cache.putIndexSpan(id, sample, span.array()); // each lookup checks the CRC of the entry it finds
                    return entry;
                });
    }

    private IndexEntry findIn(byte[] span, long start, DecoratedKey key) {
        try {
            return IndexEntry.find(new BufferReader(ByteBuffer.wrap(span)), key, new CRC32());
        } catch (CorruptDataException e) {
            throw indexCorruption("index span at offset " + start + ": " + e.getMessage(), e);
        }
    }

    /**
     * The partition as a cursor: whole when it has no row index (it is small), else its header and the row index's
     * block count, read side by side, the rows coming with {@link PartitionCursor#fetch}.
     */
    private CompletableFuture<PartitionCursor> cursor(IndexEntry entry, List<Slice> slices, boolean reversed, IoClass ioClass, ChunkCacheUse use) {
        long position = entry.dataPosition();
        boolean small = !entry.hasRowIndex();
        CompletableFuture<RowIndex> rowIndex = small || PartitionCursor.nonEmpty(slices, context.comparator()).isEmpty()
                ? CompletableFuture.completedFuture(null) : RowIndex.open(this, entry, ioClass);
        return chunks.read(position, position + (small ? entry.rowIndexStart() : entry.headerLength()), ioClass, true, use)
                .thenCombine(rowIndex, (bytes, index) -> small
                        ? PartitionCursor.loaded(this, decodeWhole(entry, ByteBuffer.wrap(bytes), slices), reversed)
                        : PartitionCursor.indexed(this, entry, decodeHeader(entry, bytes), index, slices, reversed, ioClass));
    }

    private void close() {
        if (context.chunkCache() != null) context.chunkCache().invalidate(id);
        boolean delete = obsolete;
        boolean quarantine = quarantined && !obsolete;
        context.io().submit(IoClass.MAINTENANCE, 0, () -> {
            try (dataFile; indexFile) {
                // closed by try-with-resources
            }
            if (quarantine) LOG.warn("Moved the corrupt SSTable {} of {} to {}", files.fileName(Component.DATA), context.table(), files.quarantine());
            if (delete) {
                // The TOC goes first: from then on a crash leaves an unfinished SSTable that start-up cleans up.
                Files.deleteIfExists(files.path(Component.TOC));
                for (Component c : Component.values()) Files.deleteIfExists(files.path(c));
                DurableFiles.syncDirectory(files.directory());
            }
            return null;
        }).whenComplete((v, e) -> {
            if (e != null) closed.completeExceptionally(e);
            else closed.complete(null);
        });
    }

    /** The small components, loaded and checked on an IO thread. */
    private static final class OpenedFiles {
        SSTableStatistics statistics;
        BloomFilter filter;
        IndexSummary summary;
        CompressionInfo compression;
        ReadOnlyFile data;
        ReadOnlyFile index;
        int dataVersion;
        long onDiskSize;

        static OpenedFiles load(SSTableFiles files, String table) throws IOException {
            OpenedFiles opened = new OpenedFiles();
            try {
                opened.loadAll(files, table);
                return opened;
            } catch (IOException | RuntimeException e) {
                try (ReadOnlyFile d = opened.data; ReadOnlyFile i = opened.index) {
                    // close whatever was opened
                }
                throw e;
            }
        }

        private void loadAll(SSTableFiles files, String table) throws IOException {
            Path tocPath = files.path(Component.TOC);
            Set<Component> listed = TableOfContents.parse(ComponentFraming.readWhole(tocPath, table), files.generation(), tocPath, table);
            for (Component c : Component.values()) {
                if (!listed.contains(c) && c != Component.TOC && !c.attached())
                    throw new CorruptSSTableException(tocPath, table, "TOC does not list " + c.suffix());
            }
            statistics = load(files, Component.STATISTICS, table, SSTableStatistics::read);
            filter = load(files, Component.FILTER, table, BloomFilter::read);
            summary = load(files, Component.SUMMARY, table, IndexSummary::read);
            compression = load(files, Component.COMPRESSION_INFO, table, CompressionInfo::read);
            data = ReadOnlyFile.open(files.path(Component.DATA));
            index = ReadOnlyFile.open(files.path(Component.INDEX));
            dataVersion = checkEnds(data.channel(), files.path(Component.DATA), Component.DATA, files.generation(), compression.chunksEnd(), table);
            checkEnds(index.channel(), files.path(Component.INDEX), Component.INDEX, files.generation(), summary.entriesEnd(), table);
            onDiskSize = 0;
            for (Component c : Component.values()) if (!c.attached()) onDiskSize += Files.size(files.path(c));
        }

        private interface Parser<T> {
            T parse(BufferReader in);
        }

        private static <T> T load(SSTableFiles files, Component component, String table, Parser<T> parser) throws IOException {
            Path path = files.path(component);
            ByteBuffer bytes = ByteBuffer.wrap(ComponentFraming.readWhole(path, table));
            BufferReader body = ComponentFraming.unframe(bytes, component, files.generation(), path, table);
            try {
                return parser.parse(body);
            } catch (CorruptDataException e) {
                throw e instanceof CorruptSSTableException c ? c : new CorruptSSTableException(path, table, e.getMessage(), e);
            }
        }

        /** Header at the start, footer magic right where the small components say the content ends; returns the format version. */
        private static int checkEnds(FileChannel channel, Path path, Component component, long generation, long contentEnd,
                                      String table) throws IOException {
            long size = channel.size();
            long expected = contentEnd + ComponentFraming.FOOTER_LENGTH;
            if (size != expected)
                throw new CorruptSSTableException(path, table, "file is " + size + " bytes, expected " + expected + (size < expected ? " (truncated)" : ""));
            ByteBuffer header = ByteBuffer.allocate(ComponentFraming.HEADER_LENGTH);
            readFully(channel, header, 0);
            int version = ComponentFraming.checkHeader(header.flip(), component, generation, path, table);
            ByteBuffer footer = ByteBuffer.allocate(ComponentFraming.FOOTER_LENGTH);
            readFully(channel, footer, contentEnd);
            ComponentFraming.checkFooter(footer.flip(), contentEnd, path, table);
            return version;
        }

        private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position + buffer.position());
                if (n < 0) throw new EOFException("end of file at " + (position + buffer.position()));
            }
        }
    }
}
