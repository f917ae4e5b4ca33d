package org.charybdis.storage.lsm;

import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.ReadLimit;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.read.LivePartitionView;
import org.charybdis.storage.read.MergedFragment;
import org.charybdis.storage.sstable.PartitionCursor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;

/**
 * A read of one partition that stops at its {@link ReadLimit}. Memtables are merged lazily anyway; each SSTable
 * holding the partition loads row index blocks, in the read's order, only until it has the limit's worth of rows
 * live as far as it knows. Merged rows are exact only up to the first place an SSTable stopped at (the frontier):
 * the view ends there and says it is truncated. When fewer rows than the limit are live before the frontier (other
 * sources shadow them, deletions, expiry), the SSTables stopped at the frontier load more, twice as much each round,
 * and the merge is evaluated again. Every deletion of the partition is in each source's header, so the rows before
 * the frontier come out exactly as a full read gives them.
 */
final class BoundedRead {
    private final List<PartitionFragment> complete;
    private final List<PartitionCursor> cursors;
    private final TableLayout layout;
    private final ClusteringComparator comparator;
    private final ReadFilter filter;
    private final ReadLimit limit;
    private final long now;
    private int round;

    /**
     * @param complete fragments holding everything of the filter's slices (memtables)
     * @param cursors  SSTables' cursors, nothing loaded yet
     */
    private BoundedRead(List<PartitionFragment> complete, List<PartitionCursor> cursors, TableLayout layout, ReadFilter filter,
                        ReadLimit limit, long now) {
        this.complete = complete;
        this.cursors = cursors;
        this.layout = layout;
        this.comparator = layout.clusteringComparator();
        this.filter = filter;
        this.limit = limit;
        this.now = now;
    }

    /** The partition's live content, possibly truncated after the limit's worth of rows; null when nothing is live. */
    static CompletableFuture<PartitionView> run(List<PartitionFragment> complete, List<PartitionCursor> cursors, TableLayout layout,
                                                ReadFilter filter, ReadLimit limit, long now) {
        BoundedRead read = new BoundedRead(complete, cursors, layout, filter, limit, now);
        return read.load(cursors).thenCompose(ignored -> read.settle());
    }

    /** Merges what is loaded; returns the view if it holds enough rows (or everything), else loads more first. */
    private CompletableFuture<PartitionView> settle() {
        List<PartitionFragment> fragments = new ArrayList<>(complete.size() + cursors.size());
        fragments.addAll(complete);
        for (PartitionCursor c : cursors) fragments.add(c.fragment());
        PartitionFragment merged = MergedFragment.of(fragments, comparator, layout);
        ClusteringBound frontier = frontier();
        if (frontier == null) return CompletableFuture.completedFuture(LivePartitionView.of(merged, layout, filter, now));
        PartitionView view = LivePartitionView.of(merged, layout, clippedTo(frontier), now);
        if (view != null) {
            List<Row> taken = new ArrayList<>();
            long bytes = 0;
            Iterator<Row> rows = view.rows();
            while (taken.size() < limit.rows() && bytes < limit.bytes() && rows.hasNext()) {
                Row row = rows.next();
                taken.add(row);
                bytes += row.valueBytes();
            }
            if (taken.size() >= limit.rows() || bytes >= limit.bytes()) return CompletableFuture.completedFuture(new Truncated(view, taken));
        }
        round++;
        List<PartitionCursor> behind = new ArrayList<>();
        for (PartitionCursor c : cursors) if (!c.exhausted() && comparator.compare(c.loadedUpTo(), frontier) == 0) behind.add(c);
        return load(behind).thenCompose(ignored -> settle());
    }

    /** Has the cursors load this round's share: the limit, doubled at each round after the first. */
    private CompletableFuture<Void> load(List<PartitionCursor> toLoad) {
        int rows = (int) Math.min(Integer.MAX_VALUE, doubled(limit.rows(), round));
        long bytes = doubled(limit.bytes(), round);
        List<CompletableFuture<Void>> loads = new ArrayList<>(toLoad.size());
        for (PartitionCursor c : toLoad) loads.add(c.load(rows, bytes, now));
        return CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new));
    }

    private static long doubled(long value, int times) {
        return times >= 62 || value > Long.MAX_VALUE >> times ? Long.MAX_VALUE : value << times;
    }

    /** The first place, in the read's order, where an SSTable's loaded rows end; null when every SSTable is exhausted. */
    private ClusteringBound frontier() {
        ClusteringBound first = null;
        for (PartitionCursor c : cursors) {
            ClusteringBound bound = c.loadedUpTo();
            if (bound == null) continue;
            if (first == null || (filter.reversed() ? comparator.compare(bound, first) > 0 : comparator.compare(bound, first) < 0)) first = bound;
        }
        return first;
    }

    /** The filter's slices cut at the frontier: only what lies before it in the read's order. */
    private ReadFilter clippedTo(ClusteringBound frontier) {
        List<Slice> clipped = new ArrayList<>(filter.slices().size());
        for (Slice s : filter.slices()) {
            Slice cut;
            if (!filter.reversed()) {
                if (comparator.compare(s.start(), frontier) >= 0) continue;
                cut = comparator.compare(s.end(), frontier) <= 0 ? s : new Slice(s.start(), frontier);
            } else {
                if (comparator.compare(frontier, s.end()) >= 0) continue;
                cut = comparator.compare(frontier, s.start()) <= 0 ? s : new Slice(frontier, s.end());
            }
            clipped.add(cut);
        }
        return new ReadFilter(clipped, filter.reversed(), filter.columns(), filter.fetchStatic());
    }

    /** A view that stopped at the frontier: the rows counted while settling, then the rest up to the frontier. */
    private static final class Truncated implements PartitionView {
        private final PartitionView view;
        private final Iterator<Row> rows;

        Truncated(PartitionView view, List<Row> taken) {
            this.view = view;
            Iterator<Row> first = taken.iterator();
            Iterator<Row> rest = view.rows();
            this.rows = new Iterator<>() {
                @Override
                public boolean hasNext() { return first.hasNext() || rest.hasNext(); }

                @Override
                public Row next() {
                    if (first.hasNext()) return first.next();
                    if (rest.hasNext()) return rest.next();
                    throw new NoSuchElementException();
                }
            };
        }

        @Override
        public DecoratedKey key() { return view.key(); }

        @Override
        public Row staticRow() { return view.staticRow(); }

        @Override
        public Iterator<Row> rows() { return rows; }

        @Override
        public boolean truncated() { return true; }
    }
}
