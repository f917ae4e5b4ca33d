package org.charybdis.server.system;

import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.TimeUuidGenerator;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.engine.CompletedCompaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code system.compaction_history}, Cassandra's table of finished compactions: each becomes a row written through
 * the storage engine like any stored table, expiring after a week (the table's default_time_to_live), which keeps it
 * bounded. {@code SELECT * FROM system.compaction_history}, {@code GET /compaction_manager/compaction_history} and
 * {@code charybdis admin compactionhistory} read it.
 */
public final class CompactionHistory {
    private static final Logger log = LoggerFactory.getLogger(CompactionHistory.class);
    static final int TTL_SECONDS = (int) TimeUnit.DAYS.toSeconds(7);

    /** One row of the table. */
    public record Entry(UUID id, String keyspace, String table, Instant compactedAt, long bytesIn, long bytesOut,
                        Map<Integer, Long> rowsMerged) {}

    private final SystemTableStorage storage;
    private final TimeUuidGenerator ids = new TimeUuidGenerator();

    public CompactionHistory(Database database, Supplier<Schema> schema) {
        this.storage = new SystemTableStorage(database, schema, SystemKeyspaces.SYSTEM);
    }

    /**
     * Records a finished compaction; called on the shard that ran it, the row written on the shard that owns it. A row
     * that cannot be written (the node is draining or starting) is left out: the history is informational.
     */
    public void record(CompletedCompaction compaction) {
        TableMetadata table = storage.table(SystemKeyspaces.COMPACTION_HISTORY);
        Map<String, Object> values = new HashMap<>();
        values.put("id", nextId());
        values.put("keyspace_name", compaction.keyspace());
        values.put("columnfamily_name", compaction.table());
        values.put("compacted_at", Instant.ofEpochMilli(compaction.compactedAtMillis()));
        values.put("bytes_in", compaction.bytesIn());
        values.put("bytes_out", compaction.bytesOut());
        values.put("rows_merged", compaction.rowsMerged());
        values.put("compaction_properties", Map.of());
        long micros = compaction.compactedAtMillis() * 1000;
        storage.apply(table, VirtualRows.update(table, values, micros, TTL_SECONDS, micros / 1_000_000)).whenComplete((v, failure) -> {
            if (failure != null) log.debug("Compaction of {}.{} not recorded in the compaction history", compaction.keyspace(), compaction.table(), failure);
        });
    }

    /** Every recorded compaction still in the table, the newest first. */
    public CompletableFuture<List<Entry>> read() {
        TableMetadata table = storage.table(SystemKeyspaces.COMPACTION_HISTORY);
        return storage.scan(table).thenApply(rows -> {
            List<Entry> entries = new ArrayList<>(rows.size());
            for (SystemTableStorage.KeyedRow row : rows) entries.add(entry(table, row.key(), row.row()));
            entries.sort(Comparator.comparing(Entry::compactedAt).reversed().thenComparing(Entry::id));
            return entries;
        });
    }

    private synchronized UUID nextId() { // shards record at once
        return (UUID) NativeType.TIMEUUID.deserialize(ids.next());
    }

    private Entry entry(TableMetadata table, ByteBuffer key, Row row) {
        Map<Integer, Long> rowsMerged = new TreeMap<>();
        for (Cell cell : row.cellsOf(storage.columnId(table, "rows_merged"))) {
            rowsMerged.put((Integer) NativeType.INT.deserialize(cell.path()), (Long) NativeType.BIGINT.deserialize(cell.value()));
        }
        return new Entry((UUID) NativeType.TIMEUUID.deserialize(key),
                SystemTableStorage.text(value(table, row, "keyspace_name")),
                SystemTableStorage.text(value(table, row, "columnfamily_name")),
                (Instant) NativeType.TIMESTAMP.deserialize(value(table, row, "compacted_at")),
                (Long) NativeType.BIGINT.deserialize(value(table, row, "bytes_in")),
                (Long) NativeType.BIGINT.deserialize(value(table, row, "bytes_out")),
                rowsMerged);
    }

    private ByteBuffer value(TableMetadata table, Row row, String column) {
        Cell cell = row.simpleCell(storage.columnId(table, column));
        return cell == null ? null : cell.value();
    }
}
