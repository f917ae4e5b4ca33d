package org.charybdis.server.qos;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.server.auth.Role;
import org.charybdis.server.auth.RoleAttributeStore;
import org.charybdis.server.auth.RoleStore;
import org.charybdis.server.cql.ClientState;
import org.charybdis.server.cql.ClientState.AuthenticatedUser;
import org.charybdis.server.metrics.ServiceLevelMetrics;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.Schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * ScyllaDB's service levels (workload prioritization) on this node. The levels live in
 * {@code system.service_levels_v2}, the level attached to each role in {@code system_auth.role_attributes};
 * each level is served by a scheduling group (and its IO class) with the level's shares. Roles no level reaches,
 * anonymous clients and clients of AllowAllAuthenticator get the {@code default} level: the {@code statement}
 * group, shares 1000.
 * <p>
 * Changes run one at a time on shard 0: each checks the current state, writes the tables, then re-reads
 * them (with the roles' grants), brings the groups in line and publishes a new {@link ServiceLevelState}; the
 * statement is answered after that, so the next request of every connection already runs where it now belongs.
 * Membership changes (GRANT, REVOKE, DROP ROLE) re-read the same way before they are answered.
 */
public final class ServiceLevelController {
    /** The level of roles without one, as ScyllaDB names it. */
    public static final String DEFAULT = "default";
    /**
     * ScyllaDB serves at most 10 levels, its {@code default} and {@code driver} levels included: 8 made by users.
     * We keep that limit (we have no driver level, whose slot stays unused) so a schema moves between the two.
     */
    public static final int MAX_SERVICE_LEVELS = 8;

    private static final int OWNER_SHARD = 0;

    private final ShardRuntime runtime;
    private final SchedulingGroup defaultGroup;
    private final ServiceLevelStore store;
    private final RoleAttributeStore attributes;
    private final RoleStore roles;
    private final ServiceLevelGroups groups;
    private final ServiceLevelMetrics metrics;
    /** The group serving each level; touched only by changes, on shard 0. */
    private final Map<String, SchedulingGroup> levelGroups = new HashMap<>();
    private volatile ServiceLevelState state;
    /** The last change accepted; the next one starts when it ends. Touched only on shard 0. */
    private CompletableFuture<?> lastChange = CompletableFuture.completedFuture(null);
    /** The write timestamp of the last change; touched only by changes. */
    private long lastTimestamp = Long.MIN_VALUE;

    /**
     * @param roles   the role store whose membership changes statements make (the PasswordAuthenticator's)
     * @param metrics where levels are metered, or null
     */
    public ServiceLevelController(ShardRuntime runtime, Database database, Supplier<Schema> schema, RoleStore roles,
                                  ServiceLevelMetrics metrics) {
        this.runtime = runtime;
        this.defaultGroup = runtime.group(ShardRuntime.STATEMENT);
        this.store = new ServiceLevelStore(database, schema);
        this.attributes = new RoleAttributeStore(database, schema);
        this.roles = roles;
        this.groups = new ServiceLevelGroups(runtime);
        this.metrics = metrics;
        this.state = ServiceLevelState.empty(defaultGroup);
    }

    /**
     * Reads the stored levels, sets up their groups and starts following membership changes; call once the
     * storage is up, before clients connect. Until then (nodes that never start it) everyone gets the default level.
     */
    public CompletableFuture<Void> start() {
        if (metrics != null) metrics.register(DEFAULT, defaultGroup);
        roles.addListener(this::reload);
        return reload();
    }

    // ---- what requests are served with ------------------------------------------------------------------------

    /**
     * How a client's requests are to be served now: its role's effective level (group, timeout, workload type).
     * Any thread; no allocation, no waiting.
     */
    public EffectiveServiceLevel effective(ClientState client) {
        AuthenticatedUser user = client == null ? null : client.user();
        return state.served(user == null || user == AuthenticatedUser.ANONYMOUS ? null : user.name());
    }

    /** The scheduling group a client's requests run in (what connections ask before each request). */
    public SchedulingGroup schedulingGroupFor(ClientState client) {
        return effective(client).group();
    }

    /** The levels, attachments and effective levels as of the last change. */
    public ServiceLevelState state() {
        return state;
    }

    /** Whether a role exists (LIST EFFECTIVE names unknown roles). */
    public CompletableFuture<Boolean> roleExists(String role) {
        return roles.exists(role);
    }

    // ---- changes ----------------------------------------------------------------------------------------------

    public CompletionStage<Void> create(String name, ServiceLevelOptions options, boolean ifNotExists, long timestampMicros) {
        return change(() -> {
            if (state.levels().containsKey(name) || name.equals(DEFAULT)) {
                if (ifNotExists) return CompletableFuture.completedFuture(null);
                throw new InvalidRequestException("The service level '" + name + "' already exists.");
            }
            if (state.levels().size() >= MAX_SERVICE_LEVELS) {
                throw new InvalidRequestException("Can't create service level - no more scheduling groups exist");
            }
            return store.write(new ServiceLevel(name, options), ordered(timestampMicros)).thenCompose(ignored -> reloadNow());
        });
    }

    /** Applies {@code change} to the level's current options. */
    public CompletionStage<Void> alter(String name, UnaryOperator<ServiceLevelOptions> change, boolean ifExists,
                                       long timestampMicros) {
        return change(() -> {
            ServiceLevel current = state.levels().get(name);
            if (current == null) {
                if (ifExists) return CompletableFuture.completedFuture(null);
                throw new InvalidRequestException("The service level '" + name + "' doesn't exist.");
            }
            ServiceLevel altered = new ServiceLevel(name, change.apply(current.options()));
            return store.write(altered, ordered(timestampMicros)).thenCompose(ignored -> reloadNow());
        });
    }

    /** Drops a level and detaches it from every role it is attached to. */
    public CompletionStage<Void> drop(String name, boolean ifExists, long timestampMicros) {
        return change(() -> {
            if (!state.levels().containsKey(name)) {
                if (ifExists) return CompletableFuture.completedFuture(null);
                throw noSuchLevel(name);
            }
            long timestamp = ordered(timestampMicros);
            List<CompletableFuture<Void>> writes = new java.util.ArrayList<>();
            state.attachments().forEach((role, level) -> {
                if (level.equals(name)) writes.add(attributes.remove(role, RoleAttributeStore.SERVICE_LEVEL, timestamp));
            });
            writes.add(store.delete(name, timestamp));
            return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenCompose(ignored -> reloadNow());
        });
    }

    public CompletionStage<Void> attach(String level, String role, long timestampMicros) {
        return change(() -> {
            if (!state.levels().containsKey(level)) throw noSuchLevel(level);
            long timestamp = ordered(timestampMicros);
            return requireRole(role)
                    .thenCompose(ignored -> attributes.set(role, RoleAttributeStore.SERVICE_LEVEL, level, timestamp))
                    .thenCompose(ignored -> reloadNow());
        });
    }

    public CompletionStage<Void> detach(String role, long timestampMicros) {
        return change(() -> {
            long timestamp = ordered(timestampMicros);
            return requireRole(role)
                    .thenCompose(ignored -> attributes.remove(role, RoleAttributeStore.SERVICE_LEVEL, timestamp))
                    .thenCompose(ignored -> reloadNow());
        });
    }

    /** Re-reads levels, attachments and grants (after a membership change); completes once published. */
    public CompletableFuture<Void> reload() {
        return change(this::reloadNow);
    }

    static InvalidRequestException noSuchLevel(String name) {
        return new InvalidRequestException("Service Level " + name + " doesn't exists.");
    }

    /**
     * The statement's timestamp, raised above the previous change's: changes are applied in the order they were
     * accepted even when they come from shards whose clocks differ by a little. Inside a change only.
     */
    private long ordered(long timestampMicros) {
        lastTimestamp = Math.max(timestampMicros, lastTimestamp == Long.MIN_VALUE ? timestampMicros : lastTimestamp + 1);
        return lastTimestamp;
    }

    private CompletableFuture<Void> requireRole(String role) {
        return roles.exists(role).thenAccept(exists -> {
            if (!exists) throw new InvalidRequestException("Role " + role + " doesn't exist.");
        });
    }

    /** Queues a change on shard 0 behind the one in progress; completes on the caller's shard. */
    private <T> CompletableFuture<T> change(Supplier<CompletableFuture<T>> work) {
        Shard caller = Shard.current();
        if (caller != null && caller.runtime() == runtime) {
            return caller.submitToAsync(OWNER_SHARD, defaultGroup, () -> enqueue(work));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        runtime.shard(OWNER_SHARD).execute(defaultGroup, () -> enqueue(work).whenComplete((value, failure) -> {
            if (failure != null) result.completeExceptionally(failure);
            else result.complete(value);
        }));
        return result;
    }

    private <T> CompletableFuture<T> enqueue(Supplier<CompletableFuture<T>> work) {
        CompletableFuture<T> result = lastChange.handle((ignored, failure) -> null).thenCompose(ignored -> work.get());
        lastChange = result;
        return result;
    }

    /** Shard 0, inside a change: reads the tables, brings the groups in line and publishes the new state. */
    private CompletableFuture<Void> reloadNow() {
        CompletableFuture<Map<String, ServiceLevel>> levels = store.all();
        CompletableFuture<Map<String, String>> attached = attributes.all(RoleAttributeStore.SERVICE_LEVEL);
        CompletableFuture<List<Role>> allRoles = roles.all();
        return CompletableFuture.allOf(levels, attached, allRoles).thenRun(() -> {
            syncGroups(levels.join());
            Map<String, Set<String>> grants = new HashMap<>();
            for (Role role : allRoles.join()) grants.put(role.name(), role.memberOf());
            state = ServiceLevelState.of(levels.join(), attached.join(), grants, Map.copyOf(levelGroups), defaultGroup);
        });
    }

    /** Retires the groups of levels gone first, so the new levels can take them over. */
    private void syncGroups(Map<String, ServiceLevel> levels) {
        for (var it = levelGroups.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (levels.containsKey(entry.getKey())) continue;
            if (metrics != null) metrics.unregister(entry.getValue());
            groups.retire(entry.getKey(), entry.getValue());
            it.remove();
        }
        for (ServiceLevel level : levels.values()) {
            int shares = level.options().shares();
            SchedulingGroup group = levelGroups.get(level.name());
            if (group == null) {
                group = groups.acquire(level.name(), shares);
                levelGroups.put(level.name(), group);
                if (metrics != null) metrics.register(level.name(), group);
            } else if (group.shares() != shares) {
                groups.setShares(group, shares);
            }
        }
    }
}
