package org.charybdis.storage.memtable;

import org.charybdis.storage.data.ClusteringPrefix;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.dht.DecoratedKey;

/**
 * Estimated heap bytes of a memtable's on-heap index, so that the shard's memtable budget counts what the
 * index really costs next to the native slabs. Sizes assume a 64-bit JVM with compressed oops: 12-byte
 * object headers, 4-byte references, objects padded to 8 bytes; a skip-list node is 24 bytes and carries
 * on average half an index node (24 bytes) above it.
 */
final class IndexFootprint {
    private static final long SKIP_LIST_ENTRY = 24 + 12;
    private static final long HEAP_BYTE_BUFFER = 56;
    private static final long ROW_SLOT = 24;
    private static final long CLUSTERING = 24;
    /** Partition object, its row skip list with head node and head index, and the key's record. */
    private static final long PARTITION = 40 + 40 + 24 + 24 + 24;
    /** Record, slice, two bounds with their arrays, deletion time, array slot. */
    private static final long RANGE_TOMBSTONE = 24 + 24 + 2 * (24 + 16) + 32 + 4;

    private IndexFootprint() {}

    /** A partition entry: skip-list node in the memtable, partition object, row map, key and its byte copy. */
    static long partition(DecoratedKey key) {
        return SKIP_LIST_ENTRY + PARTITION + HEAP_BYTE_BUFFER + array(key.key().remaining());
    }

    /**
     * A row entry: skip-list node, the slot holding the native address, the clustering with one heap buffer
     * per component over a single byte array. About 190 bytes plus the clustering bytes for one component.
     */
    static long row(ClusteringPrefix clustering) {
        long components = 0;
        for (int i = 0; i < clustering.size(); i++) components += clustering.get(i).remaining();
        return SKIP_LIST_ENTRY + ROW_SLOT + CLUSTERING + padded(16 + 4L * clustering.size())
                + HEAP_BYTE_BUFFER * clustering.size() + array(components);
    }

    /** A range tombstone kept on heap with the buffers of its bounds. */
    static long rangeTombstone(RangeTombstone tombstone) {
        long components = tombstone.slice().start().size() + tombstone.slice().end().size();
        return RANGE_TOMBSTONE + HEAP_BYTE_BUFFER * components;
    }

    private static long array(long length) {
        return padded(16 + length);
    }

    private static long padded(long bytes) {
        return (bytes + 7) & -8L;
    }
}
