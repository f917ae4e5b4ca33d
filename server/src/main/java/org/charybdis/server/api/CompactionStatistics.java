package org.charybdis.server.api;

import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableEngine.CompactionProgress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code compactionstats} shows: compactions waiting (in total and per table) and those running,
 * over every shard. Field names become the JSON keys (snake_case).
 */
public record CompactionStatistics(long pendingTasks, List<PendingTable> pendingByTable, List<ActiveCompaction> activeCompactions) {

    /** A table with compactions waiting. */
    public record PendingTable(String keyspace, String table, long pendingTasks) {}

    /** A compaction running now; {@code progress} is the percentage of {@code total} bytes done. */
    public record ActiveCompaction(String id, String kind, String keyspace, String table, long completed, long total,
                                   String unit, double progress) {
        static ActiveCompaction of(CompactionProgress p) {
            double progress = p.bytesTotal() <= 0 ? 0 : 100.0 * p.bytesDone() / p.bytesTotal();
            return new ActiveCompaction(p.id(), p.kind(), p.keyspace(), p.table(), p.bytesDone(), p.bytesTotal(), "bytes", progress);
        }
    }

    /** One shard's part, as collected on that shard. */
    public record ShardPart(List<PendingTable> pending, List<CompactionProgress> active) {}

    /** On a shard: its tables' pending compaction counts and running compactions. */
    public static ShardPart collect(Collection<TableEngine> engines) {
        List<PendingTable> pending = new ArrayList<>();
        List<CompactionProgress> active = new ArrayList<>();
        for (TableEngine engine : engines) {
            int waiting = engine.stats().pendingCompactions();
            if (waiting > 0) pending.add(new PendingTable(engine.layout().keyspace(), engine.layout().table(), waiting));
            active.addAll(engine.activeCompactions());
        }
        return new ShardPart(pending, active);
    }

    /** Every shard's part added up: pending counts per table summed, running compactions listed by table. */
    public static CompactionStatistics sum(List<ShardPart> parts) {
        Map<String, PendingTable> pending = new TreeMap<>();
        List<ActiveCompaction> active = new ArrayList<>();
        long total = 0;
        for (ShardPart part : parts) {
            for (PendingTable p : part.pending()) {
                total += p.pendingTasks();
                pending.merge(p.keyspace() + "." + p.table(), p,
                        (a, b) -> new PendingTable(a.keyspace(), a.table(), a.pendingTasks() + b.pendingTasks()));
            }
            for (CompactionProgress p : part.active()) active.add(ActiveCompaction.of(p));
        }
        active.sort(Comparator.comparing(ActiveCompaction::keyspace).thenComparing(ActiveCompaction::table)
                .thenComparing(ActiveCompaction::id));
        return new CompactionStatistics(total, List.copyOf(pending.values()), active);
    }
}
