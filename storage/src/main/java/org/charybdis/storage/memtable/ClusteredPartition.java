package org.charybdis.storage.memtable;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;

import java.util.PrimitiveIterator;
import java.util.function.LongUnaryOperator;

/** A partition of a table with clustering columns: its rows in a {@link RowIndex}. */
final class ClusteredPartition extends MemtablePartition {
    private final RowIndex rows;

    ClusteredPartition(DecoratedKey key, ClusteringComparator comparator) {
        super(key);
        rows = new RowIndex(comparator);
    }

    @Override
    long rowAddress(Clustering clustering) {
        return rows.address(clustering);
    }

    @Override
    long addRow(Clustering clustering, long address) {
        long before = rows.heapBytes();
        Clustering copy = compactCopy(clustering);
        rows.add(copy, address);
        return rows.heapBytes() - before + IndexFootprint.clustering(copy);
    }

    @Override
    void repointRow(Clustering clustering, long address) {
        if (!rows.repoint(clustering, address)) throw new IllegalStateException("no row " + clustering + " to repoint in " + decoratedKey());
    }

    @Override
    PrimitiveIterator.OfLong rowAddresses(Slice slice, boolean reversed, ClusteringComparator comparator) {
        return rows.addresses(slice, reversed);
    }

    @Override
    void replaceRows(LongUnaryOperator replacement) {
        replaceStaticRow(replacement);
        rows.replaceLongs(replacement);
    }

    @Override
    long emptyHeapBytes() {
        return IndexFootprint.clusteredPartition(key.length) + rows.heapBytes();
    }
}
