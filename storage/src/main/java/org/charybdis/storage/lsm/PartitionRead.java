package org.charybdis.storage.lsm;

import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.ClusteringPrefix;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowMerger;
import org.charybdis.storage.data.RowResolver;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.ReadLimit;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.read.CoveringDeletions;
import org.charybdis.storage.read.MergedFragment;
import org.charybdis.storage.read.RowStream;
import org.charybdis.storage.sstable.PartitionCursor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntPredicate;

/**
 * A read of one partition from the memtables and the SSTables that may hold it. The sources' rows are merged in the
 * read's order as they stream ({@link RowStream}): an SSTable reads its next row index blocks only once the merge has
 * consumed the previous ones. Each merged row is resolved against the deletions covering it, and the read stops at its
 * {@link ReadLimit} or at the end of its slices. So a read holds the rows it returns and a few blocks per SSTable,
 * never the part of a slice it does not return. Every deletion of the partition is in each source's header, so each
 * row comes out exactly as a full read gives it; a read that stopped at its limit says so ({@link PartitionView#truncated()})
 * and the caller reads on after its last row.
 */
final class PartitionRead {
    private final List<RowStream> sources;
    private final PartitionFragment header;
    private final TableLayout layout;
    private final ReadOrder order;
    private final ReadFilter filter;
    private final ReadLimit limit;
    private final long now;
    private final IntPredicate known;
    private final CoveringDeletions deletions;
    private final List<Row> rows = new ArrayList<>();
    private long bytes;
    private boolean ended;

    private PartitionRead(List<RowStream> sources, PartitionFragment header, TableLayout layout, ReadFilter filter, ReadLimit limit, long now) {
        this.sources = sources;
        this.header = header;
        this.layout = layout;
        this.order = new ReadOrder(layout.clusteringComparator(), filter.reversed());
        this.filter = filter;
        this.limit = limit;
        this.now = now;
        this.known = layout::hasColumn;
        this.deletions = new CoveringDeletions(header.partitionDeletion(), header.rangeTombstones(), layout.clusteringComparator(), filter.reversed());
    }

    /**
     * The partition's live content under the filter, up to the limit; null when nothing is live.
     *
     * @param memtables the memtables' fragments of the partition
     * @param cursors   the SSTables' cursors, nothing read past their headers yet
     */
    static CompletableFuture<PartitionView> run(List<PartitionFragment> memtables, List<PartitionCursor> cursors, TableLayout layout,
                                                ReadFilter filter, ReadLimit limit, long now) {
        ClusteringComparator comparator = layout.clusteringComparator();
        List<PartitionFragment> headers = new ArrayList<>(memtables.size() + cursors.size());
        List<RowStream> sources = new ArrayList<>(memtables.size() + cursors.size());
        for (PartitionFragment memtable : memtables) {
            headers.add(memtable);
            sources.add(RowStream.of(memtable, filter.slices(), filter.reversed(), comparator));
        }
        for (PartitionCursor cursor : cursors) {
            headers.add(cursor.header());
            sources.add(cursor);
        }
        PartitionRead read = new PartitionRead(sources, MergedFragment.of(headers, comparator, layout), layout, filter, limit, now);
        return AsyncLoop.until(read::merge).thenApply(ignored -> read.view());
    }

    /** Merges the rows at hand until the limit or the end (true), or until some source has fetched more (false). */
    private CompletableFuture<Boolean> merge() {
        while (rows.size() < limit.rows() && bytes < limit.bytes()) {
            Row head = null;
            ClusteringPrefix first = null; // the first row at hand, or the first bound of a source with none at hand
            boolean waiting = false;
            for (RowStream source : sources) {
                Row row = source.peek();
                if (row != null) {
                    if (head == null || order.before(row.clustering(), head.clustering())) head = row;
                    if (first == null || order.before(row.clustering(), first)) first = row.clustering();
                } else if (!source.exhausted()) {
                    waiting = true;
                    ClusteringBound from = source.nextRowsFrom();
                    if (from != null && (first == null || order.before(from, first))) first = from;
                }
            }
            if (waiting) {
                List<CompletableFuture<Void>> fetches = fetchesUpTo(first);
                if (!fetches.isEmpty()) return CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new)).thenApply(ignored -> false);
            }
            if (head == null) {
                ended = true;
                break;
            }
            take(versionsOf(head));
        }
        return CompletableFuture.completedFuture(true);
    }

    /**
     * Fetches from the sources with no row at hand whose rows may come first: those that do not know where their rows
     * start if there are any (the others are looked at again once these have rows), else those whose rows start at
     * {@code first}. One whose rows start after a row at hand waits until the merge gets there: an SSTable holding only
     * later rows of the partition is not read for an earlier page.
     */
    private List<CompletableFuture<Void>> fetchesUpTo(ClusteringPrefix first) {
        boolean anyUnknown = false;
        for (RowStream source : sources) anyUnknown |= waiting(source) && source.nextRowsFrom() == null;
        List<CompletableFuture<Void>> fetches = new ArrayList<>(sources.size());
        for (RowStream source : sources) {
            if (!waiting(source)) continue;
            ClusteringBound from = source.nextRowsFrom();
            if (anyUnknown ? from == null : !order.before(first, from)) fetches.add(source.fetch());
        }
        return fetches;
    }

    private static boolean waiting(RowStream source) {
        return source.peek() == null && !source.exhausted();
    }

    /** Every source's version of the head row merged; the sources move past it. */
    private Row versionsOf(Row head) {
        Row merged = null;
        for (RowStream source : sources) {
            Row row = source.peek();
            if (row != null && order.same(row, head)) {
                merged = RowMerger.merge(merged, row, layout);
                source.advance();
            }
        }
        return merged;
    }

    private void take(Row stored) {
        Row live = RowResolver.resolve(stored, deletions.at(stored.clustering()), now, known, filter.columns());
        if (live == null) return;
        rows.add(live);
        bytes += live.valueBytes();
    }

    private PartitionView view() {
        Row staticRow = filter.fetchStatic() && header.staticRow() != null
                ? RowResolver.resolve(header.staticRow(), header.partitionDeletion(), now, known, filter.columns())
                : null;
        if (staticRow == null && rows.isEmpty()) return null;
        return new Result(header.key(), staticRow, rows.iterator(), !ended && !nothingLeft());
    }

    /** True when no source has a row at hand or to fetch: a read that stopped at its limit also stopped at the end. */
    private boolean nothingLeft() {
        for (RowStream source : sources) if (source.peek() != null || !source.exhausted()) return false;
        return true;
    }

    /** Clusterings and bounds compared in the read's order. */
    private record ReadOrder(ClusteringComparator comparator, boolean reversed) {
        boolean before(ClusteringPrefix a, ClusteringPrefix b) {
            int c = comparator.compare(a, b);
            return reversed ? c > 0 : c < 0;
        }

        boolean same(Row a, Row b) {
            return comparator.compare(a.clustering(), b.clustering()) == 0;
        }
    }

    private record Result(DecoratedKey key, Row staticRow, Iterator<Row> rows, boolean truncated) implements PartitionView {}
}
