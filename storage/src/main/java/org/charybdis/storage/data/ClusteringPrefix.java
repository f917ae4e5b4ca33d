package org.charybdis.storage.data;

import java.nio.ByteBuffer;

/**
 * A sequence of clustering column values: either a full {@link Clustering} naming a row, or a
 * {@link ClusteringBound}, a (possibly shorter) prefix marking where a slice starts or ends.
 * Both kinds are ordered together by {@link ClusteringComparator}, so bounds can be used directly as
 * keys into a sorted map of rows.
 */
public abstract sealed class ClusteringPrefix permits Clustering, ClusteringBound {
    final ByteBuffer[] components;

    ClusteringPrefix(ByteBuffer[] components) {
        for (ByteBuffer c : components) if (c == null) throw new NullPointerException("clustering components cannot be null");
        this.components = components;
    }

    public final int size() { return components.length; }

    /** Component i; callers must not modify the returned buffer. */
    public final ByteBuffer get(int i) { return components[i]; }

    /**
     * Where this prefix sits relative to the rows whose clustering starts with its components:
     * negative before them, positive after them, zero for a full clustering (a row itself).
     */
    abstract int weight();

    /** The bytes of the component values. */
    public final long dataSize() {
        long size = 0;
        for (ByteBuffer c : components) size += c.remaining();
        return size;
    }
}
