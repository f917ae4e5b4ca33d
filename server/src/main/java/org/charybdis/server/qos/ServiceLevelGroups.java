package org.charybdis.server.qos;

import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.scheduler.ShardRuntime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The scheduling groups of service levels (each with its IO class), named as ScyllaDB names them:
 * {@code sl:<level>} while in use. A runtime cannot delete a group, so a dropped level's group is renamed
 * {@code sl_deleted:<level>} and kept for the next level created, the same level's first: the number of groups
 * never exceeds the most levels that ever existed at once. A retired group has no tasks, so it costs nothing.
 * Used by the service level controller's changes only (one at a time).
 */
final class ServiceLevelGroups {
    private static final String ACTIVE = "sl:";
    private static final String RETIRED = "sl_deleted:";

    private final ShardRuntime runtime;
    private final Deque<SchedulingGroup> retired = new ArrayDeque<>();

    ServiceLevelGroups(ShardRuntime runtime) {
        this.runtime = runtime;
    }

    /** A group for a level, with its shares: a retired one if there is one, else a new one. */
    SchedulingGroup acquire(String level, int shares) {
        SchedulingGroup group = takeRetired(RETIRED + level);
        if (group == null) group = retired.pollFirst();
        if (group == null) return runtime.createGroup(ACTIVE + level, shares);
        runtime.renameGroup(group, ACTIVE + level);
        runtime.setShares(group, shares);
        return group;
    }

    void setShares(SchedulingGroup group, int shares) {
        runtime.setShares(group, shares);
    }

    /** The level was dropped: its group waits for the next level created. */
    void retire(String level, SchedulingGroup group) {
        runtime.renameGroup(group, RETIRED + level);
        retired.addLast(group);
    }

    private SchedulingGroup takeRetired(String name) {
        for (Iterator<SchedulingGroup> it = retired.iterator(); it.hasNext(); ) {
            SchedulingGroup group = it.next();
            if (group.name().equals(name)) {
                it.remove();
                return group;
            }
        }
        return null;
    }
}
