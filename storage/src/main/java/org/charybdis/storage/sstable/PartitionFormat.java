package org.charybdis.storage.sstable;

import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.BufferWriter;
import org.charybdis.storage.serialization.CorruptDataException;
import org.charybdis.storage.serialization.DeletionSerializer;
import org.charybdis.storage.serialization.RowSerializer;

import java.util.List;

/**
 * A partition in Data.db's uncompressed stream:
 * <pre>
 * header: long token, varint key length + key,
 *         byte flags (1 partition deletion, 2 static row, 4 range tombstones),
 *         [deletion], [varint count + range tombstones], [static row]
 * rows:   {@link RowSerializer} rows in clustering order
 * [row index: {@link RowIndexBlock}s, present when the rows span more than one block]
 * </pre>
 * Range tombstones all sit in the header, so a slice read that loads the header sees every deletion.
 */
final class PartitionFormat {
    private static final int HAS_DELETION = 1;
    private static final int HAS_STATIC_ROW = 2;
    private static final int HAS_RANGE_TOMBSTONES = 4;

    private PartitionFormat() {}

    static void writeHeader(PartitionFragment partition, BufferWriter out) {
        DecoratedKey key = partition.key();
        SSTableStatistics.writeKey(key, out);
        DeletionTime deletion = partition.partitionDeletion();
        List<RangeTombstone> tombstones = partition.rangeTombstones();
        Row staticRow = partition.staticRow();
        if (staticRow != null && staticRow.isEmpty()) staticRow = null;
        out.writeByte((deletion.isLive() ? 0 : HAS_DELETION) | (staticRow != null ? HAS_STATIC_ROW : 0)
                | (tombstones.isEmpty() ? 0 : HAS_RANGE_TOMBSTONES));
        if (!deletion.isLive()) DeletionSerializer.write(deletion, out);
        if (!tombstones.isEmpty()) {
            out.writeUnsignedVInt(tombstones.size());
            for (RangeTombstone rt : tombstones) DeletionSerializer.write(rt, out);
        }
        if (staticRow != null) RowSerializer.write(staticRow, out);
    }

    /** The decoded header of a partition. */
    record Header(DecoratedKey key, DeletionTime deletion, List<RangeTombstone> rangeTombstones, Row staticRow) {}

    static Header readHeader(BufferReader in) {
        DecoratedKey key = SSTableStatistics.readKey(in);
        int flags = in.readByte();
        if (flags > 7) throw new CorruptDataException("unknown partition flags " + flags);
        DeletionTime deletion = (flags & HAS_DELETION) != 0 ? DeletionSerializer.read(in) : DeletionTime.LIVE;
        List<RangeTombstone> tombstones = List.of();
        if ((flags & HAS_RANGE_TOMBSTONES) != 0) {
            int count = in.readUnsignedVInt();
            if (count > in.remaining()) throw new CorruptDataException("partition claims " + count + " range tombstones");
            RangeTombstone[] read = new RangeTombstone[count];
            for (int i = 0; i < count; i++) read[i] = DeletionSerializer.readRangeTombstone(in);
            tombstones = List.of(read);
        }
        Row staticRow = null;
        if ((flags & HAS_STATIC_ROW) != 0) {
            staticRow = RowSerializer.read(in, 0);
            if (!staticRow.clustering().isStatic()) throw new CorruptDataException("static row flag on a regular row");
        }
        return new Header(key, deletion, tombstones, staticRow);
    }

    /**
     * Decodes every row left in the reader, keeping those inside one of the slices (all of them when slices is
     * null), and appends them to out in clustering order.
     */
    static void readRows(BufferReader in, int clusteringSize, List<Slice> slices, ClusteringComparator comparator, List<Row> out) {
        while (in.hasRemaining()) {
            Row row = RowSerializer.read(in, clusteringSize);
            if (row.clustering().isStatic()) throw new CorruptDataException("static row among regular rows");
            if (slices == null || inAnySlice(row, slices, comparator)) out.add(row);
        }
    }

    static StoredPartition partition(Header header, List<Row> rows, ClusteringComparator comparator) {
        return new StoredPartition(header.key(), header.deletion(), header.rangeTombstones(), header.staticRow(),
                rows.toArray(new Row[0]), comparator);
    }

    private static boolean inAnySlice(Row row, List<Slice> slices, ClusteringComparator comparator) {
        for (int i = 0; i < slices.size(); i++) if (comparator.contains(slices.get(i), row.clustering())) return true;
        return false;
    }
}
