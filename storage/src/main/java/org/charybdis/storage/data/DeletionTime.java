package org.charybdis.storage.data;

/**
 * A deletion (partition, range, row or whole-collection): it shadows every piece of data whose timestamp
 * is {@code <= markedForDeleteAt}. {@code localDeletionTime} is the second it was issued at, used by
 * purging after gc_grace_seconds and to break ties between deletions with equal timestamps.
 */
public record DeletionTime(long markedForDeleteAt, long localDeletionTime) {
    /** No deletion. */
    public static final DeletionTime LIVE = new DeletionTime(Long.MIN_VALUE, Long.MAX_VALUE);

    public boolean isLive() { return markedForDeleteAt == Long.MIN_VALUE && localDeletionTime == Long.MAX_VALUE; }

    /** True if data written at {@code timestamp} is shadowed. */
    public boolean deletes(long timestamp) { return !isLive() && timestamp <= markedForDeleteAt; }

    public boolean deletes(Cell cell) { return deletes(cell.timestamp()); }

    public boolean deletes(LivenessInfo liveness) { return !liveness.isEmpty() && deletes(liveness.timestamp()); }

    /** Cassandra's order: the later timestamp wins, then the later local deletion time. */
    public boolean supersedes(DeletionTime other) {
        return markedForDeleteAt > other.markedForDeleteAt
                || (markedForDeleteAt == other.markedForDeleteAt && localDeletionTime > other.localDeletionTime);
    }

    public static DeletionTime max(DeletionTime a, DeletionTime b) {
        if (a.isLive()) return b;
        if (b.isLive()) return a;
        return b.supersedes(a) ? b : a;
    }
}
