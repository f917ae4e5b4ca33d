package org.charybdis.storage.data;

import org.charybdis.storage.dht.DecoratedKey;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one mutation (INSERT, UPDATE, DELETE, or a BATCH's share) writes to one partition: a
 * partition deletion, range tombstones, the static row and regular rows. Applying it is idempotent and
 * order-independent with respect to other updates, as Cassandra's reconciliation guarantees.
 */
public final class PartitionUpdate {
    private final DecoratedKey key;
    private final DeletionTime partitionDeletion;
    private final List<RangeTombstone> rangeTombstones;
    private final RowUpdate staticRow;
    private final List<RowUpdate> rows;

    private PartitionUpdate(DecoratedKey key, DeletionTime partitionDeletion, List<RangeTombstone> rangeTombstones,
                            RowUpdate staticRow, List<RowUpdate> rows) {
        this.key = key;
        this.partitionDeletion = partitionDeletion;
        this.rangeTombstones = rangeTombstones;
        this.staticRow = staticRow;
        this.rows = rows;
    }

    public static Builder builder(DecoratedKey key) {
        return new Builder(key);
    }

    public DecoratedKey key() { return key; }

    public DeletionTime partitionDeletion() { return partitionDeletion; }

    public List<RangeTombstone> rangeTombstones() { return rangeTombstones; }

    /** The static row's update, or null when the mutation does not touch static columns. */
    public RowUpdate staticRow() { return staticRow; }

    /** Regular rows, in the order they were first written in the builder (not clustering order). */
    public List<RowUpdate> rows() { return rows; }

    /**
     * This update with every timestamp replaced, as a lightweight transaction commits at its own timestamp
     * (Cassandra's ballot): data at {@code timestamp}, deletions at {@code timestamp - 1} so that the
     * partition and range deletions of a conditional batch do not shadow its own writes. Within a row, data
     * that the row's own deletion (or its collection's deletion) already shadowed is dropped first, as
     * Cassandra merges a row before re-stamping it.
     */
    public PartitionUpdate withUpdatedTimestamps(long timestamp) {
        DeletionTime partition = restamped(partitionDeletion, timestamp);
        List<RangeTombstone> ranges = new ArrayList<>(rangeTombstones.size());
        for (RangeTombstone range : rangeTombstones) {
            ranges.add(new RangeTombstone(range.slice(), restamped(range.deletion(), timestamp)));
        }
        List<RowUpdate> restampedRows = new ArrayList<>(rows.size());
        for (RowUpdate row : rows) restampedRows.add(row.withUpdatedTimestamps(timestamp));
        return new PartitionUpdate(key, partition, Collections.unmodifiableList(ranges),
                staticRow == null ? null : staticRow.withUpdatedTimestamps(timestamp), Collections.unmodifiableList(restampedRows));
    }

    static DeletionTime restamped(DeletionTime deletion, long timestamp) {
        return deletion.isLive() ? deletion : new DeletionTime(timestamp - 1, deletion.localDeletionTime());
    }

    /** Collects one partition's changes; a row is addressed by its clustering, the static row by {@link Clustering#STATIC}. */
    public static final class Builder {
        private final DecoratedKey key;
        private DeletionTime partitionDeletion = DeletionTime.LIVE;
        private final List<RangeTombstone> rangeTombstones = new ArrayList<>(0);
        private RowUpdate staticRow;
        private final Map<Clustering, RowUpdate> rows = new LinkedHashMap<>();

        private Builder(DecoratedKey key) {
            this.key = key;
        }

        /** The update of one row, created on first use; {@link Clustering#STATIC} gives the static row. */
        public RowUpdate row(Clustering clustering) {
            if (clustering.isStatic()) {
                if (staticRow == null) staticRow = new RowUpdate(Clustering.STATIC);
                return staticRow;
            }
            return rows.computeIfAbsent(clustering, RowUpdate::new);
        }

        public RowUpdate staticRow() { return row(Clustering.STATIC); }

        /** {@code DELETE FROM t WHERE pk = ...}: everything in the partition written at or before timestamp. */
        public Builder deletePartition(long timestamp, long nowInSeconds) {
            partitionDeletion = DeletionTime.max(partitionDeletion, new DeletionTime(timestamp, nowInSeconds));
            return this;
        }

        /** Deletes all rows inside a clustering slice (not the static row). */
        public Builder deleteRange(Slice slice, long timestamp, long nowInSeconds) {
            rangeTombstones.add(new RangeTombstone(slice, new DeletionTime(timestamp, nowInSeconds)));
            return this;
        }

        public PartitionUpdate build() {
            List<RowUpdate> rowList = new ArrayList<>(rows.size());
            for (RowUpdate row : rows.values()) if (!row.isEmpty()) rowList.add(row);
            RowUpdate staticUpdate = staticRow == null || staticRow.isEmpty() ? null : staticRow;
            return new PartitionUpdate(key, partitionDeletion, Collections.unmodifiableList(new ArrayList<>(rangeTombstones)),
                    staticUpdate, Collections.unmodifiableList(rowList));
        }
    }
}
