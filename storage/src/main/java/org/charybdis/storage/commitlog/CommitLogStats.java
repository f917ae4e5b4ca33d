package org.charybdis.storage.commitlog;

/**
 * A snapshot of one shard's commit log, for metrics and tests.
 *
 * @param segments        live segments (the active one and older ones not yet released)
 * @param bytesOnDisk     size of all segment files this log owns: live, prepared and pooled for reuse
 * @param entriesWritten  entries appended since start
 * @param bytesWritten    entry bytes (headers and payloads) appended since start
 * @param writeRequests   write requests issued to the disk, including segment preparation
 * @param syncs           fsync rounds of the written segments
 * @param syncNanos       time those rounds took, from the first fsync issued to the last one done
 * @param pendingBytes    entry bytes appended but not yet written to a file
 * @param queuedAdds      adds waiting for the next segment to be ready
 * @param waiters         callers waiting in awaitDurable
 * @param recycledSegments segments made from a reused file
 */
public record CommitLogStats(int segments, long bytesOnDisk, long entriesWritten, long bytesWritten, long writeRequests,
                             long syncs, long syncNanos, long pendingBytes, int queuedAdds, int waiters, long recycledSegments) {
    /** Before the log is open. */
    public static final CommitLogStats EMPTY = new CommitLogStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
