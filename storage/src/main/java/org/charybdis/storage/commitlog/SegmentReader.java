package org.charybdis.storage.commitlog;

import org.charybdis.storage.serialization.CorruptDataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;

import static org.charybdis.storage.commitlog.CommitLogSegment.ENTRY_HEADER_SIZE;
import static org.charybdis.storage.commitlog.CommitLogSegment.HEADER_SIZE;
import static org.charybdis.storage.commitlog.CommitLogSegment.MAX_REQUEST_SIZE;

/**
 * Replays one segment file: checks its header, then hands each entry whose length and checksum hold to the
 * handler, in order, until the end marker or the first damaged entry. Reads 128 KiB at a time into a window
 * that grows only for an entry larger than it.
 */
final class SegmentReader {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentReader.class);

    /** How one segment's replay ended. */
    record Outcome(long entries, long lastPosition, ReplayResult.Corruption corruption) { }

    private final CommitLogIo io;
    private final Path file;
    private final SegmentFileName name;
    private final ReplayHandler handler;
    private final EntryChecksum checksum = new EntryChecksum();
    private final CompletableFuture<Outcome> result = new CompletableFuture<>();

    private FileChannel channel;
    private long fileSize;
    /** File bytes [windowStart, windowStart + windowBytes) are in window[0, windowBytes). */
    private byte[] window = new byte[MAX_REQUEST_SIZE];
    private long windowStart;
    private int windowBytes;
    private long offset = HEADER_SIZE;
    private long entries;
    private long lastPosition = CommitLogPosition.NONE;

    SegmentReader(CommitLogIo io, SegmentFileName.Found found, ReplayHandler handler) {
        this.io = io;
        this.file = found.path();
        this.name = found.name();
        this.handler = handler;
    }

    /** Replays the file; fails only on IO errors, a handler failure or a format this version cannot read. */
    CompletableFuture<Outcome> replay() {
        if (name.formatVersion() != SegmentHeader.FORMAT_VERSION) {
            return CompletableFuture.failedFuture(unsupportedVersion(name.formatVersion()));
        }
        io.submit(0, () -> {
            FileChannel opened = FileChannel.open(file, StandardOpenOption.READ);
            fileSize = opened.size();
            return opened;
        }).whenComplete((opened, error) -> {
            if (error != null) {
                if (isMissingFile(error)) result.complete(new Outcome(0, CommitLogPosition.NONE, null)); // deleted since listed
                else result.completeExceptionally(error);
                return;
            }
            channel = opened;
            if (fileSize < HEADER_SIZE) { // its creation was interrupted before the header was written
                LOG.debug("Commit log segment {} has only {} bytes: nothing to replay", file, fileSize);
                finish(null);
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
            finish(corruption(0, e.getMessage()));
            return;
        }
        if (header == null) {
            LOG.debug("Commit log segment {} is blank (released or never used)", file);
            finish(null);
        } else if (header.formatVersion() != SegmentHeader.FORMAT_VERSION) {
            fail(unsupportedVersion(header.formatVersion()));
        } else if (header.shardId() != name.shardId() || header.segmentId() != name.segmentId()) {
            finish(corruption(0, "header names segment " + header.segmentId() + " of shard " + header.shardId()));
        } else {
            parseEntries();
        }
    }

    /** Replays entries while the window holds them; asks for more bytes and comes back when it runs out. */
    private void parseEntries() {
        try {
            while (true) {
                if (offset + ENTRY_HEADER_SIZE > fileSize) {
                    finish(null);
                    return;
                }
                if (!inWindow(offset, ENTRY_HEADER_SIZE)) {
                    fill(offset, ENTRY_HEADER_SIZE, this::parseEntries);
                    return;
                }
                int at = (int) (offset - windowStart);
                int length = intAt(at);
                int crc = intAt(at + 4);
                if (length == 0 && crc == 0) {
                    finish(null);
                    return;
                }
                if (length <= 0 || length > fileSize / 2) {
                    finish(corruption(offset, "impossible entry length " + length));
                    return;
                }
                if (offset + ENTRY_HEADER_SIZE + length > fileSize) {
                    finish(corruption(offset, "entry of " + length + " bytes runs past the end of the file (" + fileSize + " bytes)"));
                    return;
                }
                int entrySize = ENTRY_HEADER_SIZE + length;
                if (!inWindow(offset, entrySize)) {
                    fill(offset, entrySize, this::parseEntries);
                    return;
                }
                ByteBuffer payload = ByteBuffer.wrap(window, at + ENTRY_HEADER_SIZE, length).slice();
                if (checksum.of(name.segmentId(), payload) != crc) {
                    finish(corruption(offset, "checksum mismatch (torn write, damage, or a stale entry of a reused file)"));
                    return;
                }
                offset += entrySize;
                entries++;
                lastPosition = CommitLogPosition.of(name.segmentId(), (int) offset);
                handler.replay(lastPosition, payload.asReadOnlyBuffer());
            }
        } catch (RuntimeException e) {
            fail(e);
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
            if (count <= 0) {
                finish(corruption(readAt, "file ended early at " + readAt + " bytes"));
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

    private ReplayResult.Corruption corruption(long at, String reason) {
        LOG.warn("Commit log segment {} is damaged at offset {}: {}; replayed {} entries from it, skipping the rest of the file",
                file, at, reason, entries);
        return new ReplayResult.Corruption(file, at, entries, reason);
    }

    private IllegalStateException unsupportedVersion(int version) {
        return new IllegalStateException("Commit log segment " + file + " has format version " + version
                + "; this version of Charybdis reads only version " + SegmentHeader.FORMAT_VERSION);
    }

    private void finish(ReplayResult.Corruption corruption) {
        closeThen(() -> result.complete(new Outcome(entries, lastPosition, corruption)));
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
