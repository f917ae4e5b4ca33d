package org.charybdis.storage.memtable;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.function.LongUnaryOperator;

/**
 * The on-heap index of one memtable partition: where each row's latest serialized version lives in native memory,
 * the static row's address and the (rare) partition and range deletions. A table without clustering columns
 * has one row per partition and keeps its address in a field ({@link SingleRowPartition}); other tables keep a
 * {@link RowIndex} ({@link ClusteredPartition}). Row iterators survive writes applied while a read is paged.
 */
abstract sealed class MemtablePartition permits SingleRowPartition, ClusteredPartition {
    static final long NO_ROW = -1;
    private static final RangeTombstone[] NO_RANGE_TOMBSTONES = new RangeTombstone[0];

    final long token;
    final byte[] key; // the partition key's bytes, a copy of its own: the caller's buffer may be a view into a frame or a log segment
    long staticRow = NO_ROW;
    DeletionTime partitionDeletion = DeletionTime.LIVE;
    private RangeTombstone[] rangeTombstones = NO_RANGE_TOMBSTONES; // replaced, never mutated: readers keep their copy

    MemtablePartition(DecoratedKey key) {
        this.token = key.token();
        ByteBuffer bytes = key.key();
        this.key = new byte[bytes.remaining()];
        bytes.get(bytes.position(), this.key);
    }

    /** An empty partition of the table, holding its own copy of the key. */
    static MemtablePartition create(DecoratedKey key, ClusteringComparator comparator) {
        return comparator.size() == 0 ? new SingleRowPartition(key) : new ClusteredPartition(key, comparator);
    }

    /** The partition's key, a new object over the partition's bytes (kept apart, they cost less and are found faster). */
    DecoratedKey decoratedKey() {
        return new DecoratedKey(token, ByteBuffer.wrap(key));
    }

    /** The address of the row's latest version, or {@link #NO_ROW}. */
    abstract long rowAddress(Clustering clustering);

    /**
     * Adds a row the partition does not hold yet, with a copy of its clustering.
     *
     * @return heap bytes the partition's index grew by
     */
    abstract long addRow(Clustering clustering, long address);

    /** Points a row the partition holds to its new version. */
    abstract void repointRow(Clustering clustering, long address);

    /** Addresses of the rows inside the slice in clustering order (or reversed), each read when reached. */
    abstract PrimitiveIterator.OfLong rowAddresses(Slice slice, boolean reversed, ClusteringComparator comparator);

    /** Repoints every row (and the static row) to what the function returns for its address. */
    abstract void replaceRows(LongUnaryOperator replacement);

    /** Heap bytes of the partition's objects when empty, its key included (see {@link IndexFootprint}). */
    abstract long emptyHeapBytes();

    List<RangeTombstone> rangeTombstones() { return Arrays.asList(rangeTombstones); }

    void addRangeTombstones(List<RangeTombstone> added) {
        RangeTombstone[] merged = Arrays.copyOf(rangeTombstones, rangeTombstones.length + added.size());
        for (int i = 0; i < added.size(); i++) merged[rangeTombstones.length + i] = added.get(i);
        rangeTombstones = merged;
    }

    void replaceStaticRow(LongUnaryOperator replacement) {
        if (staticRow != NO_ROW) staticRow = replacement.applyAsLong(staticRow);
    }

    /** A clustering of its own with all components in one array, the smallest heap shape a clustering can take. */
    static Clustering compactCopy(Clustering clustering) {
        if (clustering.size() == 0) return clustering;
        int total = 0;
        for (int i = 0; i < clustering.size(); i++) total += clustering.get(i).remaining();
        byte[] bytes = new byte[total];
        ByteBuffer[] components = new ByteBuffer[clustering.size()];
        int offset = 0;
        for (int i = 0; i < components.length; i++) {
            ByteBuffer component = clustering.get(i);
            int length = component.remaining();
            component.get(component.position(), bytes, offset, length);
            components[i] = ByteBuffer.wrap(bytes, offset, length).slice();
            offset += length;
        }
        return Clustering.of(components);
    }
}
