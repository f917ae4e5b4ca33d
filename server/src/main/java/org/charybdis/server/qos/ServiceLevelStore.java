package org.charybdis.server.qos;

import org.charybdis.cql.types.CqlDuration;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.system.SystemKeyspaces;
import org.charybdis.server.system.SystemTableStorage;
import org.charybdis.server.system.SystemTableStorage.KeyedRow;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Row;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The service levels in {@code system.service_levels_v2} (ScyllaDB's schema: service_level, shares, timeout,
 * workload_type), read and written through the storage API. Futures complete on the calling shard.
 */
final class ServiceLevelStore {
    private static final long NANOS_PER_DAY = Duration.ofDays(1).toNanos();

    private final SystemTableStorage storage;

    ServiceLevelStore(Database database, Supplier<Schema> schema) {
        this.storage = new SystemTableStorage(database, schema, SystemKeyspaces.SYSTEM);
    }

    /** Every stored level, by name. */
    CompletableFuture<Map<String, ServiceLevel>> all() {
        TableMetadata table = table();
        return storage.scan(table).thenApply(rows -> {
            Map<String, ServiceLevel> levels = new TreeMap<>();
            for (KeyedRow row : rows) levels.put(row.partitionKey(), decode(table, row.partitionKey(), row.row()));
            return levels;
        });
    }

    /** Writes every column of the level (an unset timeout or workload type as a deleted cell). */
    CompletableFuture<Void> write(ServiceLevel level, long timestampMicros) {
        TableMetadata table = table();
        long now = SystemTableStorage.nowInSeconds();
        ServiceLevelOptions options = level.options();
        PartitionUpdate.Builder update = PartitionUpdate.builder(SystemTableStorage.key(level.name()));
        var row = update.row(Clustering.EMPTY).marker(timestampMicros, 0, now)
                .cell(column(table, "shares"), NativeType.INT.serialize(options.shares()), timestampMicros, 0, now);
        int timeout = column(table, "timeout");
        if (options.timeout() == null) row.deleteCell(timeout, timestampMicros, now);
        else row.cell(timeout, NativeType.DURATION.serialize(new CqlDuration(0, 0, options.timeout().toNanos())), timestampMicros, 0, now);
        int workload = column(table, "workload_type");
        String stored = options.workloadType().stored();
        if (stored == null) row.deleteCell(workload, timestampMicros, now);
        else row.cell(workload, SystemTableStorage.text(stored), timestampMicros, 0, now);
        return storage.apply(table, update.build());
    }

    CompletableFuture<Void> delete(String name, long timestampMicros) {
        PartitionUpdate.Builder update = PartitionUpdate.builder(SystemTableStorage.key(name));
        update.deletePartition(timestampMicros, SystemTableStorage.nowInSeconds());
        return storage.apply(table(), update.build());
    }

    private ServiceLevel decode(TableMetadata table, String name, Row row) {
        Cell shares = row.simpleCell(column(table, "shares"));
        Cell timeout = row.simpleCell(column(table, "timeout"));
        Cell workload = row.simpleCell(column(table, "workload_type"));
        WorkloadType type = workload == null ? WorkloadType.UNSPECIFIED : WorkloadType.parse(SystemTableStorage.text(workload.value()));
        return new ServiceLevel(name, new ServiceLevelOptions(
                shares == null ? ServiceLevelOptions.DEFAULT_SHARES : (Integer) NativeType.INT.deserialize(shares.value().duplicate()),
                timeout == null ? null : toDuration((CqlDuration) NativeType.DURATION.deserialize(timeout.value().duplicate())),
                type == null ? WorkloadType.UNSPECIFIED : type));
    }

    private static Duration toDuration(CqlDuration duration) {
        // levels hold millisecond timeouts; days (a row written by hand) count as 24 hours
        return Duration.ofNanos(duration.nanoseconds() + duration.days() * NANOS_PER_DAY);
    }

    private TableMetadata table() {
        return storage.table(SystemKeyspaces.SERVICE_LEVELS_V2);
    }

    private int column(TableMetadata table, String name) {
        return storage.columnId(table, name);
    }
}
