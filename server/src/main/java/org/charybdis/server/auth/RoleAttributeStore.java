package org.charybdis.server.auth;

import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.system.SystemTableStorage;
import org.charybdis.server.system.SystemTableStorage.KeyedRow;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.PartitionUpdate;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Named attributes of roles in {@code system_auth.role_attributes} (role, name, value), as ScyllaDB's role
 * manager keeps them; the one in use is {@value #SERVICE_LEVEL}, the level attached to a role. Futures complete on
 * the calling shard.
 */
public final class RoleAttributeStore {
    public static final String SERVICE_LEVEL = "service_level";

    private final SystemTableStorage storage;

    public RoleAttributeStore(Database database, Supplier<Schema> schema) {
        this.storage = AuthTables.storage(database, schema);
    }

    /** Role to the value of its attribute {@code name}, for every role that has one. */
    public CompletableFuture<Map<String, String>> all(String name) {
        TableMetadata table = table();
        int value = storage.columnId(table, "value");
        return storage.scan(table).thenApply(rows -> {
            Map<String, String> byRole = new TreeMap<>();
            for (KeyedRow row : rows) {
                Cell cell = row.row().simpleCell(value);
                if (cell != null && name.equals(SystemTableStorage.text(row.row().clustering().get(0)))) {
                    byRole.put(row.partitionKey(), SystemTableStorage.text(cell.value()));
                }
            }
            return byRole;
        });
    }

    public CompletableFuture<Void> set(String role, String name, String value, long timestampMicros) {
        TableMetadata table = table();
        long now = SystemTableStorage.nowInSeconds();
        PartitionUpdate.Builder update = PartitionUpdate.builder(SystemTableStorage.key(role));
        update.row(Clustering.of(SystemTableStorage.text(name))).marker(timestampMicros, 0, now)
                .cell(storage.columnId(table, "value"), SystemTableStorage.text(value), timestampMicros, 0, now);
        return storage.apply(table, update.build());
    }

    public CompletableFuture<Void> remove(String role, String name, long timestampMicros) {
        PartitionUpdate.Builder update = PartitionUpdate.builder(SystemTableStorage.key(role));
        update.row(Clustering.of(SystemTableStorage.text(name))).delete(timestampMicros, SystemTableStorage.nowInSeconds());
        return storage.apply(table(), update.build());
    }

    /** Every attribute of a role (the role is being dropped). */
    CompletableFuture<Void> removeAll(String role, long timestampMicros) {
        PartitionUpdate.Builder update = PartitionUpdate.builder(SystemTableStorage.key(role));
        update.deletePartition(timestampMicros, SystemTableStorage.nowInSeconds());
        return storage.apply(table(), update.build());
    }

    private TableMetadata table() {
        return storage.table(AuthTables.ROLE_ATTRIBUTES);
    }
}
