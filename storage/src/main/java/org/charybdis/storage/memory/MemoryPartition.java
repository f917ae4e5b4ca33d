package org.charybdis.storage.memory;

import org.charybdis.storage.data.ClusteringPrefix;
import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowMerger;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.TableLayout;

import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.Slice;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.IntPredicate;

/**
 * One partition of the in-memory engine: merged rows sorted by clustering, the static row, and every
 * deletion kept as written (tombstones are applied at read time, never purged here). The skip list gives
 * iterators that survive writes applied while a read is being paged on the same thread.
 */
final class MemoryPartition implements PartitionFragment {
    private static final RangeTombstone[] NO_RANGE_TOMBSTONES = new RangeTombstone[0];

    private final DecoratedKey key;
    private final ConcurrentSkipListMap<ClusteringPrefix, Row> rows;
    private DeletionTime partitionDeletion = DeletionTime.LIVE;
    private RangeTombstone[] rangeTombstones = NO_RANGE_TOMBSTONES; // replaced, never mutated: readers keep their copy
    private Row staticRow;

    MemoryPartition(DecoratedKey key, TableLayout layout) {
        this.key = key;
        this.rows = new ConcurrentSkipListMap<>(layout.clusteringComparator());
    }

    @Override
    public DecoratedKey key() { return key; }

    @Override
    public DeletionTime partitionDeletion() { return partitionDeletion; }

    @Override
    public List<RangeTombstone> rangeTombstones() { return Arrays.asList(rangeTombstones); }

    @Override
    public Row staticRow() { return staticRow; }

    @Override
    public Iterator<Row> rows(Slice slice, boolean reversed) {
        var range = rows.subMap(slice.start(), true, slice.end(), true);
        return (reversed ? range.descendingMap() : range).values().iterator();
    }

    /** Merges the update in; returns the change in stored bytes. */
    long apply(PartitionUpdate update, TableLayout layout) {
        long delta = 0;
        partitionDeletion = DeletionTime.max(partitionDeletion, update.partitionDeletion());
        if (!update.rangeTombstones().isEmpty()) {
            RangeTombstone[] added = update.rangeTombstones().toArray(NO_RANGE_TOMBSTONES);
            RangeTombstone[] merged = Arrays.copyOf(rangeTombstones, rangeTombstones.length + added.length);
            System.arraycopy(added, 0, merged, rangeTombstones.length, added.length);
            rangeTombstones = merged;
            delta += 48L * added.length;
        }
        if (update.staticRow() != null) {
            Row old = staticRow;
            staticRow = merge(old, update.staticRow(), layout);
            delta += staticRow.dataSize() - (old == null ? 0 : old.dataSize());
        }
        for (RowUpdate rowUpdate : update.rows()) {
            Row old = rows.get(rowUpdate.clustering());
            Row merged = merge(old, rowUpdate, layout);
            rows.put(merged.clustering(), merged);
            delta += merged.dataSize() - (old == null ? 0 : old.dataSize());
        }
        return delta;
    }

    /** Forgets the data of columns failing {@code keep}; returns the change in stored bytes. */
    long retainColumns(IntPredicate keep) {
        long delta = 0;
        if (staticRow != null) {
            Row old = staticRow;
            staticRow = RowMerger.retainColumns(old, keep);
            delta += staticRow.dataSize() - old.dataSize();
        }
        for (Row old : rows.values()) {
            Row kept = RowMerger.retainColumns(old, keep);
            if (kept != old) {
                rows.put(kept.clustering(), kept);
                delta += kept.dataSize() - old.dataSize();
            }
        }
        return delta;
    }

    long dataSize() {
        long size = key.key().remaining() + 64L + 48L * rangeTombstones.length;
        if (staticRow != null) size += staticRow.dataSize();
        for (Row row : rows.values()) size += row.dataSize();
        return size;
    }

    private static Row merge(Row existing, RowUpdate update, TableLayout layout) {
        return RowMerger.retainColumns(RowMerger.merge(existing, update, layout), layout::hasColumn);
    }
}
