package org.charybdis.storage.memtable;

import org.charybdis.storage.data.ClusteringPrefix;
import org.charybdis.storage.data.RangeTombstone;

/**
 * Estimated heap bytes of a memtable's on-heap index, so that the shard's memtable budget counts what the
 * index really costs next to the native slabs. Sizes are ZGC's, the collector Charybdis runs with: it has no
 * compressed oops, so references take 8 bytes; object headers take 12 bytes (compressed class pointers) and objects
 * are padded to 8. Under a collector with compressed oops the estimate is too high, which errs on the safe side.
 * <p>
 * A partition costs its object, its key's bytes and, for tables with clustering
 * columns, a {@link RowIndex} with one small leaf; its entry in the {@link PartitionIndex} (a token and a
 * reference, 16 bytes, in leaves about two thirds full) is counted as the tree's nodes grow. A row costs its
 * clustering's copy and its 16-byte entry in the partition's row index, counted the same way.
 */
final class IndexFootprint {
    private static final long REFERENCE = 8;
    private static final long HEAP_BYTE_BUFFER = 64;
    /** Header, token, key bytes, deletion, range tombstones, static row address, the row's address (or the row index). */
    private static final long PARTITION = 64;
    /** Header, comparator, root, size, modification count, heap bytes, node size. */
    private static final long ROW_INDEX = 48;
    /** Header, size, entry arrays, previous and next leaf. */
    private static final long LEAF = 48;
    /** Header, size, entry arrays, children. */
    private static final long INNER = 40;
    /** Header, components array, static flag. */
    private static final long CLUSTERING = 24;
    /** Record, slice, two bounds with their arrays, deletion time, array slot. */
    private static final long RANGE_TOMBSTONE = 32 + 32 + 2 * (24 + 16) + 32 + REFERENCE;

    private IndexFootprint() {}

    /** A partition of a table without clustering columns: its object and key. */
    static long singleRowPartition(int keyLength) {
        return PARTITION + array(keyLength);
    }

    /** A partition of a table with clustering columns, without its row index's nodes. */
    static long clusteredPartition(int keyLength) {
        return PARTITION + ROW_INDEX + array(keyLength);
    }

    /** A tree leaf with room for {@code capacity} entries. */
    static long leaf(int capacity) {
        return LEAF + entries(capacity);
    }

    /** An inner tree node with room for {@code capacity} children. */
    static long inner(int capacity) {
        return INNER + entries(capacity) + array(REFERENCE * capacity);
    }

    /** A row's clustering as the memtable copies it: one heap buffer per component over a single byte array. */
    static long clustering(ClusteringPrefix clustering) {
        if (clustering.size() == 0) return 0; // the shared empty clustering
        long components = 0;
        for (int i = 0; i < clustering.size(); i++) components += clustering.get(i).remaining();
        return CLUSTERING + array(REFERENCE * clustering.size()) + HEAP_BYTE_BUFFER * clustering.size() + array(components);
    }

    /** A range tombstone kept on heap with the buffers of its bounds. */
    static long rangeTombstone(RangeTombstone tombstone) {
        long components = tombstone.slice().start().size() + tombstone.slice().end().size();
        return RANGE_TOMBSTONE + HEAP_BYTE_BUFFER * components;
    }

    /** A long array and a reference array of the capacity. */
    private static long entries(int capacity) {
        return array(8L * capacity) + array(REFERENCE * capacity);
    }

    private static long array(long length) {
        return padded(16 + length);
    }

    private static long padded(long bytes) {
        return (bytes + 7) & -8L;
    }
}
