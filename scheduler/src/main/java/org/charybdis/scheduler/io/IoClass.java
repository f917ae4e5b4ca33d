package org.charybdis.scheduler.io;

/**
 * The priority class every disk request carries, as in ScyllaDB's IO scheduler: under contention the
 * shard's IO queue dispatches classes in proportion to their shares.
 */
public enum IoClass {
    COMMITLOG(1000),
    MEMTABLE_FLUSH(1000),
    QUERY(1000),
    COMPACTION(1000),
    MAINTENANCE(200);

    private final int defaultShares;

    IoClass(int defaultShares) {
        this.defaultShares = defaultShares;
    }

    public int defaultShares() { return defaultShares; }

    /** Lower-case name used in metrics labels ("memtable_flush"). */
    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
