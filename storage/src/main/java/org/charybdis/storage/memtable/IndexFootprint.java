package org.charybdis.storage.memtable;

import org.charybdis.storage.data.ClusteringPrefix;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.dht.DecoratedKey;

/**
 * Estimated heap bytes of a memtable's on-heap index, so that the shard's memtable budget counts what the
 * index really costs next to the native slabs. Sizes are ZGC's, the collector Charybdis runs with: it has no
 * compressed oops, so references take 8 bytes; object headers take 12 bytes (compressed class pointers) and
 * objects are padded to 8. A skip-list node is 40 bytes and carries on average half an index node (40 bytes)
 * above it. Checked against a class histogram of a server holding single-row partitions (about 530 bytes per
 * partition); under a collector with compressed oops the estimate is a third too high, which errs on the safe side.
 */
final class IndexFootprint {
    private static final long SKIP_LIST_ENTRY = 40 + 20;
    private static final long HEAP_BYTE_BUFFER = 64;
    private static final long ROW_SLOT = 24;
    private static final long CLUSTERING = 24;
    private static final long REFERENCE = 8;
    /**
     * Partition object, its row skip list (with the head node and head index it makes on the first row and the
     * LongAdder counting its size), and the key's record.
     */
    private static final long PARTITION = 56 + 88 + 40 + 40 + 32 + 32;
    /** Record, slice, two bounds with their arrays, deletion time, array slot. */
    private static final long RANGE_TOMBSTONE = 32 + 32 + 2 * (24 + 16) + 32 + REFERENCE;

    private IndexFootprint() {}

    /** A partition entry: skip-list node in the memtable, partition object, row map, key and its byte copy. */
    static long partition(DecoratedKey key) {
        return SKIP_LIST_ENTRY + PARTITION + HEAP_BYTE_BUFFER + array(key.key().remaining());
    }

    /**
     * A row entry: skip-list node, the slot holding the native address, the clustering with one heap buffer
     * per component over a single byte array. About 200 bytes plus the clustering bytes for one component.
     */
    static long row(ClusteringPrefix clustering) {
        long components = 0;
        for (int i = 0; i < clustering.size(); i++) components += clustering.get(i).remaining();
        return SKIP_LIST_ENTRY + ROW_SLOT + CLUSTERING + padded(16 + REFERENCE * clustering.size())
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
