package org.charybdis.scheduler;

/**
 * A named share of each shard's CPU. The same group exists on every shard; each shard keeps its own
 * queue and virtual runtime for it. Shares may change at run time (service levels, backlog controllers).
 */
public final class SchedulingGroup {
    private final int id;
    private final String name;
    private volatile int shares;

    SchedulingGroup(int id, String name, int shares) {
        this.id = id;
        this.name = name;
        setShares(shares);
    }

    public int id() { return id; }

    public String name() { return name; }

    public int shares() { return shares; }

    public void setShares(int shares) {
        if (shares < 1 || shares > 1000_000) throw new IllegalArgumentException("shares must be in [1, 1000000]: " + shares);
        this.shares = shares;
    }

    @Override
    public String toString() { return name + "(" + shares + ")"; }
}
