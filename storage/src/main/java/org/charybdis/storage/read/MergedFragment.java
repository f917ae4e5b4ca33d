package org.charybdis.storage.read;

import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.ColumnOrder;
import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowMerger;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The fragments several sources hold of one partition, seen as one: deletions combined, range tombstones
 * pooled, rows merged lazily in order. Still stored shape: a read resolves it, a compaction purges it.
 */
public final class MergedFragment implements PartitionFragment {
    private final List<PartitionFragment> fragments;
    private final ClusteringComparator comparator;
    private final ColumnOrder columnOrder;
    private final DeletionTime partitionDeletion;
    private final List<RangeTombstone> rangeTombstones;
    private final Row staticRow;

    private MergedFragment(List<PartitionFragment> fragments, ClusteringComparator comparator, ColumnOrder columnOrder) {
        this.fragments = fragments;
        this.comparator = comparator;
        this.columnOrder = columnOrder;
        DeletionTime deletion = DeletionTime.LIVE;
        List<RangeTombstone> tombstones = new ArrayList<>(0);
        Row statics = null;
        for (PartitionFragment f : fragments) {
            deletion = DeletionTime.max(deletion, f.partitionDeletion());
            tombstones.addAll(f.rangeTombstones());
            statics = RowMerger.merge(statics, f.staticRow(), columnOrder);
        }
        this.partitionDeletion = deletion;
        this.rangeTombstones = List.copyOf(tombstones);
        this.staticRow = statics;
    }

    /** The fragments (all of the same partition) as one; the fragment itself when there is only one. */
    public static PartitionFragment of(List<? extends PartitionFragment> fragments, ClusteringComparator comparator, ColumnOrder columnOrder) {
        if (fragments.isEmpty()) throw new IllegalArgumentException("no fragments to merge");
        if (fragments.size() == 1) return fragments.getFirst();
        DecoratedKey key = fragments.getFirst().key();
        for (PartitionFragment f : fragments) {
            if (!f.key().equals(key)) throw new IllegalArgumentException("fragments of different partitions: " + key + ", " + f.key());
        }
        return new MergedFragment(List.copyOf(fragments), comparator, columnOrder);
    }

    @Override
    public DecoratedKey key() { return fragments.getFirst().key(); }

    @Override
    public DeletionTime partitionDeletion() { return partitionDeletion; }

    @Override
    public List<RangeTombstone> rangeTombstones() { return rangeTombstones; }

    @Override
    public Row staticRow() { return staticRow; }

    @Override
    public Iterator<Row> rows(Slice slice, boolean reversed) {
        List<Iterator<Row>> sources = new ArrayList<>(fragments.size());
        for (PartitionFragment f : fragments) sources.add(f.rows(slice, reversed));
        return MergingRowIterator.merge(sources, comparator, reversed, columnOrder);
    }
}
