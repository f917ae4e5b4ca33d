package org.charybdis.storage.sai;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.ClusteringSerializer;
import org.charybdis.storage.serialization.CorruptDataException;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;

/**
 * The storage-attached index terms of one SSTable, as its SAI.db holds them (inside the usual component header
 * and checksummed footer):
 * <pre>
 * int layout (LAYOUT), vint clustering size, vint row count
 * rows, in SSTable order:  long token, bytes partition key, byte kind: 0 a row, then its clustering components (bytes
 *                         each); 1 the partition itself (the posting of partition-level terms), before its rows
 * vint index count
 * per index:              uuid index id, vint term count,
 *                         terms in unsigned byte order: bytes term, vint posting count, row ordinals (vint deltas)
 * </pre>
 * Opening notes where every row and term starts; a query binary-searches the first term of its range and reads
 * terms and postings from there only until the range ends, so its cost follows the matches, not the SSTable; it
 * decodes only the rows it takes, in table order, from where the previous page or round ended.
 */
final class Segment {
    /** Kinds of posted rows: a regular row, or the partition (partition-level terms, at {@link Clustering#STATIC}). */
    /** The body's layout, first in it: a file of an older one reads as damaged, so its terms are built again. */
    static final int LAYOUT = 0x53414933; // "SAI3": SAI2 files hold terms in the server's older encoding
    static final int ROW = 0;
    static final int PARTITION = 1;

    private final ByteBuffer body;
    private final int clusteringSize;
    private final int[] rowOffsets;
    private final Map<UUID, int[]> termOffsets;
    /** Skip points of long postings lists, by the offset of their first posting (see {@link PostingCursor#skipTo}). */
    private final Map<Integer, int[]> skips;

    /** Postings between two skip points of a long postings list. */
    private static final int SKIP_EVERY = 128;

    private Segment(ByteBuffer body, int clusteringSize, int[] rowOffsets, Map<UUID, int[]> termOffsets, Map<Integer, int[]> skips) {
        this.body = body;
        this.clusteringSize = clusteringSize;
        this.rowOffsets = rowOffsets;
        this.termOffsets = termOffsets;
        this.skips = skips;
    }

    /** Parses a checked SAI.db body (see {@code AttachedComponents.read}). */
    static Segment open(ByteBuffer body) {
        BufferReader in = new BufferReader(body);
        int layout = in.readInt();
        if (layout != LAYOUT) throw new CorruptDataException("SAI.db of another layout (" + Integer.toHexString(layout) + "), not " + Integer.toHexString(LAYOUT));
        int clusteringSize = in.readUnsignedVInt();
        int[] rowOffsets = new int[count(in, "rows")];
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
        Map<Integer, int[]> skips = new HashMap<>();
        for (int i = 0; i < indexCount; i++) {
            UUID id = in.readUuid();
            int[] offsets = new int[count(in, "terms")];
            for (int t = 0; t < offsets.length; t++) {
                offsets[t] = in.position();
                in.skipBytesWithLength();
                int postings = count(in, "postings");
                int first = in.position();
                // a long list gets a skip point every SKIP_EVERY postings: ordinal, offset after it, postings left
                int[] points = postings >= 2 * SKIP_EVERY ? new int[postings / SKIP_EVERY * 3] : null;
                int ordinal = 0;
                for (int p = 1; p <= postings; p++) {
                    ordinal += in.readUnsignedVInt();
                    if (points != null && p % SKIP_EVERY == 0) {
                        int at = (p / SKIP_EVERY - 1) * 3;
                        points[at] = ordinal;
                        points[at + 1] = in.position();
                        points[at + 2] = postings - p;
                    }
                }
                if (points != null) skips.put(first, points);
            }
            termOffsets.put(id, offsets);
        }
        return new Segment(body, clusteringSize, rowOffsets, termOffsets, skips);
    }

    /**
     * A count of entries that follow, each at least a byte long: a larger one is damage (or a file of an older layout),
     * refused before anything that large is allocated.
     */
    private static int count(BufferReader in, String what) {
        int count = in.readUnsignedVInt();
        if (count > in.remaining()) throw new CorruptDataException(count + " " + what + " in " + in.remaining() + " bytes at offset " + in.position());
        return count;
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
     * The rows holding a term of the range, in SSTable (table) order and distinct, from the first row {@code start}
     * admits (null: from the start). Lazy: every term of the range gets a cursor over its postings, skipped to that row;
     * the cursors are merged, and only the rows taken are decoded, so a later page of a query reads what is left.
     */
    Iterator<PrimaryKey> search(UUID index, TermRange range, SearchStart start, Comparator<PrimaryKey> order) {
        int[] offsets = termOffsets.get(index);
        if (offsets == null || range.isEmpty()) return Collections.emptyIterator();
        BufferReader in = new BufferReader(body);
        int firstRow = start == null ? 0 : firstRow(start, order);
        PriorityQueue<PostingCursor> cursors = new PriorityQueue<>(Comparator.comparingInt(PostingCursor::ordinal));
        for (int t = firstTerm(offsets, range, in); t < offsets.length; t++) {
            in.position(offsets[t]);
            if (range.endsBefore(in.readBytesWithLength())) break;
            int count = in.readUnsignedVInt();
            PostingCursor cursor = new PostingCursor(count, in.position(), skips.get(in.position()));
            if (cursor.skipTo(firstRow, in)) cursors.add(cursor);
        }
        return new Iterator<>() {
            private int last = -1;

            @Override
            public boolean hasNext() {
                while (!cursors.isEmpty() && cursors.peek().ordinal() == last) advance(); // a row holding several terms
                return !cursors.isEmpty();
            }

            @Override
            public PrimaryKey next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                last = cursors.peek().ordinal();
                advance();
                return row(last);
            }

            private void advance() {
                PostingCursor cursor = cursors.poll();
                if (cursor.next(in)) cursors.add(cursor);
            }
        };
    }

    /** One term's postings, read one ordinal at a time. */
    private static final class PostingCursor {
        private final int[] skips;
        private int remaining;
        private int offset;
        private int ordinal;

        PostingCursor(int count, int offset, int[] skips) {
            this.remaining = count;
            this.offset = offset;
            this.skips = skips;
        }

        int ordinal() {
            return ordinal;
        }

        /** Moves to the next posting; false past the last one. */
        boolean next(BufferReader in) {
            if (remaining == 0) return false;
            in.position(offset);
            ordinal += in.readUnsignedVInt();
            offset = in.position();
            remaining--;
            return true;
        }

        /**
         * Moves to the first posting at or past {@code row}; false when there is none. A long list jumps to its last
         * skip point before the row, so a later page does not decode the postings of the pages before it.
         */
        boolean skipTo(int row, BufferReader in) {
            if (skips != null) {
                int low = 0;
                int high = skips.length / 3; // skip points before the row: [0, low)
                while (low < high) {
                    int mid = (low + high) >>> 1;
                    if (skips[mid * 3] < row) low = mid + 1;
                    else high = mid;
                }
                if (low > 0) {
                    int at = (low - 1) * 3;
                    ordinal = skips[at];
                    offset = skips[at + 1];
                    remaining = skips[at + 2];
                }
            }
            while (next(in)) if (ordinal >= row) return true;
            return false;
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

    /** The ordinal of the first row {@code start} admits (rows are in SSTable order). */
    private int firstRow(SearchStart start, Comparator<PrimaryKey> order) {
        int low = 0;
        int high = rowOffsets.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (start.admits(row(mid), order)) high = mid;
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
