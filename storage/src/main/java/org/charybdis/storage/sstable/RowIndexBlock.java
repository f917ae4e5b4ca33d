package org.charybdis.storage.sstable;

import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.BufferWriter;
import org.charybdis.storage.serialization.ClusteringSerializer;
import org.charybdis.storage.serialization.CorruptDataException;

/**
 * One block of a large partition's row index: the clusterings of its first and last rows and where its bytes
 * are, relative to the partition's start. A slice read reads only the blocks that can hold its rows.
 */
record RowIndexBlock(Clustering first, Clustering last, long offset, long length) {
    /** Rows are cut into blocks of about this many uncompressed bytes; smaller partitions get no row index. */
    static final int BLOCK_SIZE = 16 * 1024;

    /** The block's entry: clustering first, clustering last, varint offset, varint length. */
    void writeTo(BufferWriter out) {
        ClusteringSerializer.writeClustering(first, out);
        ClusteringSerializer.writeClustering(last, out);
        out.writeUnsignedVLong(offset);
        out.writeUnsignedVLong(length);
    }

    static RowIndexBlock read(BufferReader in, int clusteringSize) {
        Clustering first = ClusteringSerializer.readClustering(in, clusteringSize);
        Clustering last = ClusteringSerializer.readClustering(in, clusteringSize);
        return new RowIndexBlock(first, last, in.readUnsignedVLong(), in.readUnsignedVLong());
    }

    /** A format version 1 row index, decoded whole: varint block count, then the entries. */
    static RowIndexBlock[] readVersion1(BufferReader in, int clusteringSize) {
        int count = in.readUnsignedVInt();
        if (count > in.remaining()) throw new CorruptDataException("row index claims " + count + " blocks");
        RowIndexBlock[] blocks = new RowIndexBlock[count];
        for (int i = 0; i < count; i++) blocks[i] = read(in, clusteringSize);
        if (in.hasRemaining()) throw new CorruptDataException(in.remaining() + " bytes after the row index");
        return blocks;
    }
}
