package org.charybdis.storage.compaction;

import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.ComplexDeletion;
import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.LivenessInfo;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowMerger;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.TableLayout;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What a compaction writes of a merged partition: data shadowed by a deletion dropped, and tombstones, expired
 * cells and expired markers purged once they are older than gc_grace_seconds
 * AND older than any data they could shadow outside the compaction ({@code maxPurgeableTimestamp}: the
 * smallest timestamp in the memtables and in the other SSTables that may hold the partition). Cells of
 * dropped columns go too. Rows are purged lazily as the writer walks them. Both engines purge through it: the LSM
 * engine per merged partition, the RocksDB engine per stored key (its rows carry no data their partition's deletions
 * shadow, so each key purges alone).
 */
public final class Purger {
    private final TableLayout layout;
    private final ClusteringComparator comparator;
    private final long nowInSeconds;
    private final long gcBefore;

    /** Purges nothing shadowing data outside the source: pass as {@code maxPurgeableTimestamp} to only drop shadowed data. */
    public static final long NOTHING_PURGEABLE = Long.MIN_VALUE;

    public Purger(TableLayout layout, long nowInSeconds) {
        this.layout = layout;
        this.comparator = layout.clusteringComparator();
        this.nowInSeconds = nowInSeconds;
        this.gcBefore = nowInSeconds - layout.gcGraceSeconds();
    }

    /** The partition as compaction writes it (the writer skips it if nothing is left). */
    public PartitionFragment purge(PartitionFragment merged, long maxPurgeableTimestamp) {
        return new Purged(merged, maxPurgeableTimestamp);
    }

    private boolean purgeable(DeletionTime deletion, long maxPurgeable) {
        return !deletion.isLive() && deletion.localDeletionTime() < gcBefore && deletion.markedForDeleteAt() < maxPurgeable;
    }

    private final class Purged implements PartitionFragment {
        private final PartitionFragment source;
        private final long maxPurgeable;
        private final DeletionTime partitionDeletion;
        private final List<RangeTombstone> rangeTombstones;
        private final Row staticRow;

        Purged(PartitionFragment source, long maxPurgeable) {
            this.source = source;
            this.maxPurgeable = maxPurgeable;
            DeletionTime pd = source.partitionDeletion();
            this.partitionDeletion = purgeable(pd, maxPurgeable) ? DeletionTime.LIVE : pd;
            List<RangeTombstone> kept = new ArrayList<>(0);
            for (RangeTombstone rt : source.rangeTombstones()) {
                if (purgeable(rt.deletion(), maxPurgeable)) continue;
                if (!pd.isLive() && pd.markedForDeleteAt() >= rt.deletion().markedForDeleteAt()) continue; // redundant
                kept.add(rt);
            }
            this.rangeTombstones = List.copyOf(kept);
            Row statics = source.staticRow();
            this.staticRow = statics == null ? null : purgeRow(statics, pd, maxPurgeable);
        }

        @Override
        public DecoratedKey key() { return source.key(); }

        @Override
        public DeletionTime partitionDeletion() { return partitionDeletion; }

        @Override
        public List<RangeTombstone> rangeTombstones() { return rangeTombstones; }

        @Override
        public Row staticRow() { return staticRow; }

        @Override
        public Iterator<Row> rows(Slice slice, boolean reversed) {
            Iterator<Row> rows = source.rows(slice, reversed);
            List<RangeTombstone> tombstones = source.rangeTombstones();
            DeletionTime pd = source.partitionDeletion();
            return new Iterator<>() {
                private Row next;

                @Override
                public boolean hasNext() {
                    while (next == null && rows.hasNext()) {
                        Row row = rows.next();
                        next = purgeRow(row, covering(row, pd, tombstones), maxPurgeable);
                    }
                    return next != null;
                }

                @Override
                public Row next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    Row row = next;
                    next = null;
                    return row;
                }
            };
        }
    }

    /** The strongest of the partition deletion and the range tombstones covering the row. */
    public DeletionTime covering(Row row, DeletionTime partitionDeletion, List<RangeTombstone> tombstones) {
        DeletionTime deletion = partitionDeletion;
        for (RangeTombstone rt : tombstones) {
            if (rt.deletion().supersedes(deletion) && comparator.contains(rt.slice(), row.clustering())) deletion = rt.deletion();
        }
        return deletion;
    }

    /**
     * The row without what {@code covering} (its partition's and range deletions) shadows, nor what is purgeable, nor
     * cells of dropped columns; null when nothing remains.
     */
    public Row purgeRow(Row row, DeletionTime covering, long maxPurgeable) {
        row = RowMerger.retainColumns(row, layout::hasColumn);
        DeletionTime rowDeletion = row.deletion();
        DeletionTime effective = DeletionTime.max(covering, rowDeletion);
        boolean redundantRowDeletion = !covering.isLive() && covering.markedForDeleteAt() >= rowDeletion.markedForDeleteAt();
        DeletionTime keptDeletion = rowDeletion.isLive() || redundantRowDeletion || purgeable(rowDeletion, maxPurgeable)
                ? DeletionTime.LIVE : rowDeletion;

        LivenessInfo marker = row.liveness();
        if (!marker.isEmpty()) {
            boolean expired = marker.isExpiring() && marker.localExpirationTime() <= nowInSeconds;
            if (effective.deletes(marker)
                    || (expired && marker.localExpirationTime() < gcBefore && marker.timestamp() < maxPurgeable)) {
                marker = LivenessInfo.EMPTY;
            }
        }

        List<ComplexDeletion> keptComplex = new ArrayList<>(0);
        for (int i = 0; i < row.complexDeletionCount(); i++) {
            ComplexDeletion d = row.complexDeletionAt(i);
            boolean redundant = !effective.isLive() && effective.markedForDeleteAt() >= d.deletion().markedForDeleteAt();
            if (!redundant && !purgeable(d.deletion(), maxPurgeable)) keptComplex.add(d);
        }

        List<Cell> keptCells = new ArrayList<>(row.cellCount());
        for (int i = 0; i < row.cellCount(); i++) {
            Cell cell = row.cell(i);
            if (effective.deletes(cell) || row.complexDeletion(cell.column()).deletes(cell)) continue;
            if (cell.isExpiring()) {
                // An expired cell stays as written until it may go: turning it into a tombstone early (as Cassandra
                // does) would let it beat a same-timestamp rewrite with a later expiry, depending on compaction timing.
                boolean expired = cell.localDeletionTime() <= nowInSeconds;
                if (expired && cell.localDeletionTime() - cell.ttl() < gcBefore && cell.timestamp() < maxPurgeable) continue;
            } else if (cell.isTombstone() && cell.localDeletionTime() < gcBefore && cell.timestamp() < maxPurgeable) {
                continue;
            }
            keptCells.add(cell);
        }

        if (marker.isEmpty() && keptDeletion.isLive() && keptCells.isEmpty() && keptComplex.isEmpty()) return null;
        return Row.stored(row.clustering(), marker, keptDeletion, keptCells.toArray(new Cell[0]),
                keptComplex.toArray(new ComplexDeletion[0]));
    }
}
