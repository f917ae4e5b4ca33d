package org.charybdis.storage.memory;

import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowResolver;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableLayout;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** A lazy read of one {@link MemoryPartition}: rows are resolved one at a time as the caller iterates. */
final class MemoryPartitionView implements PartitionView {
    private final MemoryPartition partition;
    private final Row staticRow;
    private final LiveRows rows;

    MemoryPartitionView(MemoryPartition partition, TableLayout layout, ReadFilter filter, long nowInSeconds) {
        this.partition = partition;
        Row storedStatic = partition.staticRow();
        this.staticRow = filter.fetchStatic() && storedStatic != null
                ? RowResolver.resolve(storedStatic, partition.partitionDeletion(), nowInSeconds, layout::hasColumn, filter.columns())
                : null;
        this.rows = new LiveRows(partition, layout, filter, nowInSeconds);
    }

    @Override
    public DecoratedKey key() { return partition.key(); }

    @Override
    public Row staticRow() { return staticRow; }

    @Override
    public Iterator<Row> rows() { return rows; }

    /** True when the read found nothing live: no static row and no row (looks ahead one row at most). */
    boolean isEmpty() {
        return staticRow == null && !rows.hasNext();
    }

    /** Walks the filter's slices in order (or backwards), resolving each stored row against the deletions covering it. */
    private static final class LiveRows implements Iterator<Row> {
        private final MemoryPartition partition;
        private final TableLayout layout;
        private final ClusteringComparator comparator;
        private final ReadFilter filter;
        private final long now;
        private final List<Slice> slices;
        private int nextSlice;
        private Iterator<Row> stored;
        private List<RangeTombstone> sliceTombstones = List.of();
        private Row next;

        LiveRows(MemoryPartition partition, TableLayout layout, ReadFilter filter, long now) {
            this.partition = partition;
            this.layout = layout;
            this.comparator = layout.clusteringComparator();
            this.filter = filter;
            this.now = now;
            this.slices = filter.slices();
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (stored != null && stored.hasNext()) {
                    Row row = stored.next();
                    next = RowResolver.resolve(row, deletionCovering(row), now, layout::hasColumn, filter.columns());
                } else if (!openNextSlice()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) throw new NoSuchElementException();
            Row row = next;
            next = null;
            return row;
        }

        private boolean openNextSlice() {
            while (nextSlice < slices.size()) {
                Slice slice = slices.get(filter.reversed() ? slices.size() - 1 - nextSlice : nextSlice);
                nextSlice++;
                if (comparator.isEmpty(slice)) continue;
                var range = partition.rows().subMap(slice.start(), true, slice.end(), true);
                stored = (filter.reversed() ? range.descendingMap() : range).values().iterator();
                sliceTombstones = tombstonesIntersecting(slice);
                return true;
            }
            stored = null;
            return false;
        }

        private List<RangeTombstone> tombstonesIntersecting(Slice slice) {
            RangeTombstone[] all = partition.rangeTombstones();
            if (all.length == 0) return List.of();
            List<RangeTombstone> intersecting = new ArrayList<>();
            for (RangeTombstone rt : all) if (comparator.intersects(rt.slice(), slice)) intersecting.add(rt);
            return intersecting;
        }

        private DeletionTime deletionCovering(Row row) {
            DeletionTime deletion = partition.partitionDeletion();
            for (int i = 0; i < sliceTombstones.size(); i++) {
                RangeTombstone rt = sliceTombstones.get(i);
                if (rt.deletion().supersedes(deletion) && comparator.contains(rt.slice(), row.clustering()))
                    deletion = rt.deletion();
            }
            return deletion;
        }
    }
}
