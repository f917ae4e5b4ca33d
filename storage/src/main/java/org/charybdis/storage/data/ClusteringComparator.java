package org.charybdis.storage.data;

import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.List;

/**
 * The table's clustering order (its CLUSTERING ORDER BY): per-component value comparators supplied by the
 * server, each optionally reversed. Orders clusterings and bounds together: a bound sorts before or after
 * all rows sharing its prefix, never equal to a row, so bounds work as sorted-map keys.
 * The static clustering sorts before everything.
 */
public final class ClusteringComparator implements Comparator<ClusteringPrefix> {
    private final Comparator<ByteBuffer>[] comparators;
    private final boolean[] reversed;
    /** Null when the server gave none (see {@link #byteOrdered}). */
    private final ByteOrderedEncoding[] encodings;

    public ClusteringComparator(List<Comparator<ByteBuffer>> componentComparators, List<Boolean> reversed) {
        this(componentComparators, reversed, null);
    }

    /**
     * @param encodings each component's order as bytes (ascending; DESC is applied here), for engines that compare keys
     *                  as bytes; null when not known
     */
    @SuppressWarnings("unchecked")
    public ClusteringComparator(List<Comparator<ByteBuffer>> componentComparators, List<Boolean> reversed,
                                List<ByteOrderedEncoding> encodings) {
        if (componentComparators.size() != reversed.size())
            throw new IllegalArgumentException("one reversed flag per clustering component is required");
        if (encodings != null && encodings.size() != reversed.size())
            throw new IllegalArgumentException("one byte-ordered encoding per clustering component is required");
        this.encodings = encodings == null ? null : encodings.toArray(new ByteOrderedEncoding[0]);
        this.reversed = new boolean[reversed.size()];
        for (int i = 0; i < this.reversed.length; i++) this.reversed[i] = reversed.get(i);
        comparators = new Comparator[componentComparators.size()];
        for (int i = 0; i < comparators.length; i++) {
            Comparator<ByteBuffer> c = componentComparators.get(i);
            comparators[i] = reversed.get(i) ? c.reversed() : c;
        }
    }

    /** For tables without clustering columns. */
    public static ClusteringComparator none() {
        return new ClusteringComparator(List.of(), List.of());
    }

    /** Number of clustering columns. */
    public int size() { return comparators.length; }

    /** True when every component has a {@link ByteOrderedEncoding} (always, with no clustering columns). */
    public boolean byteOrdered() { return encodings != null || comparators.length == 0; }

    /** The ascending byte order of component {@code i}; see {@link #byteOrdered()}. */
    public ByteOrderedEncoding encoding(int i) {
        if (encodings == null) throw new IllegalStateException("no byte-ordered encodings for this clustering");
        return encodings[i];
    }

    /** Whether component {@code i} is in DESC order. */
    public boolean isReversed(int i) { return reversed[i]; }

    @Override
    public int compare(ClusteringPrefix a, ClusteringPrefix b) {
        if (a == b) return 0;
        boolean aStatic = a instanceof Clustering ca && ca.isStatic();
        boolean bStatic = b instanceof Clustering cb && cb.isStatic();
        if (aStatic || bStatic) return aStatic == bStatic ? 0 : (aStatic ? -1 : 1);

        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int c = comparators[i].compare(a.components[i], b.components[i]);
            if (c != 0) return c;
        }
        if (a.size() == b.size()) return Integer.compare(a.weight(), b.weight());
        // The longer prefix lies inside the group of rows opened by the shorter one.
        return a.size() < b.size() ? (a.weight() > 0 ? 1 : -1) : (b.weight() > 0 ? -1 : 1);
    }

    /** True when the clustering lies inside [start, end] of the slice (bounds' own inclusiveness applied). */
    public boolean contains(Slice slice, Clustering clustering) {
        return compare(slice.start(), clustering) < 0 && compare(clustering, slice.end()) < 0;
    }

    /** True when no row can lie inside the slice. */
    public boolean isEmpty(Slice slice) {
        return compare(slice.start(), slice.end()) >= 0;
    }

    /** True when some row could lie in both slices. */
    public boolean intersects(Slice a, Slice b) {
        return compare(a.start(), b.end()) < 0 && compare(b.start(), a.end()) < 0 && !isEmpty(a) && !isEmpty(b);
    }
}
