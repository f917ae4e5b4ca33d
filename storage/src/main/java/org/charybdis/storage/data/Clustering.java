package org.charybdis.storage.data;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The clustering key of one row: one serialized value per clustering column. Tables without clustering
 * columns use {@link #EMPTY}; the partition's static row uses {@link #STATIC}, which sorts before all rows.
 * Component buffers must not be modified after construction.
 */
public final class Clustering extends ClusteringPrefix {
    public static final Clustering EMPTY = new Clustering(new ByteBuffer[0], false);
    public static final Clustering STATIC = new Clustering(new ByteBuffer[0], true);

    private final boolean isStatic;

    private Clustering(ByteBuffer[] components, boolean isStatic) {
        super(components);
        this.isStatic = isStatic;
    }

    public static Clustering of(ByteBuffer... components) {
        return components.length == 0 ? EMPTY : new Clustering(components.clone(), false);
    }

    public boolean isStatic() { return isStatic; }

    @Override
    int weight() { return 0; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Clustering other && isStatic == other.isStatic && Arrays.equals(components, other.components);
    }

    @Override
    public int hashCode() { return isStatic ? -1 : Arrays.hashCode(components); }

    @Override
    public String toString() {
        if (isStatic) return "STATIC";
        StringBuilder sb = new StringBuilder("Clustering(");
        for (int i = 0; i < components.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(HexString.of(components[i]));
        }
        return sb.append(')').toString();
    }
}
