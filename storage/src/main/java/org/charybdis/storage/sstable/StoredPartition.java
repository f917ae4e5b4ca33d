package org.charybdis.storage.sstable;

import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A partition (or the slices of it that were asked for) decoded from an SSTable into heap buffers that belong
 * to it alone: it stays valid after the reader is released and may travel to other shards.
 */
public final class StoredPartition implements PartitionFragment {
    private final DecoratedKey key;
    private final DeletionTime deletion;
    private final List<RangeTombstone> rangeTombstones;
    private final Row staticRow;
    private final Row[] rows;
    private final ClusteringComparator comparator;

    StoredPartition(DecoratedKey key, DeletionTime deletion, List<RangeTombstone> rangeTombstones, Row staticRow,
                    Row[] rows, ClusteringComparator comparator) {
        this.key = key;
        this.deletion = deletion;
        this.rangeTombstones = rangeTombstones;
        this.staticRow = staticRow;
        this.rows = rows;
        this.comparator = comparator;
    }

    @Override
    public DecoratedKey key() { return key; }

    @Override
    public DeletionTime partitionDeletion() { return deletion; }

    @Override
    public List<RangeTombstone> rangeTombstones() { return rangeTombstones; }

    @Override
    public Row staticRow() { return staticRow; }

    /** Number of rows loaded. */
    public int rowCount() { return rows.length; }

    @Override
    public Iterator<Row> rows(Slice slice, boolean reversed) {
        int from = firstAfter(slice, true);
        int to = firstAfter(slice, false);
        if (from >= to) return Collections.emptyIterator();
        if (!reversed) return Arrays.asList(rows).subList(from, to).iterator();
        return new Iterator<>() {
            private int next = to - 1;

            @Override
            public boolean hasNext() { return next >= from; }

            @Override
            public Row next() {
                if (next < from) throw new NoSuchElementException();
                return rows[next--];
            }
        };
    }

    /** Index of the first row after the slice's start (or end) bound; bounds never equal a row. */
    private int firstAfter(Slice slice, boolean start) {
        int low = 0;
        int high = rows.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            int c = comparator.compare(rows[mid].clustering(), start ? slice.start() : slice.end());
            if (c < 0) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    @Override
    public String toString() { return "StoredPartition(" + key + ", " + rows.length + " rows)"; }
}
