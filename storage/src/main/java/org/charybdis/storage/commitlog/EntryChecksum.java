package org.charybdis.storage.commitlog;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The CRC32s of the commit log's records. Headers are checked apart from payloads, so a damaged length is told
 * from a damaged payload and replay can look for the next intact header after damage; a header's CRC covers the
 * segment id, so an entry left from a recycled file's previous life fails it. Reusable; one per thread.
 */
final class EntryChecksum {
    private final CRC32 crc = new CRC32();
    private final ByteBuffer prefix = ByteBuffer.allocate(20);

    /** An entry header's CRC: segment id long | payload length int. */
    int header(long segmentId, int length) {
        prefix.clear();
        prefix.putLong(segmentId).putInt(length).flip();
        return of(prefix);
    }

    /** A sync marker's CRC: segment id long | marker tag int | synced position long. */
    int marker(long segmentId, long syncedPosition) {
        prefix.clear();
        prefix.putLong(segmentId).putInt(CommitLogSegment.SYNC_MARKER).putLong(syncedPosition).flip();
        return of(prefix);
    }

    /** The CRC of the payload's remaining bytes; its position is unchanged. */
    int payload(ByteBuffer payload) {
        int position = payload.position();
        crc.reset();
        crc.update(payload);
        payload.position(position);
        return (int) crc.getValue();
    }

    /** Format version 1: one CRC over segment id long | payload length int | payload. */
    int legacyEntry(long segmentId, ByteBuffer payload) {
        int position = payload.position();
        prefix.clear();
        prefix.putLong(segmentId).putInt(payload.remaining()).flip();
        crc.reset();
        crc.update(prefix);
        crc.update(payload);
        payload.position(position);
        return (int) crc.getValue();
    }

    private int of(ByteBuffer bytes) {
        crc.reset();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
