package org.charybdis.storage.read;

import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.PartitionFragment;
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

/**
 * What a read returns of a stored partition: the filter's slices walked in order (or backwards), each row
 * resolved against the deletions covering it, expired data dropped, only the selected columns kept. Rows
 * are resolved one at a time as the caller iterates.
 */
public final class LivePartitionView implements PartitionView {
    private final PartitionFragment partition;
    private final Row staticRow;
    private final LiveRows rows;

    private LivePartitionView(PartitionFragment partition, TableLayout layout, ReadFilter filter, long nowInSeconds) {
        this.partition = partition;
        Row storedStatic = partition.staticRow();
        this.staticRow = filter.fetchStatic() && storedStatic != null
                ? RowResolver.resolve(storedStatic, partition.partitionDeletion(), nowInSeconds, layout::hasColumn, filter.columns())
                : null;
        this.rows = new LiveRows(partition, layout, filter, nowInSeconds);
    }

    /** The partition's live content under the filter, or null when nothing it asks for is live. */
    public static PartitionView of(PartitionFragment partition, TableLayout layout, ReadFilter filter, long nowInSeconds) {
        LivePartitionView view = new LivePartitionView(partition, layout, filter, nowInSeconds);
        return view.staticRow == null && !view.rows.hasNext() ? null : view;
    }

    @Override
    public DecoratedKey key() { return partition.key(); }

    @Override
    public Row staticRow() { return staticRow; }

    @Override
    public Iterator<Row> rows() { return rows; }

    private static final class LiveRows implements Iterator<Row> {
        private final PartitionFragment partition;
        private final TableLayout layout;
        private final ClusteringComparator comparator;
        private final ReadFilter filter;
        private final long now;
        private final List<Slice> slices;
        private int nextSlice;
        private Iterator<Row> stored;
        private List<RangeTombstone> sliceTombstones = List.of();
        private Row next;

        LiveRows(PartitionFragment partition, TableLayout layout, ReadFilter filter, long now) {
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
                stored = partition.rows(slice, filter.reversed());
                sliceTombstones = tombstonesIntersecting(slice);
                return true;
            }
            stored = null;
            return false;
        }

        private List<RangeTombstone> tombstonesIntersecting(Slice slice) {
            List<RangeTombstone> all = partition.rangeTombstones();
            if (all.isEmpty()) return List.of();
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
