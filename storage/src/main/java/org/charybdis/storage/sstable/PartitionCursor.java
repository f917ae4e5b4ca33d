package org.charybdis.storage.sstable;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowResolver;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.CorruptDataException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One partition of one SSTable, loaded a few row index blocks at a time in a query's clustering order (from the end
 * for a reversed query), so that a read needing the first rows of a large partition leaves the rest on disk.
 * The header (partition deletion, every range tombstone, the static row) comes first and whole: however few rows
 * are loaded, the {@linkplain #fragment() fragment} carries every deletion this SSTable holds for the partition.
 * Rows of the query's slices are all loaded up to {@link #loadedUpTo()}; a partition without a row index is loaded
 * whole at once. Shard-owned, like its reader; the caller holds a reference on the reader while it loads.
 */
public final class PartitionCursor {
    private final SSTableReader reader;
    private final IndexEntry entry;
    private final PartitionFormat.Header header;
    private final List<Slice> slices;
    private final boolean reversed;
    private final IoClass ioClass;
    /** The row index blocks the slices touch, in clustering order. */
    private final RowIndexBlock[] wanted;
    /** Rows of each load, each in clustering order, in the order they were loaded. */
    private final List<Row[]> loads = new ArrayList<>();
    private int blocksLoaded;
    private long liveRowsLoaded;
    private long liveBytesLoaded;
    private StoredPartition fragment;

    private PartitionCursor(SSTableReader reader, IndexEntry entry, PartitionFormat.Header header, List<Slice> slices, boolean reversed,
                            IoClass ioClass, RowIndexBlock[] wanted) {
        this.reader = reader;
        this.entry = entry;
        this.header = header;
        this.slices = slices;
        this.reversed = reversed;
        this.ioClass = ioClass;
        this.wanted = wanted;
    }

    /** A partition loaded whole (it has no row index, or the read wants all of it). */
    static PartitionCursor loaded(SSTableReader reader, StoredPartition partition) {
        PartitionCursor cursor = new PartitionCursor(reader, null, null, List.of(), false, null, new RowIndexBlock[0]);
        cursor.fragment = partition;
        return cursor;
    }

    /** A partition whose rows load block by block; {@code blocks} is its whole row index. */
    static PartitionCursor indexed(SSTableReader reader, IndexEntry entry, PartitionFormat.Header header, RowIndexBlock[] blocks,
                                   List<Slice> slices, boolean reversed, IoClass ioClass) {
        ClusteringComparator comparator = reader.context().comparator();
        List<RowIndexBlock> touched = new ArrayList<>();
        for (RowIndexBlock block : blocks) {
            for (Slice slice : slices) {
                if (!comparator.isEmpty(slice) && block.mayIntersect(slice, comparator)) {
                    touched.add(block);
                    break;
                }
            }
        }
        return new PartitionCursor(reader, entry, header, slices, reversed, ioClass, touched.toArray(new RowIndexBlock[0]));
    }

    /** True once every row of the slices is loaded. */
    public boolean exhausted() {
        return blocksLoaded == wanted.length;
    }

    /**
     * How far the loaded rows go, in the query's order: an end bound (a start bound for a reversed query) such that
     * every row of the slices before it (after it, reversed) is loaded; null once exhausted.
     */
    public ClusteringBound loadedUpTo() {
        if (exhausted()) return null;
        return reversed ? ClusteringBound.start(false, wanted[wanted.length - 1 - blocksLoaded].last())
                : ClusteringBound.end(false, wanted[blocksLoaded].first());
    }

    /** Row index blocks loaded so far. */
    public int blocksLoaded() {
        return blocksLoaded;
    }

    /**
     * The partition as loaded so far: its header and the loaded rows of the slices. Exact for the rows up to
     * {@link #loadedUpTo()} only.
     */
    public PartitionFragment fragment() {
        if (fragment == null) {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < loads.size(); i++) rows.addAll(Arrays.asList(loads.get(reversed ? loads.size() - 1 - i : i)));
            fragment = PartitionFormat.partition(header, rows, reader.context().comparator());
        }
        return fragment;
    }

    /**
     * Loads further blocks, in the query's order, until the newly loaded rows include {@code rows} rows live as far as
     * this SSTable knows (its own deletions and expiry applied at {@code nowInSeconds}; other sources may still
     * shadow them), or such rows of {@code bytes} bytes of values ({@link Row#valueBytes()}), or the slices end.
     * {@code Integer.MAX_VALUE} rows and {@code Long.MAX_VALUE} bytes load everything at once.
     */
    public CompletableFuture<Void> load(int rows, long bytes, long nowInSeconds) {
        return load((long) rows, bytes, nowInSeconds);
    }

    private CompletableFuture<Void> load(long rows, long bytes, long nowInSeconds) {
        if (exhausted() || rows <= 0 || bytes <= 0) return CompletableFuture.completedFuture(null);
        int count = blocksFor(rows, bytes);
        int first = reversed ? wanted.length - blocksLoaded - count : blocksLoaded;
        return readBlocks(first, first + count).thenCompose(loaded -> {
            blocksLoaded += count;
            loads.add(loaded);
            fragment = null;
            long liveRows = 0;
            long liveBytes = 0;
            for (Row row : loaded) {
                if (!RowResolver.isLive(row, deletionCovering(row), nowInSeconds)) continue;
                liveRows++;
                liveBytes += row.valueBytes();
            }
            liveRowsLoaded += liveRows;
            liveBytesLoaded += liveBytes;
            return load(rows - liveRows, bytes - liveBytes, nowInSeconds);
        });
    }

    /**
     * How many blocks the next load reads: all of them for an unlimited load, one to begin with, then as many as the
     * live rows (and bytes) per block seen so far say are needed.
     */
    private int blocksFor(long rows, long bytes) {
        int remaining = wanted.length - blocksLoaded;
        if (rows >= Integer.MAX_VALUE && bytes == Long.MAX_VALUE) return remaining;
        if (blocksLoaded == 0) return 1;
        if (liveRowsLoaded == 0) return Math.min(remaining, blocksLoaded); // dead rows only so far: double the reach
        long byRows = Math.ceilDiv(rows * blocksLoaded, liveRowsLoaded);
        long byBytes = liveBytesLoaded == 0 || bytes > Long.MAX_VALUE / blocksLoaded ? remaining
                : Math.ceilDiv(bytes * blocksLoaded, liveBytesLoaded);
        return (int) Math.clamp(Math.min(byRows, byBytes), 1, remaining);
    }

    private DeletionTime deletionCovering(Row row) {
        DeletionTime deletion = header.deletion();
        for (RangeTombstone rt : header.rangeTombstones()) {
            if (rt.deletion().supersedes(deletion) && reader.context().comparator().contains(rt.slice(), row.clustering()))
                deletion = rt.deletion();
        }
        return deletion;
    }

    /** The rows of the slices in wanted blocks [from, to), in clustering order; one request per run of adjacent blocks. */
    private CompletableFuture<Row[]> readBlocks(int from, int to) {
        List<CompletableFuture<byte[]>> runs = new ArrayList<>();
        long rowsEnd = entry.dataPosition() + entry.rowIndexStart();
        int b = from;
        while (b < to) {
            int first = b++;
            while (b < to && wanted[b].offset() == wanted[b - 1].offset() + wanted[b - 1].length()) b++;
            long start = entry.dataPosition() + wanted[first].offset();
            long end = entry.dataPosition() + wanted[b - 1].offset() + wanted[b - 1].length();
            if (wanted[first].offset() < entry.headerLength() || end > rowsEnd)
                return CompletableFuture.failedFuture(reader.dataCorruption(entry.dataPosition(), "row index block outside the rows", null));
            runs.add(reader.chunks().read(start, end, ioClass, true));
        }
        return CompletableFuture.allOf(runs.toArray(new CompletableFuture[0])).thenApply(v -> {
            List<Row> rows = new ArrayList<>();
            ClusteringComparator comparator = reader.context().comparator();
            try {
                for (CompletableFuture<byte[]> run : runs)
                    PartitionFormat.readRows(new BufferReader(ByteBuffer.wrap(run.join())), comparator.size(), slices, comparator, rows);
            } catch (CorruptDataException e) {
                throw reader.dataCorruption(entry.dataPosition(), e.getMessage(), e);
            }
            return rows.toArray(new Row[0]);
        });
    }
}
