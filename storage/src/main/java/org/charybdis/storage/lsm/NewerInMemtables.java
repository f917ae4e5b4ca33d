package org.charybdis.storage.lsm;

import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.LivenessInfo;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.engine.ColumnLayout;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableLayout;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Cassandra's reads in timestamp order, for the partitions of a table without clustering columns (one row each: the
 * key-value case). When the memtables hold a row marker (an INSERT) live at the time of the read and, for every
 * column the read fetches, a cell written after everything an SSTable holds, the SSTable cannot change the answer: its
 * deletions are older than the marker and every fetched cell, its marker and cells lose to them, and the row exists
 * whatever else it holds (an expired marker would leave that to cells of other columns, maybe in the SSTable).
 * Such SSTables are not read, and an overwrite-heavy workload reads its recent rows from memory alone.
 * <p>
 * Multi-cell columns (collections, UDTs) are merged element by element, and partitions with deletions in the
 * memtables need the older data to resolve; both read every SSTable as before.
 */
final class NewerInMemtables {
    private NewerInMemtables() { }

    /**
     * SSTables whose newest timestamp is below the returned one are not needed by the read;
     * {@link Long#MIN_VALUE} when every SSTable that may hold the key is.
     */
    static long cutoff(List<PartitionFragment> memtables, TableLayout layout, ReadFilter filter, long nowInSeconds) {
        if (memtables.isEmpty() || layout.clusteringComparator().size() > 0) return Long.MIN_VALUE;
        List<ColumnLayout> columns = layout.columns();
        long[] newest = new long[columns.size()];
        Arrays.fill(newest, Long.MIN_VALUE);
        long marker = Long.MIN_VALUE;
        boolean markerLive = false; // the newest marker, and every other of its timestamp
        for (PartitionFragment fragment : memtables) {
            if (!fragment.partitionDeletion().isLive() || !fragment.rangeTombstones().isEmpty()) return Long.MIN_VALUE;
            Iterator<Row> rows = fragment.rows(Slice.ALL, false);
            while (rows.hasNext()) {
                Row row = rows.next();
                if (!row.deletion().isLive() || row.complexDeletionCount() > 0) return Long.MIN_VALUE;
                LivenessInfo liveness = row.liveness();
                if (!liveness.isEmpty() && liveness.timestamp() >= marker) {
                    markerLive = liveness.isLive(nowInSeconds) && (liveness.timestamp() > marker || markerLive);
                    marker = liveness.timestamp();
                }
                for (int i = 0; i < row.cellCount(); i++) {
                    Cell cell = row.cell(i);
                    int index = indexOf(columns, cell.column());
                    if (index >= 0) newest[index] = Math.max(newest[index], cell.timestamp());
                }
            }
        }
        if (!markerLive) return Long.MIN_VALUE;
        long cutoff = marker;
        for (int i = 0; i < newest.length; i++) {
            ColumnLayout column = columns.get(i);
            if (!filter.selects(column.id())) continue;
            if (column.multiCell()) return Long.MIN_VALUE;
            cutoff = Math.min(cutoff, newest[i]);
        }
        return cutoff;
    }

    private static int indexOf(List<ColumnLayout> columns, int id) {
        for (int i = 0; i < columns.size(); i++) if (columns.get(i).id() == id) return i;
        return -1;
    }
}
