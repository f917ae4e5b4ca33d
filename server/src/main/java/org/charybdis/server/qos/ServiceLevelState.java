package org.charybdis.server.qos;

import org.charybdis.scheduler.SchedulingGroup;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One immutable picture of the service levels: the levels, which role has which attached, and what every
 * role is effectively served with. Published whole after each change, so every shard reads it without locks and
 * a connection's next request already runs in its role's new group.
 */
public final class ServiceLevelState {
    private final SortedMap<String, ServiceLevel> levels;
    private final SortedMap<String, String> attachments;
    private final Map<String, EffectiveOptions> effective;
    private final Map<String, EffectiveServiceLevel> served;
    private final EffectiveServiceLevel defaultLevel;

    private ServiceLevelState(SortedMap<String, ServiceLevel> levels, SortedMap<String, String> attachments,
                              Map<String, EffectiveOptions> effective, Map<String, EffectiveServiceLevel> served,
                              EffectiveServiceLevel defaultLevel) {
        this.levels = levels;
        this.attachments = attachments;
        this.effective = effective;
        this.served = served;
        this.defaultLevel = defaultLevel;
    }

    /** No levels: everyone is served by the default level, in its group. */
    static ServiceLevelState empty(SchedulingGroup defaultGroup) {
        return of(Map.of(), Map.of(), Map.of(), Map.of(), defaultGroup);
    }

    /**
     * @param groups      each level's scheduling group
     * @param grants      role to the roles granted to it
     */
    static ServiceLevelState of(Map<String, ServiceLevel> levels, Map<String, String> attachments,
                                Map<String, Set<String>> grants, Map<String, SchedulingGroup> groups,
                                SchedulingGroup defaultGroup) {
        Map<String, EffectiveOptions> effective = EffectiveServiceLevels.compute(levels, attachments, grants);
        Map<String, EffectiveServiceLevel> served = new HashMap<>();
        effective.forEach((role, options) -> {
            String level = options.shares().serviceLevel(); // the level whose shares apply lends its group
            served.put(role, new EffectiveServiceLevel(level, groups.getOrDefault(level, defaultGroup),
                    options.timeout().value(), options.workloadType().value()));
        });
        EffectiveServiceLevel defaultLevel = new EffectiveServiceLevel(ServiceLevelController.DEFAULT, defaultGroup,
                null, WorkloadType.UNSPECIFIED);
        return new ServiceLevelState(Collections.unmodifiableSortedMap(new TreeMap<>(levels)),
                Collections.unmodifiableSortedMap(new TreeMap<>(attachments)), Map.copyOf(effective), Map.copyOf(served),
                defaultLevel);
    }

    /** The levels users created, by name (the built-in {@code default} level is not among them). */
    public SortedMap<String, ServiceLevel> levels() { return levels; }

    /** Role to the level attached to it directly, by role. */
    public SortedMap<String, String> attachments() { return attachments; }

    /** The combined options of a role, each with its source level; null if no level reaches the role. */
    public EffectiveOptions effectiveOptions(String role) { return effective.get(role); }

    /** How a role's requests are served; the default level for roles no level reaches (and for null). */
    public EffectiveServiceLevel served(String role) {
        if (role == null) return defaultLevel;
        EffectiveServiceLevel level = served.get(role);
        return level != null ? level : defaultLevel;
    }

    public EffectiveServiceLevel defaultLevel() { return defaultLevel; }
}
