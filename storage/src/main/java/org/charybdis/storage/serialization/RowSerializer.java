package org.charybdis.storage.serialization;

import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ComplexDeletion;
import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.LivenessInfo;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowUpdate;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Rows on disk and in memtables, one format for both stored rows and updates:
 * <pre>
 * int    body length (bytes after this field), so readers can skip a row without decoding it
 * byte   flags: 1 static, 2 row marker, 4 marker expires, 8 row deletion, 16 collection deletions
 * ...    clustering components (absent for the static row), each varint length + bytes
 * [long marker timestamp, (varint ttl, varint expiration second if it expires)]
 * [long deletion timestamp, varint local deletion second]
 * varint cell count, then cells:
 *        byte flags (1 has path, 2 tombstone, 4 expiring), varint column, [path], long timestamp,
 *        [varint ttl, varint expiration] | [varint deletion second], [value, unless a tombstone]
 * [varint count, then per collection deletion: varint column, deletion]
 * </pre>
 * Cells of a stored row are written in the row's order; an update's cells as given (replay merges them).
 */
public final class RowSerializer {
    private static final int STATIC = 1;
    private static final int HAS_MARKER = 2;
    private static final int MARKER_EXPIRES = 4;
    private static final int HAS_DELETION = 8;
    private static final int HAS_COMPLEX_DELETIONS = 16;

    private static final int CELL_HAS_PATH = 1;
    private static final int CELL_TOMBSTONE = 2;
    private static final int CELL_EXPIRING = 4;

    private static final Cell[] NO_CELLS = new Cell[0];
    private static final ComplexDeletion[] NO_COMPLEX_DELETIONS = new ComplexDeletion[0];

    private RowSerializer() {}

    public static void write(Row row, BufferWriter out) {
        int lengthAt = beginRow(out, row.clustering(), row.liveness(), row.deletion(), row.complexDeletionCount() > 0);
        out.writeUnsignedVInt(row.cellCount());
        for (int i = 0; i < row.cellCount(); i++) writeCell(row.cell(i), out);
        if (row.complexDeletionCount() > 0) {
            out.writeUnsignedVInt(row.complexDeletionCount());
            for (int i = 0; i < row.complexDeletionCount(); i++) writeComplexDeletion(row.complexDeletionAt(i), out);
        }
        out.putInt(lengthAt, out.position() - lengthAt - 4);
    }

    public static void write(RowUpdate update, BufferWriter out) {
        List<ComplexDeletion> complexDeletions = update.complexDeletions();
        int lengthAt = beginRow(out, update.clustering(), update.liveness(), update.deletion(), !complexDeletions.isEmpty());
        List<Cell> cells = update.cells();
        out.writeUnsignedVInt(cells.size());
        for (Cell cell : cells) writeCell(cell, out);
        if (!complexDeletions.isEmpty()) {
            out.writeUnsignedVInt(complexDeletions.size());
            for (ComplexDeletion d : complexDeletions) writeComplexDeletion(d, out);
        }
        out.putInt(lengthAt, out.position() - lengthAt - 4);
    }

    /** Reads a stored row; its cells must have been written in order. */
    public static Row read(BufferReader in, int clusteringSize) {
        int end = bodyEnd(in);
        int flags = in.readByte();
        Clustering clustering = (flags & STATIC) != 0 ? Clustering.STATIC : ClusteringSerializer.readClustering(in, clusteringSize);
        LivenessInfo marker = readMarker(in, flags);
        DeletionTime deletion = (flags & HAS_DELETION) != 0 ? DeletionSerializer.read(in) : DeletionTime.LIVE;
        int cellCount = in.readUnsignedVInt();
        Cell[] cells = cellCount == 0 ? NO_CELLS : new Cell[Math.min(cellCount, in.remaining())];
        if (cells.length < cellCount) throw new CorruptDataException("row claims " + cellCount + " cells in " + in.remaining() + " bytes");
        for (int i = 0; i < cellCount; i++) cells[i] = readCell(in);
        ComplexDeletion[] complexDeletions = NO_COMPLEX_DELETIONS;
        if ((flags & HAS_COMPLEX_DELETIONS) != 0) {
            int count = in.readUnsignedVInt();
            if (count > in.remaining()) throw new CorruptDataException("row claims " + count + " collection deletions");
            complexDeletions = new ComplexDeletion[count];
            for (int i = 0; i < count; i++) complexDeletions[i] = readComplexDeletion(in);
        }
        checkEnd(in, end);
        return Row.stored(clustering, marker, deletion, cells, complexDeletions);
    }

    /** Reads an update (possibly the static row's) into the builder of its partition. */
    public static void readInto(BufferReader in, int clusteringSize, PartitionUpdate.Builder builder) {
        int end = bodyEnd(in);
        int flags = in.readByte();
        Clustering clustering = (flags & STATIC) != 0 ? Clustering.STATIC : ClusteringSerializer.readClustering(in, clusteringSize);
        RowUpdate row = builder.row(clustering);
        row.liveness(readMarker(in, flags));
        if ((flags & HAS_DELETION) != 0) {
            DeletionTime deletion = DeletionSerializer.read(in);
            row.delete(deletion.markedForDeleteAt(), deletion.localDeletionTime());
        }
        int cellCount = in.readUnsignedVInt();
        for (int i = 0; i < cellCount; i++) row.add(readCell(in));
        if ((flags & HAS_COMPLEX_DELETIONS) != 0) {
            int count = in.readUnsignedVInt();
            for (int i = 0; i < count; i++) {
                ComplexDeletion d = readComplexDeletion(in);
                row.deleteComplex(d.column(), d.deletion().markedForDeleteAt(), d.deletion().localDeletionTime());
            }
        }
        checkEnd(in, end);
    }

    /** Reads only the clustering of the row at the reader's position and leaves the reader after the row. */
    public static Clustering readClusteringAndSkip(BufferReader in, int clusteringSize) {
        int end = bodyEnd(in);
        int flags = in.readByte();
        Clustering clustering = (flags & STATIC) != 0 ? Clustering.STATIC : ClusteringSerializer.readClustering(in, clusteringSize);
        in.position(end);
        return clustering;
    }

    /** Skips the row at the reader's position. */
    public static void skip(BufferReader in) {
        in.position(bodyEnd(in));
    }

    private static int beginRow(BufferWriter out, Clustering clustering, LivenessInfo marker, DeletionTime deletion,
                                boolean hasComplexDeletions) {
        int lengthAt = out.position();
        out.writeInt(0);
        int flags = (clustering.isStatic() ? STATIC : 0)
                | (marker.isEmpty() ? 0 : HAS_MARKER)
                | (marker.isExpiring() ? MARKER_EXPIRES : 0)
                | (deletion.isLive() ? 0 : HAS_DELETION)
                | (hasComplexDeletions ? HAS_COMPLEX_DELETIONS : 0);
        out.writeByte(flags);
        if (!clustering.isStatic()) ClusteringSerializer.writeClustering(clustering, out);
        if (!marker.isEmpty()) {
            out.writeLong(marker.timestamp());
            if (marker.isExpiring()) {
                out.writeUnsignedVInt(marker.ttl());
                out.writeVLong(marker.localExpirationTime());
            }
        }
        if (!deletion.isLive()) DeletionSerializer.write(deletion, out);
        return lengthAt;
    }

    private static LivenessInfo readMarker(BufferReader in, int flags) {
        if ((flags & HAS_MARKER) == 0) return LivenessInfo.EMPTY;
        long timestamp = in.readLong();
        if ((flags & MARKER_EXPIRES) == 0) return new LivenessInfo(timestamp, 0, LivenessInfo.NO_EXPIRATION_TIME);
        int ttl = in.readUnsignedVInt();
        return new LivenessInfo(timestamp, ttl, in.readVLong());
    }

    private static void writeCell(Cell cell, BufferWriter out) {
        boolean tombstone = cell.isTombstone();
        int flags = (cell.path() != null ? CELL_HAS_PATH : 0) | (tombstone ? CELL_TOMBSTONE : 0) | (cell.isExpiring() ? CELL_EXPIRING : 0);
        out.writeByte(flags);
        out.writeUnsignedVInt(cell.column());
        if (cell.path() != null) out.writeBytesWithLength(cell.path());
        out.writeLong(cell.timestamp());
        if (cell.isExpiring()) {
            out.writeUnsignedVInt(cell.ttl());
            out.writeVLong(cell.localDeletionTime());
        } else if (tombstone) {
            out.writeVLong(cell.localDeletionTime());
        }
        if (!tombstone) out.writeBytesWithLength(cell.value());
    }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private static Cell readCell(BufferReader in) {
        int flags = in.readByte();
        int column = in.readUnsignedVInt();
        ByteBuffer path = (flags & CELL_HAS_PATH) != 0 ? in.readBytesWithLength() : null;
        long timestamp = in.readLong();
        if ((flags & CELL_EXPIRING) != 0) {
            int ttl = in.readUnsignedVInt();
            long expiration = in.readVLong();
            if (ttl == 0) throw new CorruptDataException("expiring cell without a ttl");
            return new Cell(column, path, in.readBytesWithLength(), timestamp, ttl, expiration);
        }
        if ((flags & CELL_TOMBSTONE) != 0) return new Cell(column, path, EMPTY, timestamp, 0, in.readVLong());
        return new Cell(column, path, in.readBytesWithLength(), timestamp, 0, Cell.NO_DELETION_TIME);
    }

    private static void writeComplexDeletion(ComplexDeletion deletion, BufferWriter out) {
        out.writeUnsignedVInt(deletion.column());
        DeletionSerializer.write(deletion.deletion(), out);
    }

    private static ComplexDeletion readComplexDeletion(BufferReader in) {
        int column = in.readUnsignedVInt();
        return new ComplexDeletion(column, DeletionSerializer.read(in));
    }

    private static int bodyEnd(BufferReader in) {
        int length = in.readInt();
        if (length < 1 || length > in.remaining())
            throw new CorruptDataException("row length " + length + " with " + in.remaining() + " bytes left");
        return in.position() + length;
    }

    private static void checkEnd(BufferReader in, int end) {
        if (in.position() != end) throw new CorruptDataException("row ends at " + in.position() + ", its length says " + end);
    }
}
