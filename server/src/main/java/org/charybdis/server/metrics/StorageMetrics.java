package org.charybdis.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Per shard and table storage figures ({@code charybdis_storage_*}, labels {@code shard}, {@code keyspace},
 * {@code table}), read from the statistics each shard publishes every few seconds, so a scrape never touches a
 * shard's data. Sizes are gauges, rebuilt at each scrape; what only grows (flushes, compactions, reads) are
 * counters, one per shard and table, registered when the table first shows and removed when it goes.
 */
final class StorageMetrics {
    private final MeterRegistry registry;
    private final TableSizes sizes;
    private final Supplier<Schema> schema;
    private final List<Figure> gauges = new ArrayList<>();
    private final List<Figure> counters = new ArrayList<>();
    /** The counters of each shard's table, by shard and table id; refreshed under this object's lock. */
    private final Map<TableOnShard, List<Meter>> tableCounters = new HashMap<>();

    private record Figure(String name, String description, ToDoubleFunction<TableEngine.Stats> value, MultiGauge gauge) {}

    private record TableOnShard(int shard, UUID table) {}

    StorageMetrics(MeterRegistry registry, TableSizes sizes, Supplier<Schema> schema) {
        this.registry = registry;
        this.sizes = sizes;
        this.schema = schema;
        gauge("charybdis.storage.memtable.bytes", "Memory held by the table's memtables", TableEngine.Stats::memtableBytes);
        gauge("charybdis.storage.sstables", "Live SSTables", TableEngine.Stats::sstableCount);
        gauge("charybdis.storage.sstable.bytes", "Bytes on disk of the live SSTables", TableEngine.Stats::sstableBytes);
        gauge("charybdis.storage.pending.flushes", "Memtables waiting for or in flush", TableEngine.Stats::pendingFlushes);
        gauge("charybdis.storage.pending.compactions", "Compactions the strategy would run now", TableEngine.Stats::pendingCompactions);
        counter("charybdis.storage.flushes", "Memtables flushed", s -> s.io().flushes());
        counter("charybdis.storage.flushed.bytes", "Bytes written by flushes", s -> s.io().bytesFlushed());
        counter("charybdis.storage.compactions", "Compactions finished", s -> s.io().compactions());
        counter("charybdis.storage.compaction.read.bytes", "Bytes compactions read", s -> s.io().compactionBytesRead());
        counter("charybdis.storage.compaction.written.bytes", "Bytes compactions wrote", s -> s.io().compactionBytesWritten());
        counter("charybdis.storage.reads", "Partition reads", TableEngine.Stats::reads);
        counter("charybdis.storage.sstables.read", "SSTables touched by those reads", TableEngine.Stats::sstablesRead);
    }

    private void gauge(String name, String description, ToDoubleFunction<TableEngine.Stats> value) {
        gauges.add(new Figure(name, description, value, MultiGauge.builder(name).description(description).register(registry)));
    }

    private void counter(String name, String description, ToDoubleFunction<TableEngine.Stats> value) {
        counters.add(new Figure(name, description, value, null));
    }

    /** Rebuilds the gauges' rows from the latest published statistics, and the counters of tables come and gone. */
    synchronized void refresh() {
        Map<UUID, TableMetadata> tables = new HashMap<>();
        for (KeyspaceMetadata ks : schema.get().keyspaces().values()) {
            for (TableMetadata t : ks.tables().values()) tables.put(t.id(), t);
        }
        Map<TableOnShard, Tags> live = new HashMap<>();
        for (int shard = 0; shard < sizes.shardCount(); shard++) {
            for (UUID id : sizes.ofShard(shard).keySet()) {
                TableMetadata table = tables.get(id);
                if (table != null) {
                    live.put(new TableOnShard(shard, id),
                            Tags.of("shard", Integer.toString(shard), "keyspace", table.keyspace(), "table", table.name()));
                }
            }
        }
        for (Figure figure : gauges) {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            live.forEach((key, tags) -> rows.add(MultiGauge.Row.of(tags, figure.value().applyAsDouble(sizes.ofShard(key.shard()).get(key.table())))));
            figure.gauge().register(rows, true);
        }
        // a dropped table's counters go before a new table of the same name registers its own
        for (Iterator<Map.Entry<TableOnShard, List<Meter>>> it = tableCounters.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<TableOnShard, List<Meter>> entry = it.next();
            if (live.containsKey(entry.getKey())) continue;
            entry.getValue().forEach(registry::remove);
            it.remove();
        }
        live.forEach((key, tags) -> tableCounters.computeIfAbsent(key, k -> registerCounters(k, tags)));
    }

    private List<Meter> registerCounters(TableOnShard key, Tags tags) {
        List<Meter> meters = new ArrayList<>(counters.size());
        for (Figure figure : counters) {
            meters.add(FunctionCounter.builder(figure.name(), sizes, s -> latest(s, key, figure.value())).tags(tags)
                    .description(figure.description()).register(registry));
        }
        return meters;
    }

    /** The figure as the shard last published it; 0 in the moment between a table's drop and its counters' removal. */
    private static double latest(TableSizes sizes, TableOnShard key, ToDoubleFunction<TableEngine.Stats> value) {
        TableEngine.Stats stats = sizes.ofShard(key.shard()).get(key.table());
        return stats == null ? 0 : value.applyAsDouble(stats);
    }
}
