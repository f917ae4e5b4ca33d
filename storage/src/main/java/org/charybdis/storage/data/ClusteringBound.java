package org.charybdis.storage.data;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One end of a {@link Slice}: a clustering prefix (possibly shorter than the clustering, possibly empty)
 * that is either a start or an end, inclusive or exclusive. An inclusive start on prefix {@code (a)} sits
 * before every row beginning with {@code a}; an exclusive start sits after them; symmetrically for ends.
 */
public final class ClusteringBound extends ClusteringPrefix {
    /** Before every row. */
    public static final ClusteringBound BOTTOM = new ClusteringBound(new ByteBuffer[0], true, true);
    /** After every row. */
    public static final ClusteringBound TOP = new ClusteringBound(new ByteBuffer[0], false, true);

    private final boolean isStart;
    private final boolean inclusive;

    private ClusteringBound(ByteBuffer[] components, boolean isStart, boolean inclusive) {
        super(components);
        this.isStart = isStart;
        this.inclusive = inclusive;
    }

    public static ClusteringBound start(boolean inclusive, ByteBuffer... prefix) {
        return new ClusteringBound(prefix.clone(), true, inclusive);
    }

    public static ClusteringBound end(boolean inclusive, ByteBuffer... prefix) {
        return new ClusteringBound(prefix.clone(), false, inclusive);
    }

    public static ClusteringBound start(boolean inclusive, Clustering clustering) {
        return new ClusteringBound(clustering.components, true, inclusive);
    }

    public static ClusteringBound end(boolean inclusive, Clustering clustering) {
        return new ClusteringBound(clustering.components, false, inclusive);
    }

    public boolean isStart() { return isStart; }

    public boolean isEnd() { return !isStart; }

    public boolean isInclusive() { return inclusive; }

    @Override
    int weight() {
        return isStart == inclusive ? -1 : 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusteringBound other && isStart == other.isStart && inclusive == other.inclusive
                && Arrays.equals(components, other.components);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(components) * 4 + (isStart ? 2 : 0) + (inclusive ? 1 : 0); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(isStart ? (inclusive ? "[" : "(") : "");
        for (int i = 0; i < components.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(HexString.of(components[i]));
        }
        if (components.length == 0) sb.append(isStart ? "BOTTOM" : "TOP");
        sb.append(isStart ? "" : (inclusive ? "]" : ")"));
        return sb.toString();
    }
}
