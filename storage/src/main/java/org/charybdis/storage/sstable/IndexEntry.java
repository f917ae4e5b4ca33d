package org.charybdis.storage.sstable;

import org.charybdis.storage.data.UnsignedBytes;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.BufferWriter;
import org.charybdis.storage.serialization.CorruptDataException;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * One partition's entry in Index.db: where its bytes are in Data.db's uncompressed stream and how they split
 * into header, rows and row index.
 * <pre>
 * varint body length
 * body:  long token, varint key length + key, varlong data position, varint header length,
 *        varlong rows length, varlong partition length
 * int    CRC32 of the body
 * </pre>
 *
 * @param dataPosition    uncompressed offset of the partition in Data.db
 * @param headerLength    bytes of key, deletion, range tombstones and static row; rows start after them
 * @param rowsLength      bytes of rows; the row index (if any) follows them up to the partition's end
 * @param partitionLength all bytes of the partition
 */
record IndexEntry(DecoratedKey key, long dataPosition, int headerLength, long rowsLength, long partitionLength) {
    long rowIndexStart() { return headerLength + rowsLength; }

    boolean hasRowIndex() { return rowIndexStart() < partitionLength; }

    void writeTo(BufferWriter out, BufferWriter scratch, CRC32 crc) {
        scratch.clear();
        scratch.writeLong(key.token());
        scratch.writeBytesWithLength(key.key());
        scratch.writeUnsignedVLong(dataPosition);
        scratch.writeUnsignedVInt(headerLength);
        scratch.writeUnsignedVLong(rowsLength);
        scratch.writeUnsignedVLong(partitionLength);
        out.writeUnsignedVInt(scratch.position());
        out.writeBytes(scratch.array(), 0, scratch.position());
        crc.reset();
        crc.update(scratch.array(), 0, scratch.position());
        out.writeInt((int) crc.getValue());
    }

    /** Reads and checks the entry at the reader's position; the key is copied. */
    static IndexEntry read(BufferReader in, CRC32 crc) {
        int length = in.readUnsignedVInt();
        int bodyStart = in.position();
        ByteBuffer body = in.readBytes(length);
        int stored = in.readInt();
        crc.reset();
        crc.update(body.duplicate());
        if ((int) crc.getValue() != stored)
            throw new CorruptDataException(String.format("index entry checksum mismatch at offset %d: stored 0x%08X, computed 0x%08X",
                    bodyStart, stored, (int) crc.getValue()));
        BufferReader entry = new BufferReader(body);
        DecoratedKey key = SSTableStatistics.readKey(entry);
        long dataPosition = entry.readUnsignedVLong();
        int headerLength = entry.readUnsignedVInt();
        long rowsLength = entry.readUnsignedVLong();
        long partitionLength = entry.readUnsignedVLong();
        if (entry.hasRemaining() || headerLength + rowsLength > partitionLength)
            throw new CorruptDataException("malformed index entry at offset " + bodyStart);
        return new IndexEntry(key, dataPosition, headerLength, rowsLength, partitionLength);
    }

    /**
     * Finds the key's entry among the sorted entries of a summary span; null when absent. Entries before it are
     * skipped by length without decoding their keys unless their token matches.
     */
    static IndexEntry find(BufferReader in, DecoratedKey key, CRC32 crc) {
        while (in.hasRemaining()) {
            int start = in.position();
            int length = in.readUnsignedVInt();
            int bodyStart = in.position();
            long token = in.readLong();
            if (token > key.token()) return null;
            int order = token < key.token() ? -1 : compareKey(in, key.key());
            if (order > 0) return null;
            if (order == 0) {
                in.position(start);
                return read(in, crc);
            }
            in.position(bodyStart);
            in.skip(length + 4);
        }
        return null;
    }

    private static int compareKey(BufferReader in, ByteBuffer wanted) {
        ByteBuffer stored = in.readBytesWithLength();
        return UnsignedBytes.compare(stored, wanted);
    }
}
