package org.charybdis.storage.compaction;

import java.util.ArrayList;
import java.util.List;

/**
 * The SSTables of one UCS density level, with the level's fan factor and threshold. Overlap sets and
 * buckets are computed on demand.
 */
public final class Level<C extends CompactionCandidate> {
    private final int index;
    private final int scalingParameter;
    private final double minDensity;
    private final double maxDensity;
    private final List<C> sstables = new ArrayList<>();

    Level(int index, DensityLevels bands) {
        this.index = index;
        this.scalingParameter = bands.scaling().scalingParameter(index);
        this.minDensity = bands.minDensity(index);
        this.maxDensity = bands.maxDensity(index);
    }

    /**
     * Assigns SSTables to levels by density. The result lists every level from 0 to the highest occupied
     * one, empty levels included, so a level's position in the list is its index.
     */
    public static <C extends CompactionCandidate> List<Level<C>> assign(List<C> sstables, DensityLevels bands) {
        List<Level<C>> levels = new ArrayList<>();
        for (C sstable : sstables) {
            int index = bands.levelOf(sstable.density());
            while (levels.size() <= index) levels.add(new Level<>(levels.size(), bands));
            levels.get(index).sstables.add(sstable);
        }
        return levels;
    }

    public int index() { return index; }

    public int scalingParameter() { return scalingParameter; }

    public int fanout() { return ScalingParameters.fanoutOf(scalingParameter); }

    public int threshold() { return ScalingParameters.thresholdOf(scalingParameter); }

    public double minDensity() { return minDensity; }

    public double maxDensity() { return maxDensity; }

    public List<C> sstables() { return sstables; }

    public long totalBytes() {
        long total = 0;
        for (C sstable : sstables) total += sstable.onDiskSize();
        return total;
    }

    /** Buckets of this level that reached its threshold (the only ones that need compaction). */
    public List<CompactionBucket<C>> buckets(OverlapInclusionMethod method) {
        return CompactionBucket.form(OverlapSets.of(sstables), threshold(), method);
    }

    /** Compactions still to do here in normal operation: each bucket's overlap over the threshold. */
    static int pendingCompactions(List<? extends CompactionBucket<?>> buckets, int threshold) {
        int pending = 0;
        for (CompactionBucket<?> bucket : buckets) pending += bucket.maxOverlap() / threshold;
        return pending;
    }
}
