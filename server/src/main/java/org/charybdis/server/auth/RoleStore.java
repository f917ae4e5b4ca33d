package org.charybdis.server.auth;

import org.charybdis.server.system.SystemTableStorage.KeyedRow;
import org.charybdis.server.replica.Database;
import org.charybdis.server.system.SystemTableStorage;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Row;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The roles of {@code system_auth.roles} and their memberships ({@code roles.member_of} and the
 * {@code role_members} lookup table, kept in step as Cassandra's role manager does). Every method may be
 * called on any shard thread; futures complete on the calling shard.
 */
public final class RoleStore {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SystemTableStorage storage;
    private final RoleAttributeStore attributes;
    private final List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Told after memberships change or a role is dropped, before the statement that did it is answered. */
    @FunctionalInterface
    public interface Listener {
        CompletionStage<Void> rolesChanged();
    }

    public RoleStore(Database database, Supplier<Schema> schema) {
        this.storage = AuthTables.storage(database, schema);
        this.attributes = new RoleAttributeStore(database, schema);
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** The role, or null if it does not exist. */
    public CompletableFuture<Role> get(String name) {
        TableMetadata roles = storage.table(AuthTables.ROLES);
        return storage.readPartition(roles, name).thenApply(rows -> rows.isEmpty() ? null : decode(roles, name, rows.getFirst()));
    }

    public CompletableFuture<Boolean> exists(String name) {
        return get(name).thenApply(role -> role != null);
    }

    /** Every role, by name. */
    public CompletableFuture<List<Role>> all() {
        TableMetadata roles = storage.table(AuthTables.ROLES);
        return storage.scan(roles).thenApply(rows -> {
            List<Role> all = new ArrayList<>(rows.size());
            for (KeyedRow row : rows) all.add(decode(roles, row.partitionKey(), row.row()));
            all.sort(Comparator.comparing(Role::name));
            return all;
        });
    }

    /**
     * The role itself followed by the roles granted to it: only direct grants, or (recursive) every role
     * reachable through grants. Empty if the role does not exist.
     */
    public CompletableFuture<List<Role>> rolesOf(String name, boolean recursive) {
        Map<String, Role> found = new LinkedHashMap<>();
        Deque<String> pending = new ArrayDeque<>();
        return expand(name, recursive, true, found, pending).thenApply(ignored -> List.copyOf(found.values()));
    }

    private CompletableFuture<Void> expand(String name, boolean recursive, boolean first, Map<String, Role> found, Deque<String> pending) {
        return get(name).thenCompose(role -> {
            if (role != null && !found.containsKey(role.name())) {
                found.put(role.name(), role);
                if (first || recursive) {
                    for (String parent : role.memberOf()) if (!found.containsKey(parent)) pending.add(parent);
                }
            }
            String next = pending.poll();
            if (next == null) return CompletableFuture.completedFuture(null);
            return expand(next, recursive, false, found, pending);
        });
    }

    /** Writes a new role (an INSERT, so the row stays even with every option false). */
    public CompletableFuture<Void> create(Role role, long timestampMicros) {
        TableMetadata roles = storage.table(AuthTables.ROLES);
        long now = SystemTableStorage.nowInSeconds();
        PartitionUpdate.Builder update = PartitionUpdate.builder(SystemTableStorage.key(role.name()));
        var row = update.row(Clustering.EMPTY).marker(timestampMicros, 0, now)
                .cell(storage.columnId(roles, "can_login"), SystemTableStorage.bool(role.canLogin()), timestampMicros, 0, now)
                .cell(storage.columnId(roles, "is_superuser"), SystemTableStorage.bool(role.superuser()), timestampMicros, 0, now);
        if (role.saltedHash() != null) {
            row.cell(storage.columnId(roles, "salted_hash"), SystemTableStorage.text(role.saltedHash()), timestampMicros, 0, now);
        }
        return storage.apply(roles, update.build());
    }

    /** Changes the options given (null = unchanged). */
    public CompletableFuture<Void> alter(String name, Boolean superuser, Boolean canLogin, String saltedHash, long timestampMicros) {
        TableMetadata roles = storage.table(AuthTables.ROLES);
        long now = SystemTableStorage.nowInSeconds();
        PartitionUpdate.Builder update = PartitionUpdate.builder(SystemTableStorage.key(name));
        var row = update.row(Clustering.EMPTY);
        if (superuser != null) row.cell(storage.columnId(roles, "is_superuser"), SystemTableStorage.bool(superuser), timestampMicros, 0, now);
        if (canLogin != null) row.cell(storage.columnId(roles, "can_login"), SystemTableStorage.bool(canLogin), timestampMicros, 0, now);
        if (saltedHash != null) row.cell(storage.columnId(roles, "salted_hash"), SystemTableStorage.text(saltedHash), timestampMicros, 0, now);
        return storage.apply(roles, update.build());
    }

    /** Grants {@code role} to {@code grantee}: grantee becomes a member of role. */
    public CompletableFuture<Void> grant(String role, String grantee, long timestampMicros) {
        TableMetadata roles = storage.table(AuthTables.ROLES);
        TableMetadata members = storage.table(AuthTables.ROLE_MEMBERS);
        long now = SystemTableStorage.nowInSeconds();
        PartitionUpdate.Builder memberOf = PartitionUpdate.builder(SystemTableStorage.key(grantee));
        memberOf.row(Clustering.EMPTY).cell(storage.columnId(roles, "member_of"), SystemTableStorage.text(role), EMPTY, timestampMicros, 0, now);
        PartitionUpdate.Builder member = PartitionUpdate.builder(SystemTableStorage.key(role));
        member.row(Clustering.of(SystemTableStorage.text(grantee))).marker(timestampMicros, 0, now);
        return CompletableFuture.allOf(storage.apply(roles, memberOf.build()), storage.apply(members, member.build()))
                .thenCompose(ignored -> changed());
    }

    public CompletableFuture<Void> revoke(String role, String revokee, long timestampMicros) {
        TableMetadata roles = storage.table(AuthTables.ROLES);
        TableMetadata members = storage.table(AuthTables.ROLE_MEMBERS);
        long now = SystemTableStorage.nowInSeconds();
        PartitionUpdate.Builder memberOf = PartitionUpdate.builder(SystemTableStorage.key(revokee));
        memberOf.row(Clustering.EMPTY).deleteCell(storage.columnId(roles, "member_of"), SystemTableStorage.text(role), timestampMicros, now);
        PartitionUpdate.Builder member = PartitionUpdate.builder(SystemTableStorage.key(role));
        member.row(Clustering.of(SystemTableStorage.text(revokee))).delete(timestampMicros, now);
        return CompletableFuture.allOf(storage.apply(roles, memberOf.build()), storage.apply(members, member.build()))
                .thenCompose(ignored -> changed());
    }

    /** Removes the role, its attributes and every membership it takes part in, in either direction. */
    public CompletableFuture<Void> drop(String name, long timestampMicros) {
        TableMetadata roles = storage.table(AuthTables.ROLES);
        TableMetadata members = storage.table(AuthTables.ROLE_MEMBERS);
        long now = SystemTableStorage.nowInSeconds();
        return get(name).thenCombine(storage.readPartition(members, name), (role, memberRows) -> {
            List<PartitionUpdate> roleUpdates = new ArrayList<>();
            List<PartitionUpdate> memberUpdates = new ArrayList<>();
            PartitionUpdate.Builder self = PartitionUpdate.builder(SystemTableStorage.key(name));
            self.deletePartition(timestampMicros, now);
            roleUpdates.add(self.build());
            int memberOf = storage.columnId(roles, "member_of");
            for (Row row : memberRows) {
                String member = SystemTableStorage.text(row.clustering().get(0));
                PartitionUpdate.Builder update = PartitionUpdate.builder(SystemTableStorage.key(member));
                update.row(Clustering.EMPTY).deleteCell(memberOf, SystemTableStorage.text(name), timestampMicros, now);
                roleUpdates.add(update.build());
            }
            PartitionUpdate.Builder ownMembers = PartitionUpdate.builder(SystemTableStorage.key(name));
            ownMembers.deletePartition(timestampMicros, now);
            memberUpdates.add(ownMembers.build());
            if (role != null) {
                for (String parent : role.memberOf()) {
                    PartitionUpdate.Builder update = PartitionUpdate.builder(SystemTableStorage.key(parent));
                    update.row(Clustering.of(SystemTableStorage.text(name))).delete(timestampMicros, now);
                    memberUpdates.add(update.build());
                }
            }
            return CompletableFuture.allOf(storage.applyAll(roles, roleUpdates), storage.applyAll(members, memberUpdates),
                    attributes.removeAll(name, timestampMicros));
        }).thenCompose(done -> done).thenCompose(ignored -> changed());
    }

    private CompletableFuture<Void> changed() {
        return CompletableFuture.allOf(listeners.stream()
                .map(listener -> listener.rolesChanged().toCompletableFuture()).toArray(CompletableFuture[]::new));
    }

    private Role decode(TableMetadata roles, String name, Row row) {
        Cell hash = row.simpleCell(storage.columnId(roles, "salted_hash"));
        TreeSet<String> memberOf = new TreeSet<>();
        for (Cell element : row.cellsOf(storage.columnId(roles, "member_of"))) memberOf.add(SystemTableStorage.text(element.path()));
        return new Role(name,
                SystemTableStorage.bool(row.simpleCell(storage.columnId(roles, "is_superuser"))),
                SystemTableStorage.bool(row.simpleCell(storage.columnId(roles, "can_login"))),
                hash == null ? null : SystemTableStorage.text(hash.value()), memberOf);
    }
}
