package org.charybdis.server.snapshot;

import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code auto_snapshot}: before DROP TABLE, DROP KEYSPACE or TRUNCATE removes a table's data, the table is snapshotted
 * under Cassandra's tag names, {@code dropped-<millis>-<table>} and {@code truncated-<millis>-<table>}. A dropped
 * table's snapshot stays in its directory, which the drop leaves (only the shards' live SSTables go).
 */
public final class AutoSnapshot {
    private final SnapshotControl snapshots;

    public AutoSnapshot(SnapshotControl snapshots) {
        this.snapshots = snapshots;
    }

    /** Before a schema change drops these tables of {@code current}; the drop waits for the snapshots. */
    public CompletableFuture<Void> beforeDrop(Schema current, List<TableMetadata> dropped) {
        List<CompletableFuture<Void>> taken = new ArrayList<>(dropped.size());
        for (TableMetadata table : dropped) taken.add(snapshots.take(current, table, tag("dropped", table)));
        return CompletableFuture.allOf(taken.toArray(CompletableFuture[]::new));
    }

    /** Before a TRUNCATE of the table; the truncation waits for the snapshot. */
    public CompletableFuture<Void> beforeTruncate(TableMetadata table) {
        return snapshots.take(table, tag("truncated", table));
    }

    /** Cassandra's timestamped tag: {@code <prefix>-<epoch millis>-<table>}. */
    static String tag(String prefix, TableMetadata table) {
        return prefix + "-" + System.currentTimeMillis() + "-" + table.name();
    }
}
