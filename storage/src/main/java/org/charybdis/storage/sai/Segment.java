package org.charybdis.storage.sai;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.ClusteringSerializer;
import org.charybdis.storage.serialization.CorruptDataException;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The storage-attached index terms of one SSTable, as its SAI.db holds them (inside the usual component header
 * and checksummed footer):
 * <pre>
 * vint clustering size, vint row count
 * rows, in SSTable order:  long token, bytes partition key, byte kind: 0 a row, then its clustering components (bytes
 *                         each); 1 the partition itself (the posting of partition-level terms), before its rows
 * vint index count
 * per index:              uuid index id, vint term count,
 *                         terms in unsigned byte order: bytes term, vint posting count, row ordinals (vint deltas)
 * </pre>
 * Opening notes where every row and term starts; a query binary-searches the first term of its range and reads
 * terms and postings from there only until the range ends, so its cost follows the matches, not the SSTable.
 */
final class Segment {
    /** Kinds of posted rows: a regular row, or the partition (partition-level terms, at {@link Clustering#STATIC}). */
    static final int ROW = 0;
    static final int PARTITION = 1;

    private final ByteBuffer body;
    private final int clusteringSize;
    private final int[] rowOffsets;
    private final Map<UUID, int[]> termOffsets;

    private Segment(ByteBuffer body, int clusteringSize, int[] rowOffsets, Map<UUID, int[]> termOffsets) {
        this.body = body;
        this.clusteringSize = clusteringSize;
        this.rowOffsets = rowOffsets;
        this.termOffsets = termOffsets;
    }

    /** Parses a checked SAI.db body (see {@code AttachedComponents.read}). */
    static Segment open(ByteBuffer body) {
        BufferReader in = new BufferReader(body);
        int clusteringSize = in.readUnsignedVInt();
        int[] rowOffsets = new int[in.readUnsignedVInt()];
        for (int i = 0; i < rowOffsets.length; i++) {
            rowOffsets[i] = in.position();
            in.skip(8);
            in.skipBytesWithLength();
            int kind = in.readByte();
            if (kind == ROW) for (int c = 0; c < clusteringSize; c++) in.skipBytesWithLength();
            else if (kind != PARTITION) throw new CorruptDataException("row " + i + " of kind " + kind + ", neither a row nor a partition");
        }
        int indexCount = in.readUnsignedVInt();
        Map<UUID, int[]> termOffsets = new HashMap<>();
        for (int i = 0; i < indexCount; i++) {
            UUID id = in.readUuid();
            int[] offsets = new int[in.readUnsignedVInt()];
            for (int t = 0; t < offsets.length; t++) {
                offsets[t] = in.position();
                in.skipBytesWithLength();
                int postings = in.readUnsignedVInt();
                for (int p = 0; p < postings; p++) in.readUnsignedVInt();
            }
            termOffsets.put(id, offsets);
        }
        return new Segment(body, clusteringSize, rowOffsets, termOffsets);
    }

    /** True when this SSTable's terms of the index were built. */
    boolean covers(UUID index) {
        return termOffsets.containsKey(index);
    }

    /** Indexes this segment holds terms of. */
    java.util.Set<UUID> indexes() {
        return termOffsets.keySet();
    }

    /**
     * Hands every row holding a term of the range to {@code hits} (a row once per term it holds), from the first row
     * of partition {@code from} on (null: from the start), so later pages of a query decode only what is left.
     */
    void search(UUID index, TermRange range, DecoratedKey from, Consumer<PrimaryKey> hits) {
        int[] offsets = termOffsets.get(index);
        if (offsets == null) return;
        BufferReader in = new BufferReader(body);
        int firstRow = from == null ? 0 : firstRowOf(from, in);
        for (int t = firstTerm(offsets, range, in); t < offsets.length; t++) {
            in.position(offsets[t]);
            ByteBuffer term = in.readBytesWithLength();
            if (range.endsBefore(term)) return;
            int postings = in.readUnsignedVInt();
            int ordinal = 0;
            for (int p = 0; p < postings; p++) {
                ordinal += in.readUnsignedVInt();
                if (ordinal >= firstRow) hits.accept(row(ordinal));
            }
        }
    }

    /** The first term at or past the range's lower bound, by binary search. */
    private static int firstTerm(int[] offsets, TermRange range, BufferReader in) {
        int low = 0;
        int high = offsets.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            in.position(offsets[mid]);
            if (range.startsBeforeOrAt(in.readBytesWithLength())) high = mid;
            else low = mid + 1;
        }
        return low;
    }

    /** The ordinal of the first row whose partition is {@code from} or after it (rows are in SSTable order). */
    private int firstRowOf(DecoratedKey from, BufferReader in) {
        int low = 0;
        int high = rowOffsets.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            in.position(rowOffsets[mid]);
            long token = in.readLong();
            if (new DecoratedKey(token, in.readBytesWithLength()).compareTo(from) >= 0) high = mid;
            else low = mid + 1;
        }
        return low;
    }

    private PrimaryKey row(int ordinal) {
        BufferReader in = new BufferReader(body);
        in.position(rowOffsets[ordinal]);
        long token = in.readLong();
        ByteBuffer key = in.readBytesWithLength();
        Clustering clustering = in.readByte() == ROW ? ClusteringSerializer.readClustering(in, clusteringSize) : Clustering.STATIC;
        return new PrimaryKey(new DecoratedKey(token, key), clustering);
    }
}
