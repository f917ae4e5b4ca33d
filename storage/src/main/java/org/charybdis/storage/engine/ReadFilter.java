package org.charybdis.storage.engine;

import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.Slice;

import java.util.BitSet;
import java.util.List;

/**
 * Which part of a partition a read wants: clustering slices (in the table's natural order, sorted and
 * non-overlapping), whether rows come back in reverse order, which columns' cells to return (null: all;
 * liveness of a row still considers every column, as in Cassandra) and whether to return the static row.
 */
public record ReadFilter(List<Slice> slices, boolean reversed, BitSet columns, boolean fetchStatic) {
    /** Every row and column, static row included, in clustering order. */
    public static final ReadFilter ALL = new ReadFilter(List.of(Slice.ALL), false, null, true);

    public ReadFilter {
        slices = List.copyOf(slices);
        columns = columns == null ? null : (BitSet) columns.clone();
    }

    public static ReadFilter of(List<Slice> slices, boolean reversed) {
        return new ReadFilter(slices, reversed, null, true);
    }

    /** True if the cells of this column are to be returned. */
    public boolean selects(int column) {
        return columns == null || columns.get(column);
    }

    /** The selected column ids (null: all); shared, callers must not modify it. */
    @Override
    public BitSet columns() { return columns; }

    /** Rejects slices that are not sorted and disjoint in the given order (empty slices are allowed anywhere). */
    public void validate(ClusteringComparator comparator) {
        Slice previous = null;
        for (Slice slice : slices) {
            if (comparator.isEmpty(slice)) continue;
            if (previous != null && comparator.compare(previous.end(), slice.start()) >= 0)
                throw new IllegalArgumentException("slices must be sorted and non-overlapping: " + previous + " then " + slice);
            previous = slice;
        }
    }
}
