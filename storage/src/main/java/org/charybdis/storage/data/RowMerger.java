package org.charybdis.storage.data;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Merges rows the way a memtable (and later compaction) does: the marker and every cell reconciled with
 * {@link Reconciliation}, deletions combined by keeping the superseding one. Nothing is purged here:
 * shadowed data stays until read time or compaction decides, so merging is associative and commutative.
 */
public final class RowMerger {
    private RowMerger() {}

    /** The stored row after applying an update; {@code existing} may be null. */
    public static Row merge(Row existing, RowUpdate update, ColumnOrder order) {
        Cell[] updateCells = sortedUnique(update.cells().toArray(new Cell[0]), order);
        ComplexDeletion[] updateDeletions = sortedUnique(update.complexDeletions().toArray(new ComplexDeletion[0]));
        if (existing == null)
            return new Row(update.clustering(), update.liveness(), update.deletion(), updateCells, updateDeletions);
        return new Row(existing.clustering(),
                Reconciliation.winner(existing.liveness(), update.liveness()),
                DeletionTime.max(existing.deletion(), update.deletion()),
                mergeCells(existing.cellArray(), updateCells, order),
                mergeDeletions(existing.complexDeletionArray(), updateDeletions));
    }

    /** Two stored versions of the same row merged (memtable with SSTable, SSTable with SSTable). */
    public static Row merge(Row a, Row b, ColumnOrder order) {
        if (a == null) return b;
        if (b == null) return a;
        return new Row(a.clustering(),
                Reconciliation.winner(a.liveness(), b.liveness()),
                DeletionTime.max(a.deletion(), b.deletion()),
                mergeCells(a.cellArray(), b.cellArray(), order),
                mergeDeletions(a.complexDeletionArray(), b.complexDeletionArray()));
    }

    /** The row without the cells and collection deletions of columns that fail {@code keep}, or the same row if none. */
    public static Row retainColumns(Row row, IntPredicate keep) {
        Cell[] cells = row.cellArray();
        ComplexDeletion[] deletions = row.complexDeletionArray();
        if (allKept(cells, deletions, keep)) return row;
        Cell[] keptCells = Arrays.stream(cells).filter(c -> keep.test(c.column())).toArray(Cell[]::new);
        ComplexDeletion[] keptDeletions = Arrays.stream(deletions).filter(d -> keep.test(d.column())).toArray(ComplexDeletion[]::new);
        return new Row(row.clustering(), row.liveness(), row.deletion(), keptCells, keptDeletions);
    }

    private static boolean allKept(Cell[] cells, ComplexDeletion[] deletions, IntPredicate keep) {
        for (Cell c : cells) if (!keep.test(c.column())) return false;
        for (ComplexDeletion d : deletions) if (!keep.test(d.column())) return false;
        return true;
    }

    private static Cell[] sortedUnique(Cell[] cells, ColumnOrder order) {
        if (cells.length < 2) return cells;
        Arrays.sort(cells, order::compare);
        int out = 0;
        for (int i = 1; i < cells.length; i++) {
            if (order.compare(cells[out], cells[i]) == 0) cells[out] = Reconciliation.winner(cells[out], cells[i]);
            else cells[++out] = cells[i];
        }
        return out + 1 == cells.length ? cells : Arrays.copyOf(cells, out + 1);
    }

    private static ComplexDeletion[] sortedUnique(ComplexDeletion[] deletions) {
        if (deletions.length < 2) return deletions;
        Arrays.sort(deletions, (a, b) -> Integer.compare(a.column(), b.column()));
        int out = 0;
        for (int i = 1; i < deletions.length; i++) {
            if (deletions[out].column() == deletions[i].column())
                deletions[out] = new ComplexDeletion(deletions[out].column(), DeletionTime.max(deletions[out].deletion(), deletions[i].deletion()));
            else deletions[++out] = deletions[i];
        }
        return out + 1 == deletions.length ? deletions : Arrays.copyOf(deletions, out + 1);
    }

    private static Cell[] mergeCells(Cell[] a, Cell[] b, ColumnOrder order) {
        if (b.length == 0) return a;
        if (a.length == 0) return b;
        Cell[] merged = new Cell[a.length + b.length];
        int i = 0, j = 0, out = 0;
        while (i < a.length && j < b.length) {
            int c = order.compare(a[i], b[j]);
            if (c < 0) merged[out++] = a[i++];
            else if (c > 0) merged[out++] = b[j++];
            else merged[out++] = Reconciliation.winner(a[i++], b[j++]);
        }
        while (i < a.length) merged[out++] = a[i++];
        while (j < b.length) merged[out++] = b[j++];
        return out == merged.length ? merged : Arrays.copyOf(merged, out);
    }

    private static ComplexDeletion[] mergeDeletions(ComplexDeletion[] a, ComplexDeletion[] b) {
        if (b.length == 0) return a;
        if (a.length == 0) return b;
        ComplexDeletion[] merged = new ComplexDeletion[a.length + b.length];
        int i = 0, j = 0, out = 0;
        while (i < a.length && j < b.length) {
            int c = Integer.compare(a[i].column(), b[j].column());
            if (c < 0) merged[out++] = a[i++];
            else if (c > 0) merged[out++] = b[j++];
            else merged[out++] = new ComplexDeletion(a[i].column(), DeletionTime.max(a[i++].deletion(), b[j++].deletion()));
        }
        while (i < a.length) merged[out++] = a[i++];
        while (j < b.length) merged[out++] = b[j++];
        return out == merged.length ? merged : Arrays.copyOf(merged, out);
    }
}
