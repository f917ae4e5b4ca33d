package org.charybdis.storage.commitlog;

import org.charybdis.storage.serialization.CorruptDataException;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/** The first bytes of a segment file, as laid out in {@link CommitLogSegment}. */
record SegmentHeader(int formatVersion, int shardId, long segmentId) {
    static final int MAGIC = 0x4348_434C; // "CHCL": CHarybdis Commit Log
    static final int FORMAT_VERSION = 2;
    /** The first format: entries without a separate header CRC, no sync markers. */
    static final int LEGACY_FORMAT_VERSION = 1;
    static final int SIZE = 4 + 4 + 4 + 8 + 4;

    static boolean isReadable(int formatVersion) {
        return formatVersion == FORMAT_VERSION || formatVersion == LEGACY_FORMAT_VERSION;
    }

    static SegmentHeader current(int shardId, long segmentId) {
        return new SegmentHeader(FORMAT_VERSION, shardId, segmentId);
    }

    /** Writes the header at the buffer's position, advancing it by {@link #SIZE}. */
    void writeTo(ByteBuffer dst) {
        int start = dst.position();
        dst.putInt(MAGIC).putInt(formatVersion).putInt(shardId).putLong(segmentId);
        dst.putInt(crcOf(dst, start));
    }

    /**
     * Decodes the header at the buffer's position (which is left unchanged); null if the bytes are all zero,
     * as in a released segment waiting to be reused or a file that was never initialized.
     */
    static SegmentHeader read(ByteBuffer src) {
        int start = src.position();
        if (src.remaining() < SIZE) throw new CorruptDataException("segment header truncated: " + src.remaining() + " bytes");
        if (isBlank(src, start)) return null;
        int magic = src.getInt(start);
        if (magic != MAGIC) throw new CorruptDataException(String.format("bad segment magic 0x%08x", magic));
        int storedCrc = src.getInt(start + SIZE - 4);
        int actualCrc = crcOf(src.duplicate().position(start + SIZE - 4), start);
        if (storedCrc != actualCrc) throw new CorruptDataException("segment header checksum mismatch");
        return new SegmentHeader(src.getInt(start + 4), src.getInt(start + 8), src.getLong(start + 12));
    }

    private static boolean isBlank(ByteBuffer src, int start) {
        for (int i = 0; i < SIZE; i++) {
            if (src.get(start + i) != 0) return false;
        }
        return true;
    }

    /** CRC32 of the bytes from start up to the buffer's position. */
    private static int crcOf(ByteBuffer buffer, int start) {
        CRC32 crc = new CRC32();
        crc.update(buffer.duplicate().position(start).limit(buffer.position()));
        return (int) crc.getValue();
    }
}
