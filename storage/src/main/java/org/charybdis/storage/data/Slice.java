package org.charybdis.storage.data;

/**
 * A contiguous run of rows in the table's clustering order, between a start and an end bound.
 * Slices are always expressed in the table's natural (CLUSTERING ORDER) order, even for reversed reads.
 */
public record Slice(ClusteringBound start, ClusteringBound end) {
    /** Every row of the partition. */
    public static final Slice ALL = new Slice(ClusteringBound.BOTTOM, ClusteringBound.TOP);

    public Slice {
        if (!start.isStart()) throw new IllegalArgumentException("slice start must be a start bound: " + start);
        if (!end.isEnd()) throw new IllegalArgumentException("slice end must be an end bound: " + end);
    }

    /** The one row with this clustering. */
    public static Slice exactly(Clustering clustering) {
        return new Slice(ClusteringBound.start(true, clustering), ClusteringBound.end(true, clustering));
    }

    @Override
    public String toString() { return start + ".." + end; }
}
