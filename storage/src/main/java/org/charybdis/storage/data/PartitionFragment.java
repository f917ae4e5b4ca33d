package org.charybdis.storage.data;

import org.charybdis.storage.dht.DecoratedKey;

import java.util.Iterator;
import java.util.List;

/**
 * What one source (a memtable, an SSTable, a compaction's output) holds of one partition, in stored shape:
 * deletions and dead cells included. Reads merge the fragments of every source and resolve the result;
 * flushes and compactions write fragments out. A fragment loaded for some slices only answers for those.
 */
public interface PartitionFragment {
    DecoratedKey key();

    DeletionTime partitionDeletion();

    /** Range tombstones in any order (possibly only those intersecting the slices the fragment was loaded for). */
    List<RangeTombstone> rangeTombstones();

    /** The stored static row, or null. */
    Row staticRow();

    /** Stored rows inside the slice, in clustering order, or reversed. */
    Iterator<Row> rows(Slice slice, boolean reversed);
}
