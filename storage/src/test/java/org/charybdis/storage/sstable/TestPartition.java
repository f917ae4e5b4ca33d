package org.charybdis.storage.sstable;

import org.charybdis.storage.data.ClusteringPrefix;
import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowMerger;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.TableLayout;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/** An in-memory partition built from updates, the reference the SSTable's answers are compared with. */
final class TestPartition implements PartitionFragment {
    private final DecoratedKey key;
    private final TableLayout layout;
    private final TreeMap<ClusteringPrefix, Row> rows;
    private DeletionTime deletion = DeletionTime.LIVE;
    private final List<RangeTombstone> rangeTombstones = new ArrayList<>();
    private Row staticRow;

    TestPartition(DecoratedKey key, TableLayout layout) {
        this.key = key;
        this.layout = layout;
        this.rows = new TreeMap<>(layout.clusteringComparator());
    }

    static TestPartition of(DecoratedKey key, TableLayout layout, Consumer<PartitionUpdate.Builder> writes) {
        TestPartition p = new TestPartition(key, layout);
        PartitionUpdate.Builder builder = PartitionUpdate.builder(key);
        writes.accept(builder);
        p.apply(builder.build());
        return p;
    }

    void apply(PartitionUpdate update) {
        deletion = DeletionTime.max(deletion, update.partitionDeletion());
        rangeTombstones.addAll(update.rangeTombstones());
        if (update.staticRow() != null) staticRow = RowMerger.merge(staticRow, update.staticRow(), layout);
        for (RowUpdate row : update.rows()) rows.put(row.clustering(), RowMerger.merge(rows.get(row.clustering()), row, layout));
    }

    @Override
    public DecoratedKey key() { return key; }

    @Override
    public DeletionTime partitionDeletion() { return deletion; }

    @Override
    public List<RangeTombstone> rangeTombstones() { return rangeTombstones; }

    @Override
    public Row staticRow() { return staticRow; }

    @Override
    public Iterator<Row> rows(Slice slice, boolean reversed) {
        var range = rows.subMap(slice.start(), true, slice.end(), true);
        return (reversed ? range.descendingMap() : range).values().iterator();
    }
}
