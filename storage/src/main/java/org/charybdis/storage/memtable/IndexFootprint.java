package org.charybdis.storage.memtable;

import org.charybdis.storage.data.ClusteringPrefix;
import org.charybdis.storage.data.RangeTombstone;

/**
 * Estimated heap bytes of a memtable's on-heap index, so that the shard's memtable budget counts what the
 * index really costs next to the native slabs. Sizes assume a 64-bit JVM with compressed oops: 12-byte
 * object headers, 4-byte references, objects padded to 8 bytes.
 * <p>
 * A partition costs its object, its key's bytes and, for tables with clustering
 * columns, a {@link RowIndex} with one small leaf; its entry in the {@link PartitionIndex} (a token and a
 * reference, 12 bytes, in leaves about two thirds full) is counted as the tree's nodes grow. A row costs its
 * clustering's copy and its 12-byte entry in the partition's row index, counted the same way.
 */
final class IndexFootprint {
    private static final long HEAP_BYTE_BUFFER = 56;
    /** Header, token, key bytes, deletion, range tombstones, static row address, the row's address (or the row index). */
    private static final long PARTITION = 48;
    /** Header, comparator, root, size, modification count, heap bytes, node size. */
    private static final long ROW_INDEX = 40;
    /** Header, size, entry arrays, previous and next leaf. */
    private static final long LEAF = 32;
    /** Header, size, entry arrays, children. */
    private static final long INNER = 32;
    /** Header, components array, static flag. */
    private static final long CLUSTERING = 24;
    /** Record, slice, two bounds with their arrays, deletion time, array slot. */
    private static final long RANGE_TOMBSTONE = 24 + 24 + 2 * (24 + 16) + 32 + 4;

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
        return INNER + entries(capacity) + array(4L * capacity);
    }

    /** A row's clustering as the memtable copies it: one heap buffer per component over a single byte array. */
    static long clustering(ClusteringPrefix clustering) {
        if (clustering.size() == 0) return 0; // the shared empty clustering
        long components = 0;
        for (int i = 0; i < clustering.size(); i++) components += clustering.get(i).remaining();
        return CLUSTERING + array(4L * clustering.size()) + HEAP_BYTE_BUFFER * clustering.size() + array(components);
    }

    /** A range tombstone kept on heap with the buffers of its bounds. */
    static long rangeTombstone(RangeTombstone tombstone) {
        long components = tombstone.slice().start().size() + tombstone.slice().end().size();
        return RANGE_TOMBSTONE + HEAP_BYTE_BUFFER * components;
    }

    /** A long array and a reference array of the capacity. */
    private static long entries(int capacity) {
        return array(8L * capacity) + array(4L * capacity);
    }

    private static long array(long length) {
        return padded(16 + length);
    }

    private static long padded(long bytes) {
        return (bytes + 7) & -8L;
    }
}
