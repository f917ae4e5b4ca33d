package org.charybdis.storage.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An immutable row: its clustering, row marker, row deletion, cells sorted by column id then cell path,
 * and whole-collection deletions sorted by column id. Engines store merged rows in this shape; reads
 * return rows in the same shape holding only live data (no deletions, only live cells).
 */
public final class Row {
    private static final Cell[] NO_CELLS = new Cell[0];
    private static final ComplexDeletion[] NO_COMPLEX_DELETIONS = new ComplexDeletion[0];

    private final Clustering clustering;
    private final LivenessInfo liveness;
    private final DeletionTime deletion;
    private final Cell[] cells;
    private final ComplexDeletion[] complexDeletions;
    private final long dataSize;

    Row(Clustering clustering, LivenessInfo liveness, DeletionTime deletion, Cell[] cells, ComplexDeletion[] complexDeletions) {
        this.clustering = clustering;
        this.liveness = liveness;
        this.deletion = deletion;
        this.cells = cells.length == 0 ? NO_CELLS : cells;
        this.complexDeletions = complexDeletions.length == 0 ? NO_COMPLEX_DELETIONS : complexDeletions;
        long size = clustering.dataSize() + 40;
        for (Cell c : cells) size += c.dataSize();
        this.dataSize = size + 24L * complexDeletions.length;
    }

    /** A row of live data, as reads return it; cells must be sorted by the table's {@link ColumnOrder}. */
    public static Row live(Clustering clustering, LivenessInfo liveness, List<Cell> sortedCells) {
        return new Row(clustering, liveness, DeletionTime.LIVE, sortedCells.toArray(NO_CELLS), NO_COMPLEX_DELETIONS);
    }

    /**
     * A row as memtables and SSTables store it (deletions and dead cells included): cells sorted by the table's
     * {@link ColumnOrder} without duplicates, complex deletions sorted by column. The arrays are taken, not copied.
     */
    public static Row stored(Clustering clustering, LivenessInfo liveness, DeletionTime deletion, Cell[] sortedCells,
                             ComplexDeletion[] sortedComplexDeletions) {
        return new Row(clustering, liveness, deletion, sortedCells, sortedComplexDeletions);
    }

    public Clustering clustering() { return clustering; }

    public int complexDeletionCount() { return complexDeletions.length; }

    public ComplexDeletion complexDeletionAt(int index) { return complexDeletions[index]; }

    /** True if the row holds nothing at all: no marker, no deletion, no cell, no collection deletion. */
    public boolean isEmpty() {
        return liveness.isEmpty() && deletion.isLive() && cells.length == 0 && complexDeletions.length == 0;
    }

    /** The row marker; {@link LivenessInfo#EMPTY} when there is none (or, in read results, when it is not live). */
    public LivenessInfo liveness() { return liveness; }

    public DeletionTime deletion() { return deletion; }

    public int cellCount() { return cells.length; }

    public Cell cell(int index) { return cells[index]; }

    public List<Cell> cells() { return Collections.unmodifiableList(Arrays.asList(cells)); }

    /** The cell of a simple column, or null. */
    public Cell simpleCell(int column) {
        int at = firstIndexOf(column);
        return at < cells.length && cells[at].column() == column ? cells[at] : null;
    }

    /** The cells of a column in path order (one element per cell for a multi-cell column). */
    public List<Cell> cellsOf(int column) {
        int from = firstIndexOf(column);
        int to = from;
        while (to < cells.length && cells[to].column() == column) to++;
        return cells().subList(from, to);
    }

    public List<ComplexDeletion> complexDeletions() { return Collections.unmodifiableList(Arrays.asList(complexDeletions)); }

    /** Whole-collection deletion of a column in this row, or {@link DeletionTime#LIVE}. */
    public DeletionTime complexDeletion(int column) {
        for (ComplexDeletion d : complexDeletions) if (d.column() == column) return d.deletion();
        return DeletionTime.LIVE;
    }

    /** Approximate bytes held, for memory accounting and statistics. */
    public long dataSize() { return dataSize; }

    /** Bytes of the clustering and cell values: about what a query result carries of the row, for read limits. */
    public long valueBytes() {
        long bytes = clustering.dataSize();
        for (Cell c : cells) bytes += c.value().remaining();
        return bytes;
    }

    Cell[] cellArray() { return cells; }

    ComplexDeletion[] complexDeletionArray() { return complexDeletions; }

    private int firstIndexOf(int column) {
        int low = 0;
        int high = cells.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cells[mid].column() < column) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    @Override
    public String toString() {
        return "Row(" + clustering + (liveness.isEmpty() ? "" : " marker@" + liveness.timestamp())
                + (deletion.isLive() ? "" : " deleted@" + deletion.markedForDeleteAt()) + " " + Arrays.toString(cells) + ")";
    }
}
