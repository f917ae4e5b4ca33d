package org.charybdis.storage.memtable;

import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;

import java.util.Iterator;
import java.util.List;
import java.util.PrimitiveIterator;

/**
 * What a memtable holds of one partition, as reads and flushes consume it. Rows are decoded on demand into
 * on-heap copies (they may travel to other shards and outlive the memtable); a row iterator reads each
 * row's latest version when it reaches it, so writes applied while it is being consumed never break it.
 * Cells of columns missing from the memtable's current layout are left out.
 */
final class MemtableFragment implements PartitionFragment {
    private final Memtable memtable;
    private final MemtablePartition partition;
    private DecoratedKey key;

    MemtableFragment(Memtable memtable, MemtablePartition partition) {
        this.memtable = memtable;
        this.partition = partition;
    }

    @Override
    public DecoratedKey key() {
        if (key == null) key = partition.decoratedKey();
        return key;
    }

    @Override
    public DeletionTime partitionDeletion() {
        memtable.checkUsable();
        return partition.partitionDeletion;
    }

    @Override
    public List<RangeTombstone> rangeTombstones() {
        memtable.checkUsable();
        return partition.rangeTombstones();
    }

    /** The stored static row, decoded anew at each call. */
    @Override
    public Row staticRow() {
        memtable.checkUsable();
        long address = partition.staticRow;
        return address == MemtablePartition.NO_ROW ? null : memtable.readRow(address);
    }

    @Override
    public Iterator<Row> rows(Slice slice, boolean reversed) {
        memtable.checkUsable();
        PrimitiveIterator.OfLong addresses = partition.rowAddresses(slice, reversed, memtable.layout().clusteringComparator());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                memtable.checkUsable();
                return addresses.hasNext();
            }

            @Override
            public Row next() {
                memtable.checkUsable();
                return memtable.readRow(addresses.nextLong());
            }
        };
    }
}
