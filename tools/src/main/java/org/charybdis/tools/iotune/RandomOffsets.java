package org.charybdis.tools.iotune;

import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/** Uniformly random request offsets: each a multiple of the alignment, each request wholly inside the file. */
final class RandomOffsets implements LongSupplier {
    private final SplittableRandom random;
    private final long alignment;
    private final long slots;

    RandomOffsets(long fileSize, int requestSize, int alignment, long seed) {
        if (alignment <= 0 || requestSize <= 0) throw new IllegalArgumentException("request size and alignment must be positive");
        if (requestSize > fileSize) throw new IllegalArgumentException("a " + requestSize + "-byte request does not fit a " + fileSize + "-byte file");
        this.random = new SplittableRandom(seed);
        this.alignment = alignment;
        this.slots = (fileSize - requestSize) / alignment + 1; // aligned starts whose request ends by fileSize
    }

    @Override
    public long getAsLong() {
        return random.nextLong(slots) * alignment;
    }
}
