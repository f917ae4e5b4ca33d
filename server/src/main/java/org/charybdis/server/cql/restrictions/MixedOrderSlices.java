package org.charybdis.server.cql.restrictions;

import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.Slice;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The storage slices of a multi-column slice whose columns do not share one clustering order, e.g.
 * {@code (a, b) > (1, 3)} with {@code a ASC, b DESC}. Tuples compare by value, so the rows form no single
 * range in storage order; they are the union of pieces that each fix a prefix of the bound's values and
 * range over the next column: {@code a > 1}, then {@code a = 1 AND b > 3}. Two bounds intersect piece by piece.
 */
final class MixedOrderSlices {
    /** Rows whose first {@code prefix.length} slice columns equal {@code prefix}, the next one within the bounds. */
    private record Piece(ByteBuffer[] prefix, ByteBuffer lower, boolean lowerInclusive, ByteBuffer upper, boolean upperInclusive) {
        /** The piece restricting nothing: every row. */
        static final Piece ALL = new Piece(new ByteBuffer[0], null, true, null, true);
    }

    private final List<ColumnMetadata> columns;

    /** @param columns the slice's clustering columns, in clustering order */
    MixedOrderSlices(List<ColumnMetadata> columns) {
        this.columns = columns;
    }

    /**
     * The slices under the clustering prefix {@code before} (values of the columns restricted by =), between
     * the bounds' values ({@code null} for an open side).
     */
    List<Slice> slices(ByteBuffer[] before, ByteBuffer[] low, boolean lowInclusive, ByteBuffer[] high, boolean highInclusive) {
        List<Slice> slices = new ArrayList<>();
        for (Piece lower : pieces(low, lowInclusive, true)) {
            for (Piece upper : pieces(high, highInclusive, false)) {
                Piece both = intersection(lower, upper);
                if (both != null) slices.add(slice(before, both));
            }
        }
        return slices;
    }

    /** The pieces of one bound: for each of its values, the earlier ones fixed and that one's column beyond it. */
    private static List<Piece> pieces(ByteBuffer[] values, boolean inclusive, boolean lower) {
        if (values == null) return List.of(Piece.ALL);
        List<Piece> pieces = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            boolean last = i == values.length - 1;
            ByteBuffer[] prefix = Arrays.copyOf(values, i);
            pieces.add(lower ? new Piece(prefix, values[i], last && inclusive, null, true)
                    : new Piece(prefix, null, true, values[i], last && inclusive));
        }
        return pieces;
    }

    /** The rows in both pieces as one piece, or null when they share none. */
    private Piece intersection(Piece lower, Piece upper) {
        int common = Math.min(lower.prefix().length, upper.prefix().length);
        for (int i = 0; i < common; i++) {
            if (compare(i, lower.prefix()[i], upper.prefix()[i]) != 0) return null;
        }
        if (lower.prefix().length == upper.prefix().length) {
            return new Piece(lower.prefix(), lower.lower(), lower.lowerInclusive(), upper.upper(), upper.upperInclusive());
        }
        // the piece fixing more columns lies within the other if its value of the other's ranged column does
        Piece longer = lower.prefix().length > upper.prefix().length ? lower : upper;
        Piece shorter = longer == lower ? upper : lower;
        return within(common, longer.prefix()[common], shorter) ? longer : null;
    }

    private boolean within(int column, ByteBuffer value, Piece piece) {
        if (piece.lower() != null) {
            int c = compare(column, value, piece.lower());
            if (c < 0 || (c == 0 && !piece.lowerInclusive())) return false;
        }
        if (piece.upper() != null) {
            int c = compare(column, value, piece.upper());
            if (c > 0 || (c == 0 && !piece.upperInclusive())) return false;
        }
        return true;
    }

    /** By value, whatever the column's clustering order. */
    private int compare(int column, ByteBuffer a, ByteBuffer b) {
        return columns.get(column).type().compare(a, b);
    }

    /** The piece in storage order: a descending column's lower value bounds the end of its range. */
    private Slice slice(ByteBuffer[] before, Piece piece) {
        ByteBuffer[] fixed = concat(before, piece.prefix());
        if (piece.lower() == null && piece.upper() == null) {
            return new Slice(ClusteringBound.start(true, fixed), ClusteringBound.end(true, fixed));
        }
        boolean reversed = columns.get(piece.prefix().length).reversed();
        ByteBuffer first = reversed ? piece.upper() : piece.lower();
        boolean firstInclusive = reversed ? piece.upperInclusive() : piece.lowerInclusive();
        ByteBuffer second = reversed ? piece.lower() : piece.upper();
        boolean secondInclusive = reversed ? piece.lowerInclusive() : piece.upperInclusive();
        ClusteringBound start = first == null ? ClusteringBound.start(true, fixed) : ClusteringBound.start(firstInclusive, concat(fixed, first));
        ClusteringBound end = second == null ? ClusteringBound.end(true, fixed) : ClusteringBound.end(secondInclusive, concat(fixed, second));
        return new Slice(start, end);
    }

    private static ByteBuffer[] concat(ByteBuffer[] head, ByteBuffer... tail) {
        ByteBuffer[] out = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }
}
