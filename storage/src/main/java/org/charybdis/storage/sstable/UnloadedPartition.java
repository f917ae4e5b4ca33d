package org.charybdis.storage.sstable;

import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;

import java.util.Iterator;
import java.util.List;

/**
 * What a scanner that leaves large partitions on disk ({@link SSTableReader#scanner(org.charybdis.storage.dht.TokenRange,
 * DecoratedKey, org.charybdis.scheduler.io.IoClass, boolean)}) yields for a partition with a row index: only that the
 * SSTable holds the key. The caller reads the partition by key, as far as it needs; nothing else of it is at hand.
 */
public record UnloadedPartition(DecoratedKey key) implements PartitionFragment {
    @Override
    public DeletionTime partitionDeletion() { throw notLoaded(); }

    @Override
    public List<RangeTombstone> rangeTombstones() { throw notLoaded(); }

    @Override
    public Row staticRow() { throw notLoaded(); }

    @Override
    public Iterator<Row> rows(Slice slice, boolean reversed) { throw notLoaded(); }

    private IllegalStateException notLoaded() {
        return new IllegalStateException("partition " + key + " was left on disk by the scan: read it by key");
    }
}
