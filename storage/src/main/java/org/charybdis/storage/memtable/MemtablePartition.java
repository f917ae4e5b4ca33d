package org.charybdis.storage.memtable;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.ClusteringPrefix;
import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The on-heap index of one memtable partition: for each row only its clustering and the native address of
 * its latest serialized version, plus the static row's address and the (rare) partition and range
 * deletions. The skip list gives iterators that survive writes applied while a read is being paged.
 */
final class MemtablePartition {
    static final long NO_ROW = -1;
    private static final RangeTombstone[] NO_RANGE_TOMBSTONES = new RangeTombstone[0];

    final DecoratedKey key;
    final ConcurrentSkipListMap<ClusteringPrefix, Slot> rows;
    long staticRow = NO_ROW;
    DeletionTime partitionDeletion = DeletionTime.LIVE;
    private RangeTombstone[] rangeTombstones = NO_RANGE_TOMBSTONES; // replaced, never mutated: readers keep their copy

    MemtablePartition(DecoratedKey key, ClusteringComparator comparator) {
        this.key = key;
        this.rows = new ConcurrentSkipListMap<>(comparator);
    }

    /** Where a row's latest version lives; repointed in place when the row is overwritten. */
    static final class Slot {
        long address;

        Slot(long address) {
            this.address = address;
        }
    }

    List<RangeTombstone> rangeTombstones() { return Arrays.asList(rangeTombstones); }

    void addRangeTombstones(List<RangeTombstone> added) {
        RangeTombstone[] merged = Arrays.copyOf(rangeTombstones, rangeTombstones.length + added.size());
        for (int i = 0; i < added.size(); i++) merged[rangeTombstones.length + i] = added.get(i);
        rangeTombstones = merged;
    }

    /** A partition key of its own: the caller's buffer may be a view into a much larger one (a frame, a log segment). */
    static DecoratedKey compactCopy(DecoratedKey key) {
        ByteBuffer source = key.key();
        byte[] bytes = new byte[source.remaining()];
        source.get(source.position(), bytes);
        return new DecoratedKey(key.token(), ByteBuffer.wrap(bytes));
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
