package org.charybdis.storage.compaction;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How much compaction UCS still owes one table on one shard, in bytes to rewrite: the compaction controller's input.
 * <p>
 * ScyllaDB's backlog (its {@code compaction_controller.md}) charges each SSTable its size times the times it will
 * still be rewritten, {@code log_f(T / S)} for a table of T bytes and a fan factor f. Adapted to UCS:
 * <ul>
 * <li>only SSTables in buckets that reached their level's threshold count, as in ScyllaDB's later trackers: a
 *     hierarchy that meets its thresholds owes nothing, so compaction then runs at its lowest shares instead of
 *     taking time from queries;</li>
 * <li>an SSTable's place in the hierarchy is its density (what UCS levels by), f the fan factor of its level;</li>
 * <li>a counted SSTable owes at least one rewrite, the compaction that is due now.</li>
 * </ul>
 * A leveled bucket holds the level's large SSTable next to the small one that arrived, so the write amplification
 * of merging into a level is counted as well.
 */
public final class CompactionBacklog {
    private CompactionBacklog() {}

    /**
     * @param levels     the levels of the SSTables not being compacted
     * @param totalBytes the table's live bytes on this shard, compacting ones included: the density it grows into
     */
    public static <C extends CompactionCandidate> double bytes(List<Level<C>> levels, long totalBytes, OverlapInclusionMethod method) {
        double backlog = 0;
        for (Level<C> level : levels) {
            double logFanout = Math.log(level.fanout());
            Set<C> counted = new HashSet<>(); // buckets of a level may share SSTables
            for (CompactionBucket<C> bucket : level.buckets(method)) {
                for (C sstable : bucket.sstables()) {
                    if (counted.add(sstable)) backlog += owed(sstable, totalBytes, logFanout);
                }
            }
        }
        return backlog;
    }

    private static double owed(CompactionCandidate sstable, long totalBytes, double logFanout) {
        long size = sstable.onDiskSize();
        if (size <= 0) return 0;
        double rewrites = Math.log(totalBytes / sstable.density()) / logFanout;
        return size * Math.max(1.0, rewrites);
    }
}
