package org.charybdis.storage.sstable;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.BufferWriter;
import org.charybdis.storage.serialization.ClusteringSerializer;
import org.charybdis.storage.serialization.CorruptDataException;

import java.util.List;

/**
 * One block of a large partition's row index: the clusterings of its first and last rows and where its bytes
 * are, relative to the partition's start. A slice read loads only the blocks that can hold its rows.
 */
record RowIndexBlock(Clustering first, Clustering last, long offset, long length) {
    /** Rows are cut into blocks of about this many uncompressed bytes; smaller partitions get no row index. */
    static final int BLOCK_SIZE = 16 * 1024;

    boolean mayIntersect(Slice slice, ClusteringComparator comparator) {
        return comparator.compare(slice.start(), last) < 0 && comparator.compare(first, slice.end()) < 0;
    }

    static void writeAll(List<RowIndexBlock> blocks, BufferWriter out) {
        out.writeUnsignedVInt(blocks.size());
        for (RowIndexBlock b : blocks) {
            ClusteringSerializer.writeClustering(b.first, out);
            ClusteringSerializer.writeClustering(b.last, out);
            out.writeUnsignedVLong(b.offset);
            out.writeUnsignedVLong(b.length);
        }
    }

    static RowIndexBlock[] readAll(BufferReader in, int clusteringSize) {
        int count = in.readUnsignedVInt();
        if (count > in.remaining()) throw new CorruptDataException("row index claims " + count + " blocks");
        RowIndexBlock[] blocks = new RowIndexBlock[count];
        for (int i = 0; i < count; i++) {
            Clustering first = ClusteringSerializer.readClustering(in, clusteringSize);
            Clustering last = ClusteringSerializer.readClustering(in, clusteringSize);
            blocks[i] = new RowIndexBlock(first, last, in.readUnsignedVLong(), in.readUnsignedVLong());
        }
        if (in.hasRemaining()) throw new CorruptDataException(in.remaining() + " bytes after the row index");
        return blocks;
    }
}
