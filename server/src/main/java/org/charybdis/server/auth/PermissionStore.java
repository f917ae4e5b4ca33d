package org.charybdis.server.auth;

import org.charybdis.cql.syntax.Permission;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Permission grants in {@code system_auth.role_permissions} (role, resource name, set of permission
 * names), as Cassandra's CassandraAuthorizer stores them ({@link CassandraAuthorizer} enforces them).
 * Futures complete on the calling shard.
 */
public final class PermissionStore {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    /** The permissions one role holds directly on one resource. */
    public record Grant(String role, AuthResource resource, Set<Permission> permissions) {}

    private final SystemTableStorage storage;

    public PermissionStore(Database database, Supplier<Schema> schema) {
        this.storage = AuthTables.storage(database, schema);
    }

    /** The grants held directly by one role, by resource name. */
    public CompletableFuture<List<Grant>> of(String role) {
        TableMetadata table = storage.table(AuthTables.ROLE_PERMISSIONS);
        return storage.readPartition(table, role).thenApply(rows -> {
            List<Grant> grants = new ArrayList<>(rows.size());
            for (Row row : rows) addGrant(grants, table, role, row);
            return grants;
        });
    }

    /** The grants held directly by each of the roles, in role order (read in parallel). */
    public CompletableFuture<List<Grant>> ofRoles(java.util.Collection<Role> roles) {
        List<CompletableFuture<List<Grant>>> reads = new ArrayList<>(roles.size());
        for (Role role : roles) reads.add(of(role.name()));
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            List<Grant> grants = new ArrayList<>();
            for (CompletableFuture<List<Grant>> read : reads) grants.addAll(read.join()); // all complete
            return grants;
        });
    }

    /** Every grant of every role, by role then resource name. */
    public CompletableFuture<List<Grant>> all() {
        TableMetadata table = storage.table(AuthTables.ROLE_PERMISSIONS);
        return storage.scan(table).thenApply(rows -> {
            Map<String, List<Grant>> byRole = new TreeMap<>();
            for (KeyedRow row : rows) addGrant(byRole.computeIfAbsent(row.partitionKey(), r -> new ArrayList<>()), table, row.partitionKey(), row.row());
            List<Grant> all = new ArrayList<>();
            byRole.values().forEach(all::addAll);
            return all;
        });
    }

    public CompletableFuture<Void> grant(String role, AuthResource resource, Set<Permission> permissions, long timestampMicros) {
        TableMetadata table = storage.table(AuthTables.ROLE_PERMISSIONS);
        long now = SystemTableStorage.nowInSeconds();
        int column = storage.columnId(table, "permissions");
        PartitionUpdate.Builder update = PartitionUpdate.builder(SystemTableStorage.key(role));
        var row = update.row(Clustering.of(SystemTableStorage.text(resource.name())));
        for (Permission p : permissions) row.cell(column, SystemTableStorage.text(p.name()), EMPTY, timestampMicros, 0, now);
        return storage.apply(table, update.build());
    }

    public CompletableFuture<Void> revoke(String role, AuthResource resource, Set<Permission> permissions, long timestampMicros) {
        TableMetadata table = storage.table(AuthTables.ROLE_PERMISSIONS);
        long now = SystemTableStorage.nowInSeconds();
        int column = storage.columnId(table, "permissions");
        PartitionUpdate.Builder update = PartitionUpdate.builder(SystemTableStorage.key(role));
        var row = update.row(Clustering.of(SystemTableStorage.text(resource.name())));
        for (Permission p : permissions) row.deleteCell(column, SystemTableStorage.text(p.name()), timestampMicros, now);
        return storage.apply(table, update.build());
    }

    /** Forgets every grant a role holds (DROP ROLE). */
    public CompletableFuture<Void> revokeAllFrom(String role, long timestampMicros) {
        TableMetadata table = storage.table(AuthTables.ROLE_PERMISSIONS);
        PartitionUpdate.Builder update = PartitionUpdate.builder(SystemTableStorage.key(role));
        update.deletePartition(timestampMicros, SystemTableStorage.nowInSeconds());
        return storage.apply(table, update.build());
    }

    /** Forgets every grant on a resource, whoever holds it (the resource was dropped). */
    public CompletableFuture<Void> revokeAllOn(AuthResource resource, long timestampMicros) {
        return revokeAll(name -> name.equals(resource.name()), timestampMicros);
    }

    /** Forgets every grant on a resource and on everything inside it (a dropped keyspace's tables). */
    public CompletableFuture<Void> revokeAllUnder(AuthResource resource, long timestampMicros) {
        String inside = resource.name() + "/";
        return revokeAll(name -> name.equals(resource.name()) || name.startsWith(inside), timestampMicros);
    }

    private CompletableFuture<Void> revokeAll(java.util.function.Predicate<String> resourceNames, long timestampMicros) {
        TableMetadata table = storage.table(AuthTables.ROLE_PERMISSIONS);
        long now = SystemTableStorage.nowInSeconds();
        return storage.scan(table).thenCompose(rows -> {
            List<PartitionUpdate> deletes = new ArrayList<>();
            for (KeyedRow row : rows) {
                if (!resourceNames.test(SystemTableStorage.text(row.row().clustering().get(0)))) continue;
                PartitionUpdate.Builder update = PartitionUpdate.builder(SystemTableStorage.key(row.partitionKey()));
                update.row(row.row().clustering()).delete(timestampMicros, now);
                deletes.add(update.build());
            }
            return storage.applyAll(table, deletes);
        });
    }

    private void addGrant(List<Grant> grants, TableMetadata table, String role, Row row) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (Cell cell : row.cellsOf(storage.columnId(table, "permissions"))) {
            permissions.add(Permission.valueOf(SystemTableStorage.text(cell.path())));
        }
        if (!permissions.isEmpty()) {
            grants.add(new Grant(role, AuthResource.fromName(SystemTableStorage.text(row.clustering().get(0))), permissions));
        }
    }
}
