package org.charybdis.storage.memtable;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.ClusteringPrefix;
import org.charybdis.storage.data.Slice;

import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;

/**
 * The rows of one memtable partition of a table with clustering columns: each entry is a row's clustering, in
 * the table's clustering order, and the native address of the row's latest version, repointed in place when the
 * row is overwritten. A partition of a few rows is one small sorted leaf.
 */
final class RowIndex extends BPlusTree<ClusteringPrefix> {
    private final ClusteringComparator comparator;

    RowIndex(ClusteringComparator comparator) {
        this(comparator, DEFAULT_MAX_NODE_SIZE);
    }

    RowIndex(ClusteringComparator comparator, int maxNodeSize) {
        super(maxNodeSize);
        this.comparator = comparator;
    }

    /** The address of the row, or {@link MemtablePartition#NO_ROW}. */
    long address(ClusteringPrefix clustering) {
        return longValue(clustering, MemtablePartition.NO_ROW);
    }

    /** Adds a row not in the index yet; the clustering is kept as given. */
    void add(Clustering clustering, long address) {
        insert(clustering, address, clustering);
    }

    /** Points a row already in the index to its new version; false if the index does not hold it. */
    boolean repoint(ClusteringPrefix clustering, long address) {
        return replaceLong(clustering, address);
    }

    /**
     * Addresses of the rows inside the slice, in clustering order or reversed, each read when the iterator reaches
     * its row (the latest version then); rows added meanwhile ahead of the iterator are seen.
     */
    PrimitiveIterator.OfLong addresses(Slice slice, boolean reversed) {
        Cursor cursor = reversed ? descendingFrom(slice.end()) : ascendingFrom(slice.start());
        ClusteringPrefix last = reversed ? slice.start() : slice.end();
        return new PrimitiveIterator.OfLong() {
            private boolean pending;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (!pending && !ended) {
                    pending = cursor.advance() && inSlice(cursor.currentRef());
                    ended = !pending;
                }
                return pending;
            }

            @Override
            public long nextLong() {
                if (!hasNext()) throw new NoSuchElementException();
                pending = false;
                return cursor.currentLong();
            }

            private boolean inSlice(Object clustering) {
                int c = comparator.compare((Clustering) clustering, last);
                return reversed ? c > 0 : c < 0;
            }
        };
    }

    @Override
    int compare(ClusteringPrefix key, long[] addresses, Object[] clusterings, int i) {
        return comparator.compare(key, (Clustering) clusterings[i]);
    }

    @Override
    ClusteringPrefix keyOf(long address, Object clustering) {
        return (Clustering) clustering;
    }
}
