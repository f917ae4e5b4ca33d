package org.charybdis.scheduler;

import org.charybdis.scheduler.io.IoClass;

/**
 * A named share of each shard's CPU. The same group exists on every shard; each shard keeps its own
 * queue and virtual runtime for it. Shares may change at run time (service levels, backlog controllers).
 * A group created at run time also has an IO class of its own, so the disk reads of its tasks are shared by
 * the same shares (see {@link IoClass#ofCurrentGroup}); the built-in groups use the built-in IO classes.
 */
public final class SchedulingGroup {
    public static final int MIN_SHARES = 1;
    public static final int MAX_SHARES = 1_000_000;

    private final int id;
    private final IoClass ioClass;
    /** Changes only when the runtime recycles a retired group (see {@link ShardRuntime#renameGroup}). */
    private volatile String name;
    private volatile int shares;

    SchedulingGroup(int id, String name, int shares) {
        this(id, name, shares, null);
    }

    SchedulingGroup(int id, String name, int shares, IoClass ioClass) {
        this.id = id;
        this.name = name;
        this.ioClass = ioClass;
        setShares(shares);
    }

    public int id() { return id; }

    public String name() { return name; }

    /** The group's own IO class, or null for the built-in groups (their IO names its class explicitly). */
    public IoClass ioClass() { return ioClass; }

    void rename(String newName) { this.name = newName; }

    public int shares() { return shares; }

    public void setShares(int shares) {
        this.shares = checkShares(shares);
    }

    /** Returns shares if within [{@link #MIN_SHARES}, {@link #MAX_SHARES}], else throws IllegalArgumentException. */
    public static int checkShares(int shares) {
        if (shares < MIN_SHARES || shares > MAX_SHARES) {
            throw new IllegalArgumentException("shares must be in [" + MIN_SHARES + ", " + MAX_SHARES + "]: " + shares);
        }
        return shares;
    }

    @Override
    public String toString() { return name + "(" + shares + ")"; }
}
