package org.charybdis.storage.commitlog;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The CRC32 of an entry: over its segment id, its length and its payload. The segment id makes an entry left
 * from a recycled file's previous life fail the check instead of being replayed. Reusable; one per thread.
 */
final class EntryChecksum {
    private final CRC32 crc = new CRC32();
    private final ByteBuffer prefix = ByteBuffer.allocate(12);

    /** The checksum of the payload's remaining bytes; the payload's position is unchanged. */
    int of(long segmentId, ByteBuffer payload) {
        int position = payload.position();
        crc.reset();
        prefix.clear();
        prefix.putLong(segmentId).putInt(payload.remaining()).flip();
        crc.update(prefix);
        crc.update(payload);
        payload.position(position);
        return (int) crc.getValue();
    }
}
