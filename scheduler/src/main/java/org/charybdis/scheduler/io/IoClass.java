package org.charybdis.scheduler.io;

import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.scheduler.Shard;

import java.util.List;

/**
 * The priority class every disk request carries, as in ScyllaDB's IO scheduler: under contention the shard's IO
 * queue dispatches classes in proportion to their shares. Five classes are built in; more are registered at run
 * time through {@link IoClasses} (one per scheduling group a runtime creates), so the id is what queues index by.
 */
public final class IoClass {
    public static final IoClass COMMITLOG = new IoClass(0, "commitlog", 1000);
    public static final IoClass MEMTABLE_FLUSH = new IoClass(1, "memtable_flush", 1000);
    public static final IoClass QUERY = new IoClass(2, "query", 1000);
    public static final IoClass COMPACTION = new IoClass(3, "compaction", 1000);
    public static final IoClass MAINTENANCE = new IoClass(4, "maintenance", 200);

    private static final List<IoClass> BUILT_IN = List.of(COMMITLOG, MEMTABLE_FLUSH, QUERY, COMPACTION, MAINTENANCE);

    private final int id;
    private final int defaultShares;
    /** Changes only when a runtime recycles a retired group's class for a new group (see {@link IoClasses#rename}). */
    private volatile String name;

    IoClass(int id, String name, int defaultShares) {
        this.id = id;
        this.name = name;
        this.defaultShares = defaultShares;
    }

    /** The five classes every IO queue starts with, by id. */
    public static List<IoClass> builtIn() { return BUILT_IN; }

    /**
     * The class of the scheduling group the calling task runs in, or {@code fallback} off-shard and for groups
     * without a class of their own: reads done for a query so share the disk by the shares of the group that
     * asked for them.
     */
    public static IoClass ofCurrentGroup(IoClass fallback) {
        Shard shard = Shard.current();
        if (shard == null) return fallback;
        SchedulingGroup group = shard.currentGroup();
        IoClass own = group == null ? null : group.ioClass();
        return own != null ? own : fallback;
    }

    /** Index of the class in every queue's tables: the built-ins are 0 to 4. */
    public int id() { return id; }

    /** Lower-case name used in metrics labels ("memtable_flush"). */
    public String label() { return name; }

    /** The shares a queue gives the class until told otherwise. */
    public int defaultShares() { return defaultShares; }

    void rename(String newName) { this.name = newName; }

    @Override
    public String toString() { return name; }
}
