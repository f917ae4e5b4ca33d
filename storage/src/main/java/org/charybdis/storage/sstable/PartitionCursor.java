package org.charybdis.storage.sstable;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.storage.read.RowStream;
import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.CorruptDataException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One partition of one SSTable, streamed a few row index blocks at a time in a query's clustering order (from the end
 * for a reversed query) as the read's merge consumes its rows: each {@link #fetch()} finds where the slice goes on
 * in the {@link RowIndex} or reads the next blocks, one at first and twice as many each time after, up to
 * {@link #MAX_BLOCKS_PER_FETCH}; rows already consumed are dropped, so a read holds a few blocks of each SSTable
 * whatever the slices span. The header (partition deletion, every range tombstone, the static row) comes first and
 * whole ({@link #header()}): however few rows are read, every deletion this SSTable holds for the partition is known.
 * A partition without a row index comes whole, with its header. Shard-owned, like its reader; the caller holds a
 * reference on the reader while it reads.
 */
public final class PartitionCursor implements RowStream {
    /** The most blocks one fetch reads: 128 KiB of rows in one request, and the most a cursor holds. */
    static final int MAX_BLOCKS_PER_FETCH = 8;
    private static final Row[] NO_ROWS = new Row[0];

    private final SSTableReader reader;
    private final IndexEntry entry;
    private final PartitionFormat.Header header;
    private final ClusteringComparator comparator;
    /** The query's non-empty slices, in clustering order. */
    private final List<Slice> slices;
    private final boolean reversed;
    private final IoClass ioClass;
    /** Null when every row came with the header, or no slice wants rows. */
    private final RowIndex rowIndex;
    /** Slices done, in the query's order. */
    private int slicesDone;
    /** True once the block to go on from is known for the current slice. */
    private boolean positioned;
    /** True once {@link #nextBlock} is set: at the first block, or at the last for a reversed query. */
    private boolean started;
    /** The next block to read, in the query's order: blocks before it (after it, reversed) are read. */
    private int nextBlock;
    private int blocksPerFetch = 1;
    private int blocksRead;
    /** Rows at hand, in the query's order. */
    private Row[] rows;
    private int next;
    private boolean exhausted;

    private PartitionCursor(SSTableReader reader, IndexEntry entry, PartitionFormat.Header header, List<Slice> slices, boolean reversed,
                            IoClass ioClass, RowIndex rowIndex, Row[] rows) {
        this.reader = reader;
        this.entry = entry;
        this.header = header;
        this.comparator = reader.context().comparator();
        this.slices = slices;
        this.reversed = reversed;
        this.ioClass = ioClass;
        this.rowIndex = rowIndex;
        this.rows = rows;
        this.exhausted = rowIndex == null || slices.isEmpty();
    }

    /** A partition (without a row index) decoded whole, with its rows of the slices. */
    static PartitionCursor loaded(SSTableReader reader, StoredPartition partition, boolean reversed) {
        var header = new PartitionFormat.Header(partition.key(), partition.partitionDeletion(), partition.rangeTombstones(), partition.staticRow());
        List<Row> rows = new ArrayList<>(partition.rowCount());
        partition.rows(Slice.ALL, reversed).forEachRemaining(rows::add);
        return new PartitionCursor(reader, null, header, List.of(), reversed, null, null, rows.toArray(NO_ROWS));
    }

    /**
     * A partition whose rows of the slices come block by block from its row index ({@code rowIndex} may be null when
     * every slice is empty).
     */
    static PartitionCursor indexed(SSTableReader reader, IndexEntry entry, PartitionFormat.Header header, RowIndex rowIndex,
                                   List<Slice> slices, boolean reversed, IoClass ioClass) {
        return new PartitionCursor(reader, entry, header, nonEmpty(slices, reader.context().comparator()), reversed, ioClass, rowIndex, NO_ROWS);
    }

    /** The slices that can hold rows. */
    static List<Slice> nonEmpty(List<Slice> slices, ClusteringComparator comparator) {
        List<Slice> nonEmpty = new ArrayList<>(slices.size());
        for (Slice slice : slices) if (!comparator.isEmpty(slice)) nonEmpty.add(slice);
        return nonEmpty;
    }

    /** The partition's header as a fragment without rows: its deletion, range tombstones and static row. */
    public PartitionFragment header() {
        return PartitionFormat.partition(header, List.of(), comparator);
    }

    @Override
    public Row peek() {
        return next < rows.length ? rows[next] : null;
    }

    @Override
    public void advance() {
        rows[next++] = null; // a consumed row is the merge's now
    }

    @Override
    public boolean exhausted() {
        return exhausted;
    }

    /** Before the first fetch, the SSTable's smallest (largest, reversed) clustering bound: its rows all lie past it. */
    @Override
    public ClusteringBound nextRowsFrom() {
        if (started) return null;
        return reversed ? reader.statistics().maxClustering() : reader.statistics().minClustering();
    }

    IndexEntry entry() {
        return entry;
    }

    /** Row index blocks read so far. */
    public int blocksRead() {
        return blocksRead;
    }

    /** Finds where the current slice goes on in the row index, or reads the next blocks. */
    @Override
    public CompletableFuture<Void> fetch() {
        if (exhausted || peek() != null) return CompletableFuture.completedFuture(null);
        if (!started) {
            started = true;
            nextBlock = reversed ? rowIndex.count() - 1 : 0;
        }
        if (slicesDone == slices.size() || nextBlock < 0 || nextBlock >= rowIndex.count()) {
            exhausted = true;
            return CompletableFuture.completedFuture(null);
        }
        return positioned ? readBlocks(rowIndex, slice()) : position(rowIndex, slice());
    }

    /** Every row of the slices at once, with the header; for tools and tests (reads stream through {@link #fetch()}). */
    CompletableFuture<PartitionFragment> drain() {
        List<Row> all = new ArrayList<>();
        return AsyncLoop.until(() -> {
            for (Row row; (row = peek()) != null; advance()) all.add(row);
            return exhausted ? CompletableFuture.completedFuture(true) : fetch().thenApply(ignored -> false);
        }).thenApply(done -> {
            if (reversed) Collections.reverse(all);
            return PartitionFormat.partition(header, all, comparator);
        });
    }

    private Slice slice() {
        return slices.get(reversed ? slices.size() - 1 - slicesDone : slicesDone);
    }

    /**
     * Searches the first block (the last, reversed) not yet read that can hold rows of the slice: the first whose last
     * row is after the slice's start (the last whose first row is before its end). A slice open at that end needs no search.
     */
    private CompletableFuture<Void> position(RowIndex index, Slice slice) {
        positioned = true;
        if (!reversed) {
            if (slice.start().size() == 0) return CompletableFuture.completedFuture(null);
            return index.first(nextBlock, index.count(), b -> comparator.compare(slice.start(), b.last()) < 0)
                    .thenAccept(block -> nextBlock = block);
        }
        if (slice.end().size() == 0) return CompletableFuture.completedFuture(null);
        return index.first(0, nextBlock + 1, b -> comparator.compare(b.first(), slice.end()) > 0)
                .thenAccept(block -> nextBlock = block - 1);
    }

    /**
     * Reads the next blocks of the slice, up to this fetch's number; the first block that lies past the slice ends it,
     * and the next fetch positions the next slice.
     */
    private CompletableFuture<Void> readBlocks(RowIndex index, Slice slice) {
        int from = reversed ? Math.max(0, nextBlock - blocksPerFetch + 1) : nextBlock;
        int to = reversed ? nextBlock + 1 : Math.min(index.count(), nextBlock + blocksPerFetch);
        return index.blocks(from, to).thenCompose(blocks -> {
            int inSlice = 0;
            while (inSlice < blocks.length && inSlice(blocks[reversed ? blocks.length - 1 - inSlice : inSlice], slice)) inSlice++;
            if (inSlice < blocks.length) {
                slicesDone++;
                positioned = false;
            }
            if (inSlice == 0) return CompletableFuture.completedFuture(null);
            int first = reversed ? blocks.length - inSlice : 0;
            int last = reversed ? blocks.length - 1 : inSlice - 1;
            nextBlock += reversed ? -inSlice : inSlice;
            blocksRead += inSlice;
            blocksPerFetch = Math.min(MAX_BLOCKS_PER_FETCH, blocksPerFetch * 2);
            return readRows(blocks, first, last);
        });
    }

    /** False once the block, in the query's order, lies past the slice. */
    private boolean inSlice(RowIndexBlock block, Slice slice) {
        return reversed ? comparator.compare(slice.start(), block.last()) < 0 : comparator.compare(block.first(), slice.end()) < 0;
    }

    /** Reads blocks [first, last] (adjacent on disk) in one request and puts their rows of the slices at hand. */
    private CompletableFuture<Void> readRows(RowIndexBlock[] blocks, int first, int last) {
        for (int b = first + 1; b <= last; b++) {
            if (blocks[b].offset() != blocks[b - 1].offset() + blocks[b - 1].length())
                return CompletableFuture.failedFuture(reader.dataCorruption(entry.dataPosition(), "row index blocks not adjacent", null));
        }
        long start = blocks[first].offset();
        long end = blocks[last].offset() + blocks[last].length();
        if (start < entry.headerLength() || end > entry.rowIndexStart())
            return CompletableFuture.failedFuture(reader.dataCorruption(entry.dataPosition(), "row index block outside the rows", null));
        return reader.chunks().read(entry.dataPosition() + start, entry.dataPosition() + end, ioClass, true).thenAccept(bytes -> {
            List<Row> read = new ArrayList<>();
            try {
                PartitionFormat.readRows(new BufferReader(ByteBuffer.wrap(bytes)), comparator.size(), slices, comparator, read);
            } catch (CorruptDataException e) {
                throw reader.dataCorruption(entry.dataPosition(), e.getMessage(), e);
            }
            rows = read.toArray(NO_ROWS);
            if (reversed) reverse(rows);
            next = 0;
        });
    }

    private static void reverse(Row[] rows) {
        for (int i = 0, j = rows.length - 1; i < j; i++, j--) {
            Row row = rows[i];
            rows[i] = rows[j];
            rows[j] = row;
        }
    }
}
