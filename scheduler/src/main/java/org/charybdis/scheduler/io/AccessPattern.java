package org.charybdis.scheduler.io;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Tells sequential from random requests of one IO class and direction on one shard, the way the disk sees them: a
 * request is sequential when it starts where the previous request on the same file ended, give or take one 4 KiB
 * page (aligned writers rewrite the tail page; readers skip a checksum). Files are remembered by identity in a small
 * direct-mapped table, so classifying allocates nothing and a file evicted by a collision just looks random once.
 * Races between submitting threads can only misclassify a request, never corrupt the table.
 */
final class AccessPattern {
    private static final int SLOTS = 16; // a power of two: the files one class streams through at once
    private static final long NEAR = 4096;

    private final AtomicIntegerArray files = new AtomicIntegerArray(SLOTS);
    private final AtomicLongArray ends = new AtomicLongArray(SLOTS);

    /** Records a request of {@code bytes} at {@code position} of {@code file}; true when it is sequential. */
    boolean sequential(Object file, long position, long bytes) {
        int identity = System.identityHashCode(file) | 1; // never 0, the empty slot
        int slot = (identity ^ (identity >>> 16)) & (SLOTS - 1);
        boolean sequential = files.getOpaque(slot) == identity && Math.abs(position - ends.getOpaque(slot)) <= NEAR;
        files.setOpaque(slot, identity);
        ends.setOpaque(slot, position + bytes);
        return sequential;
    }
}
