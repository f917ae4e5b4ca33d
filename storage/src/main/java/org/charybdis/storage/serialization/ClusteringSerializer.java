package org.charybdis.storage.serialization;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.Slice;

import java.nio.ByteBuffer;

/**
 * Clusterings and slice bounds on disk. A clustering is its components, each length-prefixed; the count is
 * the table's clustering size, so it is not stored. A bound is a kind byte, its prefix length and components.
 */
public final class ClusteringSerializer {
    private static final int START_INCLUSIVE = 0;
    private static final int START_EXCLUSIVE = 1;
    private static final int END_INCLUSIVE = 2;
    private static final int END_EXCLUSIVE = 3;

    private ClusteringSerializer() {}

    public static void writeClustering(Clustering clustering, BufferWriter out) {
        for (int i = 0; i < clustering.size(); i++) out.writeBytesWithLength(clustering.get(i));
    }

    public static Clustering readClustering(BufferReader in, int size) {
        if (size == 0) return Clustering.EMPTY;
        ByteBuffer[] components = new ByteBuffer[size];
        for (int i = 0; i < size; i++) components[i] = in.readBytesWithLength();
        return Clustering.of(components);
    }

    public static void writeBound(ClusteringBound bound, BufferWriter out) {
        int kind = bound.isStart() ? (bound.isInclusive() ? START_INCLUSIVE : START_EXCLUSIVE)
                                   : (bound.isInclusive() ? END_INCLUSIVE : END_EXCLUSIVE);
        out.writeByte(kind);
        out.writeUnsignedVInt(bound.size());
        for (int i = 0; i < bound.size(); i++) out.writeBytesWithLength(bound.get(i));
    }

    public static ClusteringBound readBound(BufferReader in) {
        int kind = in.readByte();
        if (kind > END_EXCLUSIVE) throw new CorruptDataException("unknown clustering bound kind " + kind);
        int size = in.readUnsignedVInt();
        ByteBuffer[] components = new ByteBuffer[size];
        for (int i = 0; i < size; i++) components[i] = in.readBytesWithLength();
        boolean inclusive = kind == START_INCLUSIVE || kind == END_INCLUSIVE;
        if (kind <= START_EXCLUSIVE) return size == 0 && inclusive ? ClusteringBound.BOTTOM : ClusteringBound.start(inclusive, components);
        return size == 0 && inclusive ? ClusteringBound.TOP : ClusteringBound.end(inclusive, components);
    }

    public static void writeSlice(Slice slice, BufferWriter out) {
        writeBound(slice.start(), out);
        writeBound(slice.end(), out);
    }

    public static Slice readSlice(BufferReader in) {
        ClusteringBound start = readBound(in);
        ClusteringBound end = readBound(in);
        if (!start.isStart() || !end.isEnd()) throw new CorruptDataException("slice bounds in the wrong order: " + start + ", " + end);
        return new Slice(start, end);
    }
}
