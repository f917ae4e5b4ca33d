package org.charybdis.storage.commitlog;

/**
 * A place in a shard's commit log as one {@code long}: {@code (segmentId << 32) | offset}, where offset is the
 * end of an entry in its segment. Segment ids only grow, so positions compare numerically.
 */
public final class CommitLogPosition {
    /** Before every entry. */
    public static final long NONE = 0;
    /** Segment ids stay below 2^31 so that positions stay positive. */
    public static final long MAX_SEGMENT_ID = Integer.MAX_VALUE;

    private CommitLogPosition() { }

    public static long of(long segmentId, int offset) {
        if (segmentId < 0 || segmentId > MAX_SEGMENT_ID) throw new IllegalArgumentException("segment id out of range: " + segmentId);
        if (offset < 0) throw new IllegalArgumentException("negative offset: " + offset);
        return (segmentId << 32) | offset;
    }

    public static long segmentId(long position) {
        return position >>> 32;
    }

    public static int offset(long position) {
        return (int) position;
    }

    /** "segment:offset", for logs and messages. */
    public static String toString(long position) {
        return segmentId(position) + ":" + offset(position);
    }
}
