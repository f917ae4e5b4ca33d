package org.charybdis.server.qos;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Works out every role's effective options: the options of the level attached to the role, combined with the
 * effective options of each role granted to it (in name order), as ScyllaDB's effective service level cache
 * does. Roles without any level in reach have none.
 */
final class EffectiveServiceLevels {
    private final Map<String, ServiceLevel> levels;
    private final Map<String, String> attachments;
    private final Map<String, Set<String>> grants;
    private final Map<String, EffectiveOptions> done = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();

    /**
     * @param attachments role to the name of the level attached to it
     * @param grants      role to the roles granted to it (directly)
     */
    private EffectiveServiceLevels(Map<String, ServiceLevel> levels, Map<String, String> attachments,
                                   Map<String, Set<String>> grants) {
        this.levels = levels;
        this.attachments = attachments;
        this.grants = grants;
    }

    /** Role to its effective options, for every role that has some. */
    static Map<String, EffectiveOptions> compute(Map<String, ServiceLevel> levels, Map<String, String> attachments,
                                                 Map<String, Set<String>> grants) {
        EffectiveServiceLevels computation = new EffectiveServiceLevels(levels, attachments, grants);
        Set<String> roles = new TreeSet<>(grants.keySet());
        roles.addAll(attachments.keySet());
        Map<String, EffectiveOptions> result = new HashMap<>();
        for (String role : roles) {
            EffectiveOptions options = computation.of(role);
            if (options != null) result.put(role, options);
        }
        return result;
    }

    private EffectiveOptions of(String role) {
        if (done.containsKey(role)) return done.get(role);
        if (!inProgress.add(role)) return null; // a grant cycle (GRANT refuses them): stop rather than loop
        String attached = attachments.get(role);
        ServiceLevel own = attached == null ? null : levels.get(attached);
        EffectiveOptions options = own == null ? null : EffectiveOptions.of(own);
        for (String granted : new TreeSet<>(grants.getOrDefault(role, Set.of()))) {
            EffectiveOptions inherited = of(granted);
            if (inherited != null) options = options == null ? inherited : options.mergeWith(inherited);
        }
        inProgress.remove(role);
        done.put(role, options);
        return options;
    }
}
