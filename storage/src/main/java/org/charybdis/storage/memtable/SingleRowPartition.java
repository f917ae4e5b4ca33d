package org.charybdis.storage.memtable;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;

import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.function.LongUnaryOperator;

/** A partition of a table without clustering columns: its one row ({@link Clustering#EMPTY}) needs no index. */
final class SingleRowPartition extends MemtablePartition {
    private long row = NO_ROW;

    SingleRowPartition(DecoratedKey key) {
        super(key);
    }

    @Override
    long rowAddress(Clustering clustering) {
        return row;
    }

    @Override
    long addRow(Clustering clustering, long address) {
        row = address;
        return 0;
    }

    @Override
    void repointRow(Clustering clustering, long address) {
        row = address;
    }

    @Override
    PrimitiveIterator.OfLong rowAddresses(Slice slice, boolean reversed, ClusteringComparator comparator) {
        boolean selected = slice == Slice.ALL || comparator.contains(slice, Clustering.EMPTY);
        return new PrimitiveIterator.OfLong() {
            private boolean returned = !selected;

            @Override
            public boolean hasNext() {
                return !returned && row != NO_ROW;
            }

            @Override
            public long nextLong() {
                if (!hasNext()) throw new NoSuchElementException();
                returned = true;
                return row;
            }
        };
    }

    @Override
    void replaceRows(LongUnaryOperator replacement) {
        replaceStaticRow(replacement);
        if (row != NO_ROW) row = replacement.applyAsLong(row);
    }

    @Override
    long emptyHeapBytes() {
        return IndexFootprint.singleRowPartition(key.length);
    }
}
