package org.charybdis.server.api;

import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableEngine.Stats;
import org.charybdis.storage.engine.TableHistograms;
import org.charybdis.storage.engine.TableLayout;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * One table's figures for {@code tablestats}, summed over the shards. Field names become the JSON keys
 * (snake_case): {@code sstable_count}, {@code space_used_live}, {@code partitions_estimate}, ...
 */
public record TableStatistics(String keyspace, String table, int sstableCount, long spaceUsedLive,
                              long memtableDataSize, long memtableSwitchCount, int pendingFlushes,
                              int pendingCompactions, long partitionsEstimate, long localReadCount,
                              double averageSstablesPerRead, double localReadLatencyMs, long localWriteCount,
                              double localWriteLatencyMs) {

    /** One shard's figures for one table, as collected on that shard. */
    public record ShardFigures(UUID tableId, String keyspace, String table, Stats stats, TableHistograms histograms) {}

    /** On a shard: the figures of its tables the selection names. */
    public static List<ShardFigures> collect(Collection<TableEngine> engines, Predicate<TableLayout> which) {
        List<ShardFigures> figures = new ArrayList<>();
        for (TableEngine engine : engines) {
            TableLayout layout = engine.layout();
            if (which.test(layout)) {
                figures.add(new ShardFigures(layout.tableId(), layout.keyspace(), layout.table(), engine.stats(), engine.histograms()));
            }
        }
        return figures;
    }

    /** Every shard's figures summed per table, ordered by keyspace then table. */
    public static List<TableStatistics> sum(List<List<ShardFigures>> perShard) {
        Map<UUID, ShardFigures> totals = new LinkedHashMap<>();
        for (List<ShardFigures> shard : perShard) {
            for (ShardFigures f : shard) {
                totals.merge(f.tableId(), f, (a, b) -> new ShardFigures(a.tableId(), a.keyspace(), a.table(), a.stats().plus(b.stats()),
                        a.histograms().plus(b.histograms())));
            }
        }
        return totals.values().stream().map(TableStatistics::of)
                .sorted(Comparator.comparing(TableStatistics::keyspace).thenComparing(TableStatistics::table))
                .toList();
    }

    private static TableStatistics of(ShardFigures f) {
        Stats s = f.stats();
        double perRead = s.reads() == 0 ? 0 : (double) s.sstablesRead() / s.reads();
        TableHistograms h = f.histograms();
        return new TableStatistics(f.keyspace(), f.table(), s.sstableCount(), s.sstableBytes(), s.memtableBytes(),
                s.memtableSwitches(), s.pendingFlushes(), s.pendingCompactions(), s.partitionCount(), s.reads(), perRead,
                h.readLatencyMicros().mean() / 1000, h.writeLatencyMicros().count(), h.writeLatencyMicros().mean() / 1000);
    }
}
