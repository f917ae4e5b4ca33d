package org.charybdis.storage.sstable;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.file.DurableFiles;
import org.charybdis.storage.file.SequentialFileWriter;
import org.charybdis.storage.serialization.BufferWriter;
import org.charybdis.storage.serialization.RowSerializer;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;

/**
 * Writes one SSTable from partitions given in token order (a memtable flush, a compaction's output). Data.db
 * and Index.db stream out through {@link SequentialFileWriter}s under temporary names; the small components are
 * built in memory and written at {@link #finish}, which then publishes everything atomically (fsync, rename,
 * directory fsync, TOC renamed last).
 * <p>
 * Shard-owned. Wait for each {@link #append}'s future before the next call: a large partition pauses while
 * its writes drain, so the memory a writer holds stays bounded (a chunk, a few 128 KiB buffers, one row).
 */
public final class SSTableWriter {
    private static final List<Component> SMALL_COMPONENTS =
            List.of(Component.STATISTICS, Component.FILTER, Component.SUMMARY, Component.COMPRESSION_INFO);

    private final SSTableContext context;
    private final SSTableFiles files;
    private final IoClass ioClass;
    private final ChunkedDataWriter data;
    private final SequentialFileWriter index;
    private final BloomFilter filter;
    private final StatisticsCollector statistics;
    private final BufferWriter buffer = new BufferWriter(4096);
    private final BufferWriter scratch = new BufferWriter(256);
    private final RowIndexWriter rowIndex = new RowIndexWriter();
    private final CRC32 indexCrc = new CRC32();
    private final CRC32 entryCrc = new CRC32();
    private final List<DecoratedKey> summaryKeys = new ArrayList<>();
    private final List<Long> summaryOffsets = new ArrayList<>();
    private long indexEntries;
    private DecoratedKey lastKey;
    private boolean appending;
    private boolean closed;
    private Throwable failure;

    private SSTableWriter(SSTableContext context, long generation, CompressionParams compression, double bloomFilterFpChance,
                          long expectedPartitions, IoClass ioClass, SequentialFileWriter dataFile, SequentialFileWriter indexFile) {
        this.context = context;
        this.files = context.files(generation);
        this.ioClass = ioClass;
        this.data = new ChunkedDataWriter(dataFile, compression, generation);
        this.index = indexFile;
        this.filter = BloomFilter.create(expectedPartitions, bloomFilterFpChance);
        this.statistics = new StatisticsCollector(context.comparator());
        byte[] header = ComponentFraming.header(Component.INDEX, generation);
        index.write(header);
        indexCrc.update(header);
    }

    /**
     * Starts writing SSTable {@code generation} in the context's directory.
     *
     * @param bloomFilterFpChance the table's {@code bloom_filter_fp_chance} (1 disables the filter)
     * @param expectedPartitions  sizes the bloom filter; more keys only raise its false positive rate
     */
    public static CompletableFuture<SSTableWriter> create(SSTableContext context, long generation, CompressionParams compression,
                                                          double bloomFilterFpChance, long expectedPartitions, IoClass ioClass) {
        BloomFilter.create(1, bloomFilterFpChance); // validates the chance before any file exists
        SSTableFiles files = context.files(generation);
        return context.io().submit(ioClass, 0, () -> {
            if (Files.exists(files.path(Component.TOC))) throw new IllegalStateException("SSTable " + files.path(Component.TOC) + " already exists");
            return null;
        }).thenCompose(v -> SequentialFileWriter.create(files.temporaryPath(Component.DATA), context.io(), ioClass))
          .thenCompose(dataFile -> SequentialFileWriter.create(files.temporaryPath(Component.INDEX), context.io(), ioClass)
                  .whenComplete((indexFile, e) -> { if (e != null) dataFile.abort(); })
                  .thenApply(indexFile -> new SSTableWriter(context, generation, compression, bloomFilterFpChance,
                          expectedPartitions, ioClass, dataFile, indexFile)));
    }

    /**
     * Appends a partition: its static row, deletion, range tombstones and every row of {@code rows(Slice.ALL, false)}.
     * Keys must come in strictly increasing {@link DecoratedKey} order; a partition holding nothing is skipped.
     * The future completes when the writer can take the next partition.
     */
    public CompletableFuture<Void> append(PartitionFragment partition) {
        if (closed) return CompletableFuture.failedFuture(new IllegalStateException("writer already finished or aborted"));
        if (appending) return CompletableFuture.failedFuture(new IllegalStateException("append called before the previous one completed"));
        if (failure != null) return CompletableFuture.failedFuture(new IllegalStateException("an earlier append failed", failure));
        DecoratedKey key = partition.key();
        if (lastKey != null && key.compareTo(lastKey) <= 0)
            return CompletableFuture.failedFuture(new IllegalArgumentException("partitions must be appended in token order: "
                    + key + " after " + lastKey + " in " + files.fileName(Component.DATA)));
        Iterator<Row> rows = partition.rows(Slice.ALL, false);
        Row staticRow = partition.staticRow();
        if (!rows.hasNext() && (staticRow == null || staticRow.isEmpty()) && partition.partitionDeletion().isLive()
                && partition.rangeTombstones().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        lastKey = key;
        appending = true;
        CompletableFuture<Void> written;
        try {
            written = new PartitionInProgress(partition, rows).writeRows();
        } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
        }
        return written.whenComplete((v, e) -> {
            appending = false;
            if (e != null && failure == null) failure = e;
        });
    }

    /** Bytes written to Data.db and Index.db so far. */
    public long bytesWritten() { return data.onDiskPosition() + index.position(); }

    /** What the SSTable would take on disk if finished now (the small components estimated). */
    public long estimatedOnDiskSize() {
        return bytesWritten() + filter.memorySize() + 32L * summaryKeys.size() + 8L * (data.position() / 4096 + 1) + 1024;
    }

    /** Partitions appended so far. */
    public long partitionCount() { return indexEntries; }

    /** The last key appended, or null. */
    public DecoratedKey lastKey() { return lastKey; }

    public long generation() { return files.generation(); }

    /**
     * Completes the files, publishes them and opens the SSTable. A writer that received no partition deletes
     * its files and completes with null.
     *
     * @param commitLogUpperBound the highest commitlog position the data covers
     * @param ancestors           the generations a compaction merged into this SSTable (empty for a flush)
     */
    public CompletableFuture<SSTableReader> finish(long commitLogUpperBound, Set<Long> ancestors) {
        if (closed) return CompletableFuture.failedFuture(new IllegalStateException("writer already finished or aborted"));
        if (appending) return CompletableFuture.failedFuture(new IllegalStateException("finish called before the last append completed"));
        if (failure != null) return CompletableFuture.failedFuture(new IllegalStateException("an append failed; abort the writer", failure));
        if (indexEntries == 0) return abort().thenApply(v -> null);
        closed = true;
        CompressionInfo compression = data.finish();
        long entriesEnd = index.position();
        index.writeInt(ComponentFraming.FOOTER_MAGIC);
        index.writeInt((int) indexCrc.getValue());
        SSTableStatistics stats = statistics.build(commitLogUpperBound, ancestors, compression.uncompressedLength());
        IndexSummary summary = new IndexSummary(summaryKeys.toArray(new DecoratedKey[0]),
                summaryOffsets.stream().mapToLong(Long::longValue).toArray(), entriesEnd);
        List<byte[]> small = List.of(
                frame(Component.STATISTICS, stats::writeTo),
                frame(Component.FILTER, filter::writeTo),
                frame(Component.SUMMARY, summary::writeTo),
                frame(Component.COMPRESSION_INFO, compression::writeTo));
        CompletableFuture<Void> written = data.file().finish().thenCompose(v -> index.finish());
        for (int i = 0; i < small.size(); i++) {
            Component component = SMALL_COMPONENTS.get(i);
            byte[] bytes = small.get(i);
            written = written.thenCompose(v -> writeSmall(component, bytes));
        }
        return written.thenCompose(v -> publish())
                .handle((v, e) -> {
                    if (e == null) return SSTableReader.open(context, files.generation(), ioClass);
                    // closes both streams too: a deleted file still open would keep its space (a full disk stays full)
                    return abort().<SSTableReader>thenCompose(x -> CompletableFuture.failedFuture(e));
                })
                .thenCompose(f -> f);
    }

    /** Stops and deletes every file written so far. */
    public CompletableFuture<Void> abort() {
        closed = true;
        return data.file().abort().handle((v, e) -> null)
                .thenCompose(v -> index.abort().handle((x, e) -> null))
                .thenCompose(v -> deleteAll());
    }

    private CompletableFuture<Void> writeSmall(Component component, byte[] bytes) {
        return SequentialFileWriter.create(files.temporaryPath(component), context.io(), ioClass).thenCompose(out -> {
            out.write(bytes);
            return out.finish();
        });
    }

    /** Renames the components into place, makes that durable, then writes and renames the TOC. */
    private CompletableFuture<Void> publish() {
        return context.io().submit(ioClass, 0, () -> {
            List<Component> components = new ArrayList<>();
            for (Component c : Component.values()) {
                if (c == Component.TOC || c.attached()) continue;
                DurableFiles.rename(files.temporaryPath(c), files.path(c));
                components.add(c);
            }
            DurableFiles.syncDirectory(files.directory());
            components.add(Component.TOC);
            DurableFiles.writeAndSync(files.temporaryPath(Component.TOC), TableOfContents.render(files.generation(), components));
            DurableFiles.rename(files.temporaryPath(Component.TOC), files.path(Component.TOC));
            DurableFiles.syncDirectory(files.directory());
            return null;
        });
    }

    private CompletableFuture<Void> deleteAll() {
        return context.io().submit(ioClass, 0, () -> {
            Files.deleteIfExists(files.path(Component.TOC));
            for (Component c : Component.values()) {
                Files.deleteIfExists(files.temporaryPath(c));
                Files.deleteIfExists(files.path(c));
            }
            return null;
        });
    }

    private interface BodyWriter {
        void writeTo(BufferWriter out);
    }

    private byte[] frame(Component component, BodyWriter body) {
        BufferWriter out = new BufferWriter(1024);
        body.writeTo(out);
        return ComponentFraming.frame(component, files.generation(), out);
    }

    private void writeIndexEntry(IndexEntry entry) {
        if (indexEntries % IndexSummary.INTERVAL == 0) {
            summaryKeys.add(entry.key());
            summaryOffsets.add(index.position());
        }
        indexEntries++;
        buffer.clear();
        entry.writeTo(buffer, scratch, entryCrc);
        indexCrc.update(buffer.array(), 0, buffer.position());
        index.write(buffer.array(), 0, buffer.position());
    }

    private boolean mustWait() {
        return data.file().mustWait() || index.mustWait();
    }

    private CompletableFuture<Void> whenWritable() {
        return data.file().whenWritable().thenCompose(v -> index.whenWritable());
    }

    /** One partition being written: header first, then rows (pausing for backpressure), row index, index entry. */
    private final class PartitionInProgress {
        private final DecoratedKey key;
        private final Iterator<Row> rows;
        private final long start;
        private final int headerLength;
        private Clustering blockFirst;
        private Clustering blockLast;
        private long blockStart;

        PartitionInProgress(PartitionFragment partition, Iterator<Row> rows) {
            this.key = partition.key();
            this.rows = rows;
            this.start = data.position();
            buffer.clear();
            PartitionFormat.writeHeader(partition, buffer);
            headerLength = buffer.position();
            data.write(buffer.array(), 0, buffer.position());
            statistics.partitionDeletion(partition.partitionDeletion());
            for (RangeTombstone rt : partition.rangeTombstones()) statistics.rangeTombstone(rt);
            Row staticRow = partition.staticRow();
            if (staticRow != null && !staticRow.isEmpty()) statistics.row(staticRow);
            blockStart = headerLength;
            rowIndex.clear();
        }

        CompletableFuture<Void> writeRows() {
            while (rows.hasNext()) {
                Row row = rows.next();
                if (row.isEmpty()) continue;
                writeRow(row);
                if (mustWait()) return whenWritable().thenCompose(v -> writeRows());
            }
            complete();
            return mustWait() ? whenWritable() : CompletableFuture.completedFuture(null);
        }

        private void writeRow(Row row) {
            if (row.clustering().isStatic()) throw new IllegalArgumentException("static row among the regular rows of " + key);
            if (blockLast != null && context.comparator().compare(row.clustering(), blockLast) <= 0)
                throw new IllegalArgumentException("rows out of clustering order in " + key);
            buffer.clear();
            RowSerializer.write(row, buffer);
            data.write(buffer.array(), 0, buffer.position());
            statistics.row(row);
            if (blockFirst == null) blockFirst = row.clustering();
            blockLast = row.clustering();
            long offset = data.position() - start;
            if (offset - blockStart >= RowIndexBlock.BLOCK_SIZE) closeBlock(offset);
        }

        private void closeBlock(long end) {
            rowIndex.add(new RowIndexBlock(blockFirst, blockLast, blockStart, end - blockStart));
            blockStart = end;
            blockFirst = null;
        }

        private void complete() {
            long rowsEnd = data.position() - start;
            if (blockFirst != null) closeBlock(rowsEnd);
            if (rowIndex.count() > 1) {
                buffer.clear();
                rowIndex.writeTo(buffer);
                data.write(buffer.array(), 0, buffer.position());
            }
            long length = data.position() - start;
            writeIndexEntry(new IndexEntry(key, start, headerLength, rowsEnd - headerLength, length));
            filter.add(key);
            statistics.partitionWritten(key, length);
        }
    }
}
