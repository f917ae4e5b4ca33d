package org.charybdis.tools.iotune;

import java.util.function.LongSupplier;

/**
 * Back-to-back request offsets through one stripe of the file, starting over at its beginning when the next request
 * would cross its end. Each sequential worker gets its own stripe, so the disk sees several sequential streams.
 */
final class SequentialOffsets implements LongSupplier {
    private final long start;
    private final long lastStart;
    private final int requestSize;
    private long next;

    SequentialOffsets(long start, long length, int requestSize) {
        if (requestSize <= 0 || length < requestSize) {
            throw new IllegalArgumentException("a stripe of " + length + " bytes cannot hold a " + requestSize + "-byte request");
        }
        this.start = start;
        this.lastStart = start + length - requestSize;
        this.requestSize = requestSize;
        this.next = start;
    }

    @Override
    public long getAsLong() {
        long offset = next;
        next = offset + requestSize > lastStart ? start : offset + requestSize;
        return offset;
    }
}
