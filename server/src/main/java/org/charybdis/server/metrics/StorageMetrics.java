package org.charybdis.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.charybdis.server.replica.TableSizes;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.engine.TableEngine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Per shard and table storage figures ({@code charybdis_storage_*}, labels {@code shard}, {@code keyspace},
 * {@code table}), read from the statistics each shard publishes every few seconds, so a scrape never touches a
 * shard's data. Tables come and go with the schema; the rows are rebuilt at each scrape.
 */
final class StorageMetrics {
    private final TableSizes sizes;
    private final Supplier<Schema> schema;
    private final List<Metric> metrics = new ArrayList<>();

    private record Metric(MultiGauge gauge, ToDoubleFunction<TableEngine.Stats> value) {}

    StorageMetrics(MeterRegistry registry, TableSizes sizes, Supplier<Schema> schema) {
        this.sizes = sizes;
        this.schema = schema;
        add(registry, "charybdis.storage.memtable.bytes", "Memory held by the table's memtables", TableEngine.Stats::memtableBytes);
        add(registry, "charybdis.storage.sstables", "Live SSTables", TableEngine.Stats::sstableCount);
        add(registry, "charybdis.storage.sstable.bytes", "Bytes on disk of the live SSTables", TableEngine.Stats::sstableBytes);
        add(registry, "charybdis.storage.pending.flushes", "Memtables waiting for or in flush", TableEngine.Stats::pendingFlushes);
        add(registry, "charybdis.storage.pending.compactions", "Compactions the strategy would run now", TableEngine.Stats::pendingCompactions);
        add(registry, "charybdis.storage.flushes", "Memtables flushed since start", s -> s.io().flushes());
        add(registry, "charybdis.storage.flushed.bytes", "Bytes written by flushes since start", s -> s.io().bytesFlushed());
        add(registry, "charybdis.storage.compactions", "Compactions finished since start", s -> s.io().compactions());
        add(registry, "charybdis.storage.compaction.read.bytes", "Bytes compactions read since start", s -> s.io().compactionBytesRead());
        add(registry, "charybdis.storage.compaction.written.bytes", "Bytes compactions wrote since start", s -> s.io().compactionBytesWritten());
        add(registry, "charybdis.storage.reads", "Partition reads since start", TableEngine.Stats::reads);
        add(registry, "charybdis.storage.sstables.read", "SSTables touched by those reads", TableEngine.Stats::sstablesRead);
    }

    private void add(MeterRegistry registry, String name, String description, ToDoubleFunction<TableEngine.Stats> value) {
        metrics.add(new Metric(MultiGauge.builder(name).description(description).register(registry), value));
    }

    /** Rebuilds the rows from the latest published statistics. */
    void refresh() {
        Map<UUID, TableMetadata> tables = new HashMap<>();
        Schema current = schema.get();
        for (KeyspaceMetadata ks : current.keyspaces().values()) {
            for (TableMetadata t : ks.tables().values()) tables.put(t.id(), t);
        }
        for (Metric metric : metrics) {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (int shard = 0; shard < sizes.shardCount(); shard++) {
                for (Map.Entry<UUID, TableEngine.Stats> e : sizes.ofShard(shard).entrySet()) {
                    TableMetadata table = tables.get(e.getKey());
                    if (table == null) continue;
                    rows.add(MultiGauge.Row.of(Tags.of("shard", Integer.toString(shard), "keyspace", table.keyspace(), "table", table.name()),
                            metric.value().applyAsDouble(e.getValue())));
                }
            }
            metric.gauge().register(rows, true);
        }
    }
}
