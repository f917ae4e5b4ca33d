package org.charybdis.storage.serialization;

import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.RangeTombstone;

/** Deletion times and range tombstones on disk: the timestamp as 8 bytes, the local deletion second as a varint. */
public final class DeletionSerializer {
    private DeletionSerializer() {}

    public static void write(DeletionTime deletion, BufferWriter out) {
        out.writeLong(deletion.markedForDeleteAt());
        out.writeVLong(deletion.localDeletionTime());
    }

    public static DeletionTime read(BufferReader in) {
        long markedForDeleteAt = in.readLong();
        long localDeletionTime = in.readVLong();
        DeletionTime deletion = new DeletionTime(markedForDeleteAt, localDeletionTime);
        return deletion.equals(DeletionTime.LIVE) ? DeletionTime.LIVE : deletion;
    }

    public static void write(RangeTombstone tombstone, BufferWriter out) {
        ClusteringSerializer.writeSlice(tombstone.slice(), out);
        write(tombstone.deletion(), out);
    }

    public static RangeTombstone readRangeTombstone(BufferReader in) {
        return new RangeTombstone(ClusteringSerializer.readSlice(in), read(in));
    }
}
