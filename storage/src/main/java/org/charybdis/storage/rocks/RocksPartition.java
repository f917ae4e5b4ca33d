package org.charybdis.storage.rocks;

import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A partition as its column family holds it: the header read at once, the rows of a slice read as the caller walks
 * them, a batch per seek. No RocksDB iterator stays open between batches, so a read given up half way holds nothing.
 */
final class RocksPartition implements PartitionFragment {
    /** Reads the next stored rows of a slice after {@code from} (null: from the slice's start), adding their keys. */
    @FunctionalInterface
    interface RowSource {
        List<Row> rows(DecoratedKey key, Slice slice, boolean reversed, byte[] from, List<byte[]> rowKeys);
    }

    private final DecoratedKey key;
    private final StoredValues.Header header;
    private final RowSource source;

    RocksPartition(DecoratedKey key, StoredValues.Header header, RowSource source) {
        this.key = key;
        this.header = header;
        this.source = source;
    }

    @Override
    public DecoratedKey key() { return key; }

    @Override
    public DeletionTime partitionDeletion() { return header.partitionDeletion(); }

    @Override
    public List<RangeTombstone> rangeTombstones() { return header.rangeTombstones(); }

    @Override
    public Row staticRow() { return header.staticRow(); }

    @Override
    public Iterator<Row> rows(Slice slice, boolean reversed) {
        return new Iterator<>() {
            private final List<byte[]> rowKeys = new ArrayList<>();
            private List<Row> batch = List.of();
            private int next;
            private byte[] last;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                if (next < batch.size()) return true;
                if (exhausted) return false;
                rowKeys.clear();
                batch = source.rows(key, slice, reversed, last, rowKeys);
                next = 0;
                if (batch.isEmpty()) {
                    exhausted = true;
                    return false;
                }
                last = rowKeys.get(rowKeys.size() - 1);
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) throw new NoSuchElementException();
                return batch.get(next++);
            }
        };
    }
}
