package org.charybdis.server.cql.statements.modification;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Cell paths of list elements: timeuuids, so elements sort by when they were added. Appends take
 * increasing timeuuids from the current time; prepends take decreasing ones, mirrored around 2010-01-01
 * as Cassandra does, so a later prepend sorts before everything written earlier. One instance per shard
 * thread (not thread-safe by design).
 */
final class ListCellPaths {
    private static final ThreadLocal<ListCellPaths> PER_THREAD = ThreadLocal.withInitial(ListCellPaths::new);
    /** 100-nanosecond intervals between the UUID epoch (1582-10-15) and the Unix epoch. */
    private static final long UUID_EPOCH_OFFSET = 0x01B21DD213814000L;
    /** Cassandra's reference point for prepended elements: 2010-01-01T00:00:00Z, in UUID ticks. */
    private static final long PREPEND_REFERENCE = 1262304000000L * 10_000 + UUID_EPOCH_OFFSET;

    private final long clockSeqAndNode;
    private long lastAppend;
    private long lastPrepend = Long.MAX_VALUE;

    private ListCellPaths() {
        // variant 10, random clock sequence, random node with the multicast bit set (not a real MAC)
        this.clockSeqAndNode = (ThreadLocalRandom.current().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L
                | 0x0000_0100_0000_0000L;
    }

    static ListCellPaths current() {
        return PER_THREAD.get();
    }

    /** The next path for an appended element, later than every path this thread made before. */
    ByteBuffer append() {
        long ticks = Math.max(nowTicks(), lastAppend + 1);
        lastAppend = ticks;
        return timeUuid(ticks);
    }

    /**
     * Paths for {@code count} prepended elements, increasing among themselves (so the elements keep their
     * order) and lower than every path prepended before.
     */
    ByteBuffer[] prepend(int count) {
        long mirrored = PREPEND_REFERENCE - (nowTicks() - PREPEND_REFERENCE);
        long base = Math.min(mirrored, lastPrepend - count);
        lastPrepend = base;
        ByteBuffer[] paths = new ByteBuffer[count];
        for (int i = 0; i < count; i++) paths[i] = timeUuid(base + i);
        return paths;
    }

    private static long nowTicks() {
        return System.currentTimeMillis() * 10_000 + UUID_EPOCH_OFFSET;
    }

    private ByteBuffer timeUuid(long ticks) {
        long msb = (ticks << 32) | ((ticks >>> 16) & 0xFFFF0000L) | 0x1000L | ((ticks >>> 48) & 0x0FFFL);
        return ByteBuffer.allocate(16).putLong(0, msb).putLong(8, clockSeqAndNode);
    }
}
