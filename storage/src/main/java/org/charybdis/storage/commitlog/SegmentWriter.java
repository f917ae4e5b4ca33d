package org.charybdis.storage.commitlog;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

import static org.charybdis.storage.commitlog.CommitLogSegment.MAX_REQUEST_SIZE;
import static org.charybdis.storage.commitlog.CommitLogSegment.PAGE_SIZE;

/**
 * Writes a segment's buffered entries to its file in whole pages: one round copies what is pending (up to
 * {@link #ROUND_LIMIT}) into a reused direct buffer, pads it with zeros to the page boundary, and issues it as
 * requests of at most 128 KiB. One round at a time: the next one rewrites the last partial page, which must
 * not race an earlier write of the same page.
 */
final class SegmentWriter {
    /** Bytes of entries one round writes at most (eight 128 KiB requests). */
    static final int ROUND_LIMIT = 8 * MAX_REQUEST_SIZE;
    private static final byte[] ZEROS = new byte[2 * PAGE_SIZE];

    private final CommitLogIo io;
    /** Room for a full round plus its padding and the zero page that marks the end. */
    private final ByteBuffer roundBuffer = ByteBuffer.allocateDirect(ROUND_LIMIT + 2 * PAGE_SIZE);
    private final int segmentSize;
    private boolean writing;

    SegmentWriter(CommitLogIo io, int segmentSize) {
        this.io = io;
        this.segmentSize = segmentSize;
    }

    /** Writes the segment's pending bytes (or the first ROUND_LIMIT of them); the segment learns what is written. */
    CompletableFuture<Void> writePending(CommitLogSegment segment) {
        if (writing) throw new IllegalStateException("a commit log write round is already in flight");
        int start = segment.bufferStart();
        int dataEnd = segment.dataEnd();
        int roundEnd = Math.min(dataEnd, start + ROUND_LIMIT);
        int paddedEnd = paddedEnd(roundEnd, roundEnd == dataEnd);

        roundBuffer.clear();
        segment.copyBuffered(start, roundEnd, roundBuffer);
        roundBuffer.put(ZEROS, 0, paddedEnd - roundEnd);
        roundBuffer.flip();

        int length = paddedEnd - start;
        CompletableFuture<?>[] requests = new CompletableFuture<?>[(length + MAX_REQUEST_SIZE - 1) / MAX_REQUEST_SIZE];
        for (int i = 0; i < requests.length; i++) {
            int from = i * MAX_REQUEST_SIZE;
            ByteBuffer chunk = roundBuffer.slice(from, Math.min(MAX_REQUEST_SIZE, length - from));
            requests[i] = io.write(segment.channel(), chunk, start + (long) from);
        }
        writing = true;
        return CompletableFuture.allOf(requests).whenComplete((ignored, error) -> {
            writing = false;
            if (error == null) segment.markWritten(roundEnd);
        });
    }

    /**
     * The round's end rounded up to a page; when it ends on a page boundary with all data written, one more zero
     * page follows so that a reused file shows no stale entry after the last one.
     */
    private int paddedEnd(int roundEnd, boolean lastRound) {
        int remainder = roundEnd % PAGE_SIZE;
        if (remainder != 0) return roundEnd + PAGE_SIZE - remainder;
        return lastRound ? Math.min(segmentSize, roundEnd + PAGE_SIZE) : roundEnd;
    }
}
