package org.charybdis.storage.rocks;

import org.charybdis.storage.data.DeletionTime;
import org.charybdis.storage.data.RangeTombstone;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.BufferWriter;
import org.charybdis.storage.serialization.CorruptDataException;
import org.charybdis.storage.serialization.DeletionSerializer;
import org.charybdis.storage.serialization.RowSerializer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of a table's column family, each starting with its format version: a row is the merged row as the SSTables
 * write it; a partition header is the partition deletion, the range tombstones and the static row.
 */
final class StoredValues {
    private static final int FORMAT = 1;

    private StoredValues() {}

    /** What a partition holds besides its rows; {@link #EMPTY} when nothing. */
    record Header(DeletionTime partitionDeletion, List<RangeTombstone> rangeTombstones, Row staticRow) {
        static final Header EMPTY = new Header(DeletionTime.LIVE, List.of(), null);

        boolean isEmpty() {
            return partitionDeletion.isLive() && rangeTombstones.isEmpty() && staticRow == null;
        }
    }

    static byte[] row(Row row, BufferWriter scratch) {
        scratch.clear();
        scratch.writeByte(FORMAT);
        RowSerializer.write(row, scratch);
        return scratch.copy().array();
    }

    static Row row(byte[] value, int clusteringSize) {
        BufferReader in = reader(value);
        return RowSerializer.read(in, clusteringSize);
    }

    static byte[] header(Header header, BufferWriter scratch) {
        scratch.clear();
        scratch.writeByte(FORMAT);
        DeletionSerializer.write(header.partitionDeletion(), scratch);
        scratch.writeUnsignedVInt(header.rangeTombstones().size());
        for (RangeTombstone rt : header.rangeTombstones()) DeletionSerializer.write(rt, scratch);
        scratch.writeByte(header.staticRow() == null ? 0 : 1);
        if (header.staticRow() != null) RowSerializer.write(header.staticRow(), scratch);
        return scratch.copy().array();
    }

    /** The header stored under a partition's header key, {@link Header#EMPTY} when there is none. */
    static Header header(byte[] value, int clusteringSize) {
        if (value == null) return Header.EMPTY;
        BufferReader in = reader(value);
        DeletionTime partitionDeletion = DeletionSerializer.read(in);
        int count = in.readUnsignedVInt();
        if (count > in.remaining()) throw new CorruptDataException("a partition header claims " + count + " range tombstones");
        List<RangeTombstone> tombstones = new ArrayList<>(count);
        for (int i = 0; i < count; i++) tombstones.add(DeletionSerializer.readRangeTombstone(in));
        Row staticRow = in.readByte() == 0 ? null : RowSerializer.read(in, clusteringSize);
        return new Header(partitionDeletion, List.copyOf(tombstones), staticRow);
    }

    static byte[] position(long position) {
        return ByteBuffer.allocate(Long.BYTES).putLong(0, position).array();
    }

    static long position(byte[] value) {
        return value == null ? -1 : ByteBuffer.wrap(value).getLong();
    }

    private static BufferReader reader(byte[] value) {
        BufferReader in = new BufferReader(ByteBuffer.wrap(value));
        int format = in.readByte();
        if (format != FORMAT) throw new CorruptDataException("unknown RocksDB value format " + format + " (this version reads " + FORMAT + ")");
        return in;
    }
}
