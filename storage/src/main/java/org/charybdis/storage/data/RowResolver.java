package org.charybdis.storage.data;

import java.util.Arrays;
import java.util.BitSet;
import java.util.function.IntPredicate;

/**
 * Turns a stored row into what a read returns at a given second: deletions applied (the row's own, the
 * covering range tombstones' and the partition's, passed in as {@code inherited}; collection deletions per
 * column), expired cells and markers dropped, then only the selected columns kept.
 * As in Cassandra, a row is live if its marker is live or any of its cells is live, whether or not that
 * cell's column is selected: {@code SELECT a} still returns a row that only has {@code b} set (a = null).
 */
public final class RowResolver {
    private RowResolver() {}

    /**
     * True when {@link #resolve} would return a row, ignoring whether columns are known (a cell of a dropped column
     * counts as live): a cheap check that allocates nothing.
     */
    public static boolean isLive(Row row, DeletionTime inherited, long nowInSeconds) {
        DeletionTime deletion = DeletionTime.max(inherited, row.deletion());
        LivenessInfo marker = row.liveness();
        if (marker.isLive(nowInSeconds) && !deletion.deletes(marker)) return true;
        for (Cell cell : row.cellArray()) {
            if (cell.isLive(nowInSeconds) && !deletion.deletes(cell) && !row.complexDeletion(cell.column()).deletes(cell)) return true;
        }
        return false;
    }

    /**
     * @param known    columns that exist in the table's current layout (cells of dropped columns are invisible)
     * @param selected columns whose cells are returned, or null for all
     * @return the live row, or null when nothing of it is live
     */
    public static Row resolve(Row row, DeletionTime inherited, long nowInSeconds, IntPredicate known, BitSet selected) {
        DeletionTime deletion = DeletionTime.max(inherited, row.deletion());
        LivenessInfo marker = row.liveness();
        boolean markerLive = marker.isLive(nowInSeconds) && !deletion.deletes(marker);

        Cell[] cells = row.cellArray();
        ComplexDeletion[] complexDeletions = row.complexDeletionArray();
        Cell[] out = null; // allocated only once a cell has to be dropped
        int outCount = 0;
        boolean anyCellLive = false;
        int deletionIndex = 0;
        for (int i = 0; i < cells.length; i++) {
            Cell cell = cells[i];
            while (deletionIndex < complexDeletions.length && complexDeletions[deletionIndex].column() < cell.column()) deletionIndex++;
            boolean live = cell.isLive(nowInSeconds) && !deletion.deletes(cell) && known.test(cell.column())
                    && !(deletionIndex < complexDeletions.length && complexDeletions[deletionIndex].column() == cell.column()
                         && complexDeletions[deletionIndex].deletion().deletes(cell));
            anyCellLive |= live;
            boolean keep = live && (selected == null || selected.get(cell.column()));
            if (keep) {
                if (out != null) out[outCount] = cell;
                outCount++;
            } else if (out == null) {
                out = Arrays.copyOf(cells, cells.length);
            }
        }
        if (!markerLive && !anyCellLive) return null;

        LivenessInfo visibleMarker = markerLive ? marker : LivenessInfo.EMPTY;
        boolean unchanged = out == null && visibleMarker == marker && row.deletion().isLive() && complexDeletions.length == 0;
        if (unchanged) return row;
        Cell[] visible = out == null ? cells : Arrays.copyOf(out, outCount);
        return new Row(row.clustering(), visibleMarker, DeletionTime.LIVE, visible, new ComplexDeletion[0]);
    }
}
