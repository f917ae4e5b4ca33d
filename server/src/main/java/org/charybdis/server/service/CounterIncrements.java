package org.charybdis.server.service;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.ReadFilter;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The counter increments one statement or batch makes to one partition, summed per counter (row and column):
 * {@code SET c = c + 1, c = c + 2} adds 3. Built on the calling shard; {@link CounterWrites} reads what it
 * names on the owning shard.
 */
public final class CounterIncrements {
    /** One counter's pending change. */
    static final class Increment {
        private final Clustering clustering;
        private final int column;
        private long delta;

        private Increment(Clustering clustering, int column, long delta) {
            this.clustering = clustering;
            this.column = column;
            this.delta = delta;
        }

        Clustering clustering() { return clustering; }

        int column() { return column; }

        long delta() { return delta; }
    }

    private final List<Increment> increments = new ArrayList<>(2);
    private long timestamp = Long.MIN_VALUE;

    /** Adds {@code delta} to the counter, for a statement writing at {@code timestamp}. */
    void add(Clustering clustering, int column, long delta, long timestamp) {
        this.timestamp = Math.max(this.timestamp, timestamp);
        for (Increment increment : increments) {
            if (increment.column == column && increment.clustering.equals(clustering)) {
                increment.delta += delta; // wraps around on overflow, as Cassandra's counters do
                return;
            }
        }
        increments.add(new Increment(clustering, column, delta));
    }

    List<Increment> all() {
        return increments;
    }

    /** The increments as cells holding their deltas (bigint), as a trigger sees a counter write (Cassandra's counter update). */
    PartitionUpdate asDeltas(DecoratedKey key, long nowInSeconds) {
        PartitionUpdate.Builder deltas = PartitionUpdate.builder(key);
        for (Increment increment : increments) {
            deltas.row(increment.clustering).cell(increment.column, ByteBuffer.allocate(8).putLong(0, increment.delta), timestamp, 0, nowInSeconds);
        }
        return deltas.build();
    }

    /** The newest timestamp of the statements incrementing (the client's default or the server's). */
    long timestamp() {
        return timestamp;
    }

    /** Reads the rows and counter columns incremented (the static row when a static counter is). */
    ReadFilter readFilter(ClusteringComparator comparator) {
        List<Clustering> rows = new ArrayList<>(increments.size());
        BitSet columns = new BitSet();
        boolean statics = false;
        for (Increment increment : increments) {
            columns.set(increment.column);
            if (increment.clustering.isStatic()) statics = true;
            else if (!rows.contains(increment.clustering)) rows.add(increment.clustering);
        }
        rows.sort(comparator);
        List<Slice> slices = new ArrayList<>(rows.size());
        for (Clustering row : rows) slices.add(Slice.exactly(row));
        return new ReadFilter(slices, false, columns, statics);
    }
}
