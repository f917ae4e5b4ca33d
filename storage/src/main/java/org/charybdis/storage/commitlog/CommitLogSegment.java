package org.charybdis.storage.commitlog;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * One live segment file of a shard's commit log: the entries appended to it that are not written yet, how far
 * it is written and fsynced, and which tables still have unflushed entries in it. Owned by the shard thread.
 * <p>
 * File format, version 2 (all numbers big-endian). The file is pre-allocated to the segment size, zero-filled
 * or reused from a released segment:
 * <pre>
 * header       (24 bytes)  magic "CHCL" int | format version int | shard id int | segment id long | CRC32 of the previous 20 bytes
 * entry        (repeated)  payload length int (&gt; 0) | header CRC32 int | payload CRC32 int | payload
 *                          the header CRC32 covers segment id long | payload length int
 * sync marker  (16 bytes)  -1 int | CRC32 int | synced position long
 *                          the CRC32 covers segment id long | -1 int | synced position long
 * end                      a zero length and CRCs (the zero fill), or too little room for another entry header
 * </pre>
 * A sync marker follows each fsync: every byte of the log before its synced position is on disk. Replay uses it
 * to tell damage to entries that were fsynced (and may have been acknowledged) from a torn tail, and the
 * separate header CRC lets it find the next intact entry after damage.
 * <p>
 * Version 1 had an 8-byte entry header (length | one CRC32 over segment id, length and payload) and no markers;
 * replay still reads it.
 * <p>
 * Writes cover whole 4 KiB pages: the last, partially filled page is zero-padded and rewritten by the next
 * write, and a write ending exactly on a page boundary also writes the following page as zeros, so the entry
 * after the last one always reads as the end even in a reused file. A released segment gets a zeroed header
 * before it waits for reuse, so it never replays again.
 */
final class CommitLogSegment {
    static final int PAGE_SIZE = 4096;
    static final int MAX_REQUEST_SIZE = 128 * 1024;
    static final int HEADER_SIZE = SegmentHeader.SIZE;
    static final int ENTRY_HEADER_SIZE = 12;
    /** The length field of a sync marker. */
    static final int SYNC_MARKER = -1;
    static final int SYNC_MARKER_SIZE = 16;
    private static final int INITIAL_BUFFER = 64 * 1024;
    private static final Function<UUID, int[]> NEW_MARK = table -> new int[1];

    private final long id;
    private final Path path;
    private final FileChannel channel;
    private final int size;
    /** Per dirty table, the end offset of its last entry here. */
    private final HashMap<UUID, int[]> dirty = new HashMap<>();

    /** File bytes [bufferStart, dataEnd) not written yet, or in the partially written last page; null once done. */
    private byte[] buffer;
    private int bufferStart;
    private int dataEnd;
    private int writtenBytes;
    private int syncedBytes;
    private boolean full;

    /** A segment whose header page is already written and synced. */
    CommitLogSegment(long id, Path path, FileChannel channel, int size, ByteBuffer header) {
        this.id = id;
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.buffer = new byte[Math.min(size, INITIAL_BUFFER)];
        int headerLength = header.remaining();
        header.get(header.position(), buffer, 0, headerLength);
        this.dataEnd = headerLength;
        this.writtenBytes = headerLength;
        this.syncedBytes = headerLength;
    }

    long id() { return id; }

    Path path() { return path; }

    FileChannel channel() { return channel; }

    int dataEnd() { return dataEnd; }

    int writtenBytes() { return writtenBytes; }

    boolean isFull() { return full; }

    boolean hasUnwrittenData() { return writtenBytes < dataEnd; }

    boolean hasUnsyncedData() { return syncedBytes < writtenBytes; }

    /** Bytes appended but not yet written to the file. */
    int unwrittenBytes() { return dataEnd - writtenBytes; }

    /** Whether an entry with this payload length fits in the room left; a full segment takes nothing more. */
    boolean hasRoom(int payloadLength) {
        return !full && (long) dataEnd + ENTRY_HEADER_SIZE + payloadLength <= size;
    }

    /** No more entries go here; the next segment takes over. */
    void markFull() { full = true; }

    /** Appends one entry and marks its tables dirty; returns the entry's end offset. The caller checked {@link #hasRoom}. */
    int append(ByteBuffer payload, int headerCrc, int payloadCrc, Collection<UUID> tables) {
        int length = payload.remaining();
        int at = dataEnd - bufferStart;
        ensureCapacity(at + ENTRY_HEADER_SIZE + length);
        putInt(at, length);
        putInt(at + 4, headerCrc);
        putInt(at + 8, payloadCrc);
        payload.get(payload.position(), buffer, at + ENTRY_HEADER_SIZE, length);
        dataEnd += ENTRY_HEADER_SIZE + length;
        for (UUID table : tables) dirty.computeIfAbsent(table, NEW_MARK)[0] = dataEnd;
        return dataEnd;
    }

    boolean hasRoomForSyncMarker() {
        return !full && dataEnd + SYNC_MARKER_SIZE <= size;
    }

    /** Appends a sync marker; the caller checked {@link #hasRoomForSyncMarker}. */
    void appendSyncMarker(long syncedPosition, int crc) {
        int at = dataEnd - bufferStart;
        ensureCapacity(at + SYNC_MARKER_SIZE);
        putInt(at, SYNC_MARKER);
        putInt(at + 4, crc);
        putInt(at + 8, (int) (syncedPosition >>> 32));
        putInt(at + 12, (int) syncedPosition);
        dataEnd += SYNC_MARKER_SIZE;
    }

    /** The page-aligned file offset of the first byte still buffered. */
    int bufferStart() { return bufferStart; }

    /** Copies buffered file bytes [from, to) into dst at its position. */
    void copyBuffered(int from, int to, ByteBuffer dst) {
        dst.put(buffer, from - bufferStart, to - from);
    }

    /** The file now holds every byte up to writtenUpTo; drops the buffered pages before the last partial one. */
    void markWritten(int writtenUpTo) {
        writtenBytes = writtenUpTo;
        if (full && writtenBytes == dataEnd) {
            buffer = null;
            return;
        }
        int newStart = writtenUpTo - writtenUpTo % PAGE_SIZE;
        int kept = dataEnd - newStart;
        System.arraycopy(buffer, newStart - bufferStart, buffer, 0, kept);
        bufferStart = newStart;
    }

    void markSynced() { syncedBytes = writtenBytes; }

    /** The table's entries up to this position are flushed: it is clean here if all its entries here are covered. */
    void markClean(UUID table, long upToPosition) {
        long positionSegment = CommitLogPosition.segmentId(upToPosition);
        if (id < positionSegment) {
            dirty.remove(table);
        } else if (id == positionSegment) {
            int[] lastEnd = dirty.get(table);
            if (lastEnd != null && lastEnd[0] <= CommitLogPosition.offset(upToPosition)) dirty.remove(table);
        }
    }

    boolean isClean() { return dirty.isEmpty(); }

    Set<UUID> dirtyTables() { return Set.copyOf(dirty.keySet()); }

    /** Full, entirely written and clean: nothing here is needed any more. */
    boolean isReleasable() {
        return full && isSpent();
    }

    /** Entirely written and clean: every table flushed past its entries. */
    boolean isSpent() {
        return writtenBytes == dataEnd && dirty.isEmpty();
    }

    @Override
    public String toString() { return path.getFileName().toString(); }

    private void ensureCapacity(int needed) {
        if (needed <= buffer.length) return;
        int capacity = buffer.length;
        while (capacity < needed) capacity = Math.min(size, capacity * 2);
        byte[] grown = new byte[capacity];
        System.arraycopy(buffer, 0, grown, 0, dataEnd - bufferStart);
        buffer = grown;
    }

    private void putInt(int at, int value) {
        buffer[at] = (byte) (value >>> 24);
        buffer[at + 1] = (byte) (value >>> 16);
        buffer[at + 2] = (byte) (value >>> 8);
        buffer[at + 3] = (byte) value;
    }
}
