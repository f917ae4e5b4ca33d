package org.charybdis.storage.commitlog;

import org.charybdis.storage.serialization.CorruptDataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.charybdis.storage.commitlog.CommitLogSegment.ENTRY_HEADER_SIZE;
import static org.charybdis.storage.commitlog.CommitLogSegment.HEADER_SIZE;
import static org.charybdis.storage.commitlog.CommitLogSegment.MAX_REQUEST_SIZE;
import static org.charybdis.storage.commitlog.CommitLogSegment.SYNC_MARKER;
import static org.charybdis.storage.commitlog.CommitLogSegment.SYNC_MARKER_SIZE;

/**
 * Replays one segment file: checks its header, then hands each intact entry to the handler, in order, until the
 * end. A damaged entry is skipped: when only its payload fails the checksum, replay goes on after it; when its
 * header is damaged, replay looks byte by byte for the next intact header (its CRC covers the segment id, so
 * entries of a recycled file's previous life never match) and goes on from there. Sync markers say how far the
 * log was fsynced, which tells the replayer whether damage hit durable entries. Reads 128 KiB at a time into a
 * window that grows only for an entry larger than it.
 */
final class SegmentReader {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentReader.class);
    private static final int LEGACY_ENTRY_HEADER_SIZE = 8;

    /** A damaged byte range [offset, resumedAt) of the file; resumedAt is the file size if nothing intact follows. */
    record Damage(long offset, long resumedAt, String reason) { }

    /**
     * How one segment's replay ended.
     *
     * @param maxSyncedPosition the highest synced position a sync marker of this file records, or NONE
     */
    record Outcome(long entries, long lastPosition, List<Damage> damages, long maxSyncedPosition) { }

    private final CommitLogIo io;
    private final Path file;
    private final SegmentFileName name;
    private final ReplayHandler handler;
    private final EntryChecksum checksum = new EntryChecksum();
    private final CompletableFuture<Outcome> result = new CompletableFuture<>();
    private final List<Damage> damages = new ArrayList<>();

    private FileChannel channel;
    private long fileSize;
    /** File bytes [windowStart, windowStart + windowBytes) are in window[0, windowBytes). */
    private byte[] window = new byte[MAX_REQUEST_SIZE];
    private long windowStart;
    private int windowBytes;
    private long offset = HEADER_SIZE;
    private long entries;
    private long lastPosition = CommitLogPosition.NONE;
    private long maxSyncedPosition = CommitLogPosition.NONE;
    /** While looking for an intact header after damage: where the damage starts, why, and the next offset to try. */
    private long damageStart;
    private String damageReason;
    private long scanAt;

    SegmentReader(CommitLogIo io, SegmentFileName.Found found, ReplayHandler handler) {
        this.io = io;
        this.file = found.path();
        this.name = found.name();
        this.handler = handler;
    }

    /** Replays the file; fails only on IO errors, a handler failure or a format this version cannot read. */
    CompletableFuture<Outcome> replay() {
        if (!SegmentHeader.isReadable(name.formatVersion())) {
            return CompletableFuture.failedFuture(unsupportedVersion(name.formatVersion()));
        }
        io.submit(0, () -> {
            FileChannel opened = FileChannel.open(file, StandardOpenOption.READ);
            fileSize = opened.size();
            return opened;
        }).whenComplete((opened, error) -> {
            if (error != null) {
                if (isMissingFile(error)) result.complete(new Outcome(0, CommitLogPosition.NONE, List.of(), CommitLogPosition.NONE));
                else result.completeExceptionally(error);
                return;
            }
            channel = opened;
            if (fileSize < HEADER_SIZE) { // its creation was interrupted before the header was written
                LOG.debug("Commit log segment {} has only {} bytes: nothing to replay", file, fileSize);
                finish();
            } else {
                fill(0, HEADER_SIZE, this::readHeader);
            }
        });
        return result;
    }

    private void readHeader() {
        SegmentHeader header;
        try {
            header = SegmentHeader.read(ByteBuffer.wrap(window, 0, HEADER_SIZE));
        } catch (CorruptDataException e) {
            readEntriesAfterDamagedHeader(e.getMessage());
            return;
        }
        if (header == null) {
            LOG.debug("Commit log segment {} is blank (released or never used)", file);
            finish();
        } else if (header.formatVersion() != name.formatVersion()) {
            fail(new IllegalStateException("Commit log segment " + file + " has format version " + header.formatVersion()
                    + " in its header but " + name.formatVersion() + " in its name"));
        } else if (header.shardId() != name.shardId() || header.segmentId() != name.segmentId()) {
            readEntriesAfterDamagedHeader("header names segment " + header.segmentId() + " of shard " + header.shardId());
        } else {
            parseEntries();
        }
    }

    /** The file's name still says which segment it is: its entries are found by their checksums. */
    private void readEntriesAfterDamagedHeader(String reason) {
        if (name.formatVersion() == SegmentHeader.LEGACY_FORMAT_VERSION) {
            damages.add(new Damage(0, fileSize, reason));
            finish();
            return;
        }
        damageStart = 0;
        damageReason = "segment header: " + reason;
        scanAt = HEADER_SIZE;
        resynchronize();
    }

    /** Replays entries while the window holds them; asks for more bytes and comes back when it runs out. */
    private void parseEntries() {
        if (name.formatVersion() == SegmentHeader.LEGACY_FORMAT_VERSION) {
            parseLegacyEntries();
            return;
        }
        try {
            while (true) {
                if (offset + ENTRY_HEADER_SIZE > fileSize) {
                    finish();
                    return;
                }
                int headerBytes = (int) Math.min(SYNC_MARKER_SIZE, fileSize - offset);
                if (!inWindow(offset, headerBytes)) {
                    fill(offset, headerBytes, this::parseEntries);
                    return;
                }
                int at = (int) (offset - windowStart);
                int length = intAt(at);
                if (!isIntactHeader(at, offset, headerBytes)) {
                    if (length == 0 && intAt(at + 4) == 0 && intAt(at + 8) == 0) { // the zero fill after the last entry
                        finish();
                        return;
                    }
                    damageStart = offset;
                    damageReason = describeDamagedHeader(length);
                    scanAt = offset + 1;
                    resynchronize();
                    return;
                }
                if (length == SYNC_MARKER) {
                    maxSyncedPosition = Math.max(maxSyncedPosition, longAt(at + 8));
                    offset += SYNC_MARKER_SIZE;
                    continue;
                }
                int entrySize = ENTRY_HEADER_SIZE + length;
                if (!inWindow(offset, entrySize)) {
                    fill(offset, entrySize, this::parseEntries);
                    return;
                }
                ByteBuffer payload = ByteBuffer.wrap(window, at + ENTRY_HEADER_SIZE, length).slice();
                if (checksum.payload(payload) != intAt(at + 8)) {
                    addDamage(offset, offset + entrySize, "payload checksum mismatch in an entry of " + length + " bytes");
                    offset += entrySize;
                    continue;
                }
                replay(payload, entrySize);
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /**
     * Whether an entry header or sync marker whose checksum holds starts here: window[at] holds file byte
     * position, and at least available (12 to 16) bytes of it are in the window.
     */
    private boolean isIntactHeader(int at, long position, int available) {
        int length = intAt(at);
        if (length == SYNC_MARKER) {
            return available >= SYNC_MARKER_SIZE && checksum.marker(name.segmentId(), longAt(at + 8)) == intAt(at + 4);
        }
        return length > 0 && length <= fileSize - position - ENTRY_HEADER_SIZE
                && checksum.header(name.segmentId(), length) == intAt(at + 4);
    }

    private String describeDamagedHeader(int length) {
        if (length == SYNC_MARKER) return "sync marker checksum mismatch";
        if (length <= 0) return "impossible entry length " + length;
        if (length > fileSize - offset - ENTRY_HEADER_SIZE) {
            return "entry of " + length + " bytes runs past the end of the file (" + fileSize + " bytes)";
        }
        return "entry header checksum mismatch";
    }

    /** Looks for the next intact header after damage, then goes on replaying from it; the damage ends there. */
    private void resynchronize() {
        try {
            while (scanAt + ENTRY_HEADER_SIZE <= fileSize) {
                int headerBytes = (int) Math.min(SYNC_MARKER_SIZE, fileSize - scanAt);
                if (!inWindow(scanAt, headerBytes)) {
                    fill(scanAt, (int) Math.min(MAX_REQUEST_SIZE, fileSize - scanAt), this::resynchronize);
                    return;
                }
                if (isIntactHeader((int) (scanAt - windowStart), scanAt, headerBytes)) {
                    addDamage(damageStart, scanAt, damageReason);
                    offset = scanAt;
                    parseEntries();
                    return;
                }
                scanAt++;
            }
            addDamage(damageStart, fileSize, damageReason);
            finish();
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /** Format version 1: entries checked by one CRC each, and replay of the file ends at the first damaged one. */
    private void parseLegacyEntries() {
        try {
            while (true) {
                if (offset + LEGACY_ENTRY_HEADER_SIZE > fileSize) {
                    finish();
                    return;
                }
                if (!inWindow(offset, LEGACY_ENTRY_HEADER_SIZE)) {
                    fill(offset, LEGACY_ENTRY_HEADER_SIZE, this::parseEntries);
                    return;
                }
                int at = (int) (offset - windowStart);
                int length = intAt(at);
                int crc = intAt(at + 4);
                if (length == 0 && crc == 0) {
                    finish();
                    return;
                }
                if (length <= 0 || length > fileSize - offset - LEGACY_ENTRY_HEADER_SIZE) {
                    damages.add(new Damage(offset, fileSize, "impossible entry length " + length));
                    finish();
                    return;
                }
                int entrySize = LEGACY_ENTRY_HEADER_SIZE + length;
                if (!inWindow(offset, entrySize)) {
                    fill(offset, entrySize, this::parseEntries);
                    return;
                }
                ByteBuffer payload = ByteBuffer.wrap(window, at + LEGACY_ENTRY_HEADER_SIZE, length).slice();
                if (checksum.legacyEntry(name.segmentId(), payload) != crc) {
                    damages.add(new Damage(offset, fileSize, "checksum mismatch"));
                    finish();
                    return;
                }
                replay(payload, entrySize);
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /** Hands the intact entry at the offset to the handler and moves past it. */
    private void replay(ByteBuffer payload, int entrySize) {
        offset += entrySize;
        entries++;
        lastPosition = CommitLogPosition.of(name.segmentId(), (int) offset);
        handler.replay(lastPosition, payload.asReadOnlyBuffer());
    }

    /** Records damage, merged with the previous one when they touch (a damaged payload after a damaged header). */
    private void addDamage(long from, long to, String reason) {
        if (!damages.isEmpty() && damages.getLast().resumedAt() == from) {
            Damage previous = damages.removeLast();
            damages.add(new Damage(previous.offset(), to, previous.reason()));
        } else {
            damages.add(new Damage(from, to, reason));
        }
    }

    private boolean inWindow(long from, int length) {
        return from >= windowStart && from + length <= windowStart + windowBytes;
    }

    /** Reads until file bytes [from, from + length) are in the window, then runs next; the caller checked the file size. */
    private void fill(long from, int length, Runnable next) {
        int kept = 0;
        if (from >= windowStart && from < windowStart + windowBytes) {
            kept = (int) (windowStart + windowBytes - from);
            System.arraycopy(window, (int) (from - windowStart), window, 0, kept);
        }
        if (length > window.length) {
            byte[] grown = new byte[Math.max(length, 2 * window.length)];
            System.arraycopy(window, 0, grown, 0, kept);
            window = grown;
        }
        windowStart = from;
        windowBytes = kept;
        readMore(length, next);
    }

    private void readMore(int wanted, Runnable next) {
        long readAt = windowStart + windowBytes;
        int toRead = (int) Math.min(Math.min(window.length - windowBytes, MAX_REQUEST_SIZE), fileSize - readAt);
        io.read(channel, ByteBuffer.wrap(window, windowBytes, toRead), readAt).whenComplete((count, error) -> {
            if (error != null) {
                fail(error);
                return;
            }
            if (count <= 0) { // the file shrank under us
                addDamage(readAt, fileSize, "file ended early at " + readAt + " bytes");
                finish();
                return;
            }
            windowBytes += count;
            if (windowBytes < wanted) readMore(wanted, next);
            else next.run();
        });
    }

    private static boolean isMissingFile(Throwable error) {
        return error instanceof NoSuchFileException || error.getCause() instanceof NoSuchFileException;
    }

    private int intAt(int at) {
        return (window[at] & 0xFF) << 24 | (window[at + 1] & 0xFF) << 16 | (window[at + 2] & 0xFF) << 8 | (window[at + 3] & 0xFF);
    }

    private long longAt(int at) {
        return (long) intAt(at) << 32 | (intAt(at + 4) & 0xFFFF_FFFFL);
    }

    private IllegalStateException unsupportedVersion(int version) {
        return new IllegalStateException("Commit log segment " + file + " has format version " + version
                + "; this version of Charybdis reads only version " + SegmentHeader.FORMAT_VERSION);
    }

    private void finish() {
        closeThen(() -> result.complete(new Outcome(entries, lastPosition, List.copyOf(damages), maxSyncedPosition)));
    }

    private void fail(Throwable error) {
        closeThen(() -> result.completeExceptionally(error));
    }

    private void closeThen(Runnable completion) {
        if (channel == null) {
            completion.run();
            return;
        }
        io.close(channel).whenComplete((v, error) -> completion.run());
    }
}
