package org.charybdis.storage.sstable;

import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.ComplexDeletion;
import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.LivenessInfo;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.dht.DecoratedKey;

import java.util.Set;

/** Gathers {@link SSTableStatistics} while a writer appends partitions. */
final class StatisticsCollector {
    private final ClusteringComparator comparator;
    private long minTimestamp = Long.MAX_VALUE;
    private long maxTimestamp = Long.MIN_VALUE;
    private long minLocalDeletionTime = Long.MAX_VALUE;
    private long maxLocalDeletionTime = Long.MIN_VALUE;
    private int minTtl = Integer.MAX_VALUE;
    private int maxTtl;
    private ClusteringBound minClustering;
    private ClusteringBound maxClustering;
    private boolean hasStaticRows;
    private boolean hasPartitionDeletions;
    private long partitionCount;
    private long rowCount;
    private long cellCount;
    private long cellTombstones;
    private long rowTombstones;
    private long rangeTombstones;
    private long partitionTombstones;
    private long complexDeletions;
    private DecoratedKey firstKey;
    private DecoratedKey lastKey;
    private final long[] partitionSizes = new long[SSTableStatistics.SIZE_BUCKETS];
    private final DeletionTimeHistogram deletionTimes = new DeletionTimeHistogram();

    StatisticsCollector(ClusteringComparator comparator) {
        this.comparator = comparator;
    }

    void partitionDeletion(DeletionTime deletion) {
        if (deletion.isLive()) return;
        hasPartitionDeletions = true;
        partitionTombstones++;
        deletion(deletion);
    }

    void rangeTombstone(RangeTombstone tombstone) {
        rangeTombstones++;
        deletion(tombstone.deletion());
        clusteringBounds(tombstone.slice().start(), tombstone.slice().end());
    }

    void row(Row row) {
        if (row.clustering().isStatic()) {
            hasStaticRows = true;
        } else {
            rowCount++;
            clusteringBounds(ClusteringBound.start(true, row.clustering()), ClusteringBound.end(true, row.clustering()));
        }
        LivenessInfo marker = row.liveness();
        if (!marker.isEmpty()) {
            timestamp(marker.timestamp());
            ttl(marker.ttl());
            localDeletionTime(marker.isExpiring() ? marker.localExpirationTime() : Long.MAX_VALUE);
            if (marker.isExpiring()) deletionTimes.add(marker.localExpirationTime());
        }
        if (!row.deletion().isLive()) {
            rowTombstones++;
            deletion(row.deletion());
        }
        for (int i = 0; i < row.cellCount(); i++) cell(row.cell(i));
        for (int i = 0; i < row.complexDeletionCount(); i++) {
            ComplexDeletion d = row.complexDeletionAt(i);
            complexDeletions++;
            deletion(d.deletion());
        }
    }

    void partitionWritten(DecoratedKey key, long size) {
        if (firstKey == null) firstKey = key;
        lastKey = key;
        partitionCount++;
        partitionSizes[63 - Long.numberOfLeadingZeros(Math.max(1, size))]++;
    }

    DecoratedKey lastKey() { return lastKey; }

    SSTableStatistics build(long commitLogUpperBound, Set<Long> ancestors, long uncompressedLength) {
        long[] sortedAncestors = ancestors.stream().mapToLong(Long::longValue).sorted().toArray();
        boolean anyTimestamp = minTimestamp <= maxTimestamp;
        boolean anyDeletionTime = minLocalDeletionTime <= maxLocalDeletionTime;
        return new SSTableStatistics(
                anyTimestamp ? minTimestamp : Long.MIN_VALUE, anyTimestamp ? maxTimestamp : Long.MIN_VALUE,
                anyDeletionTime ? minLocalDeletionTime : Long.MAX_VALUE, anyDeletionTime ? maxLocalDeletionTime : Long.MAX_VALUE,
                minTtl == Integer.MAX_VALUE ? 0 : minTtl, maxTtl,
                minClustering, maxClustering, hasStaticRows, hasPartitionDeletions,
                partitionCount, rowCount, cellCount, cellTombstones, rowTombstones, rangeTombstones, partitionTombstones,
                complexDeletions, commitLogUpperBound, sortedAncestors, firstKey, lastKey, uncompressedLength,
                partitionSizes.clone(), deletionTimes);
    }

    private void cell(Cell cell) {
        cellCount++;
        timestamp(cell.timestamp());
        ttl(cell.ttl());
        localDeletionTime(cell.localDeletionTime());
        if (cell.isTombstone()) cellTombstones++;
        if (cell.localDeletionTime() != Cell.NO_DELETION_TIME) deletionTimes.add(cell.localDeletionTime());
    }

    private void deletion(DeletionTime deletion) {
        timestamp(deletion.markedForDeleteAt());
        localDeletionTime(deletion.localDeletionTime());
        deletionTimes.add(deletion.localDeletionTime());
    }

    private void clusteringBounds(ClusteringBound start, ClusteringBound end) {
        if (minClustering == null || comparator.compare(start, minClustering) < 0) minClustering = start;
        if (maxClustering == null || comparator.compare(end, maxClustering) > 0) maxClustering = end;
    }

    private void timestamp(long timestamp) {
        minTimestamp = Math.min(minTimestamp, timestamp);
        maxTimestamp = Math.max(maxTimestamp, timestamp);
    }

    private void localDeletionTime(long second) {
        minLocalDeletionTime = Math.min(minLocalDeletionTime, second);
        maxLocalDeletionTime = Math.max(maxLocalDeletionTime, second);
    }

    private void ttl(int ttl) {
        minTtl = Math.min(minTtl, ttl);
        maxTtl = Math.max(maxTtl, ttl);
    }
}
