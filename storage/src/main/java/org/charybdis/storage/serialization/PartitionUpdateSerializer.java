package org.charybdis.storage.serialization;

import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.dht.DecoratedKey;

/**
 * A partition update as the commitlog stores it:
 * <pre>
 * varint key length, key bytes (the token is recomputed on read)
 * byte   flags: 1 partition deletion, 2 static row
 * [deletion]
 * varint range tombstone count, range tombstones (slice bounds + deletion)
 * [static row update]
 * varint row count, row updates ({@link RowSerializer})
 * </pre>
 */
public final class PartitionUpdateSerializer {
    private static final int HAS_PARTITION_DELETION = 1;
    private static final int HAS_STATIC_ROW = 2;

    private PartitionUpdateSerializer() {}

    public static void write(PartitionUpdate update, BufferWriter out) {
        out.writeBytesWithLength(update.key().key());
        boolean deleted = !update.partitionDeletion().isLive();
        out.writeByte((deleted ? HAS_PARTITION_DELETION : 0) | (update.staticRow() != null ? HAS_STATIC_ROW : 0));
        if (deleted) DeletionSerializer.write(update.partitionDeletion(), out);
        out.writeUnsignedVInt(update.rangeTombstones().size());
        for (RangeTombstone rt : update.rangeTombstones()) DeletionSerializer.write(rt, out);
        if (update.staticRow() != null) RowSerializer.write(update.staticRow(), out);
        out.writeUnsignedVInt(update.rows().size());
        for (RowUpdate row : update.rows()) RowSerializer.write(row, out);
    }

    /** Reads an update; the key is copied, clusterings and cell values stay views of the reader's buffer. */
    public static PartitionUpdate read(BufferReader in, int clusteringSize) {
        var keyView = in.readBytesWithLength();
        var key = java.nio.ByteBuffer.allocate(keyView.remaining()).put(keyView).flip();
        PartitionUpdate.Builder builder = PartitionUpdate.builder(DecoratedKey.of(key));
        int flags = in.readByte();
        if ((flags & HAS_PARTITION_DELETION) != 0) {
            DeletionTime deletion = DeletionSerializer.read(in);
            builder.deletePartition(deletion.markedForDeleteAt(), deletion.localDeletionTime());
        }
        int rangeTombstones = in.readUnsignedVInt();
        for (int i = 0; i < rangeTombstones; i++) {
            RangeTombstone rt = DeletionSerializer.readRangeTombstone(in);
            builder.deleteRange(rt.slice(), rt.deletion().markedForDeleteAt(), rt.deletion().localDeletionTime());
        }
        if ((flags & HAS_STATIC_ROW) != 0) RowSerializer.readInto(in, clusteringSize, builder);
        int rows = in.readUnsignedVInt();
        for (int i = 0; i < rows; i++) RowSerializer.readInto(in, clusteringSize, builder);
        return builder.build();
    }
}
