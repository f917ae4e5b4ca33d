package org.charybdis.storage.compaction;

import org.charybdis.storage.units.ByteSize;

import java.util.List;

/**
 * A snapshot of a table's UCS hierarchy on one shard, for metrics, logs and {@code compactionstats}.
 *
 * @param pendingCompactions estimated compactions still needed (Cassandra's "pending tasks")
 * @param compactingSSTables SSTables currently taken by running compactions
 */
public record CompactionSummary(ScalingParameters scaling, List<LevelSummary> levels, int pendingCompactions,
                                int compactingSSTables) {
    /**
     * One level.
     *
     * @param sstables   live SSTables in the level (compacting ones included)
     * @param maxOverlap most non-compacting SSTables of the level any token is in
     */
    public record LevelSummary(int index, String scaling, int fanout, int threshold, double minDensity,
                               double maxDensity, int sstables, long totalBytes, int maxOverlap,
                               int pendingCompactions) {
    }

    public CompactionSummary {
        levels = List.copyOf(levels);
    }

    public int sstableCount() {
        int count = 0;
        for (LevelSummary level : levels) count += level.sstables();
        return count;
    }

    public long totalBytes() {
        long total = 0;
        for (LevelSummary level : levels) total += level.totalBytes();
        return total;
    }

    /** A few human-readable lines: one header, one per non-empty level. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append("UCS ").append(scaling).append(": ").append(sstableCount()).append(" sstables, ")
           .append(ByteSize.format(totalBytes())).append(", ").append(compactingSSTables).append(" compacting, ")
           .append(pendingCompactions).append(" pending compactions");
        for (LevelSummary level : levels) {
            if (level.sstables() == 0) continue;
            out.append('\n').append("  L").append(level.index()).append(' ').append(level.scaling())
               .append(" density [").append(ByteSize.format(level.minDensity())).append(", ")
               .append(Double.isInfinite(level.maxDensity()) ? "inf" : ByteSize.format(level.maxDensity()))
               .append("): ").append(level.sstables()).append(" sstables, ")
               .append(ByteSize.format(level.totalBytes())).append(", max overlap ").append(level.maxOverlap())
               .append(", pending ").append(level.pendingCompactions());
        }
        return out.toString();
    }
}
