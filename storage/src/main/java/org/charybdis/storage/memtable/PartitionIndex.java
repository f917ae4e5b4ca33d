package org.charybdis.storage.memtable;

import org.charybdis.storage.data.UnsignedBytes;
import org.charybdis.storage.dht.DecoratedKey;

/**
 * A memtable's partitions in ring order. Each entry is the partition's token, as a primitive, and the partition
 * itself, which holds its key's bytes in an array: a lookup compares longs and looks at key bytes only when tokens
 * are equal (the entry found, or a rare collision), one reference away. No lookup allocates.
 */
final class PartitionIndex extends BPlusTree<DecoratedKey> {
    PartitionIndex() {
        this(DEFAULT_MAX_NODE_SIZE);
    }

    PartitionIndex(int maxNodeSize) {
        super(maxNodeSize);
    }

    /** The partition of the key, or null. */
    MemtablePartition get(DecoratedKey key) {
        return (MemtablePartition) ref(key);
    }

    /** Adds a partition whose key is not in the index yet. */
    void add(MemtablePartition partition) {
        insert(partition.decoratedKey(), partition.token, partition);
    }

    /** Partitions from the first at or after the key (null: the first), in ring order; see {@link Cursor}. */
    Cursor from(DecoratedKey fromInclusive) {
        return ascendingFrom(fromInclusive);
    }

    /** The partition a cursor stands on. */
    static MemtablePartition partitionAt(Cursor cursor) {
        return (MemtablePartition) cursor.currentRef();
    }

    @Override
    int compare(DecoratedKey key, long[] tokens, Object[] partitions, int i) {
        int byToken = Long.compare(key.token(), tokens[i]);
        return byToken != 0 ? byToken : UnsignedBytes.compare(key.key(), ((MemtablePartition) partitions[i]).key);
    }

    @Override
    DecoratedKey keyOf(long token, Object partition) {
        return ((MemtablePartition) partition).decoratedKey();
    }
}
