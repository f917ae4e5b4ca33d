package org.charybdis.storage.compaction;

import java.util.Arrays;

/**
 * The density bands of UCS levels. Level 0 holds densities below {@code floor(base · f0)}, level n
 * densities in {@code [max(n-1), floor(max(n-1) · fn))}, where the base is the flush size with some
 * leeway, {@code max(1 MiB, flush) · (1 - 0.9 / f0)}: a flush that came out a little smaller than usual
 * must still count as a level-0 SSTable, while f0 - 1 of them must not reach level 1.
 */
public final class DensityLevels {
    /** Past this many levels everything lands in the top one (densities are bounded long before). */
    static final int MAX_LEVELS = 64;

    private final ScalingParameters scaling;
    private final double[] maxDensity;

    /**
     * @param flushSize the flush size the hierarchy grows from: the table's override, or the observed
     *                  average flush size (rounded up to whole MiB, as Cassandra does); 0 when none seen yet
     */
    public DensityLevels(ScalingParameters scaling, long flushSize) {
        this.scaling = scaling;
        this.maxDensity = new double[MAX_LEVELS];
        int f0 = scaling.fanout(0);
        double base = Math.max(CompactionOptions.MIB, flushSize) * (1.0 - 0.9 / f0);
        maxDensity[0] = Math.floor(base * f0);
        for (int level = 1; level < MAX_LEVELS; level++) {
            maxDensity[level] = Math.floor(maxDensity[level - 1] * scaling.fanout(level));
        }
        maxDensity[MAX_LEVELS - 1] = Double.POSITIVE_INFINITY;
    }

    /** The flush size used for the base: an override wins, else the observed size rounded up to MiB. */
    public static long effectiveFlushSize(long flushSizeOverride, long observedFlushSize) {
        if (flushSizeOverride > 0) return flushSizeOverride;
        if (observedFlushSize <= 0) return 0;
        return Math.ceilDiv(observedFlushSize, CompactionOptions.MIB) * CompactionOptions.MIB;
    }

    /** The level an SSTable of this density belongs to. */
    public int levelOf(double density) {
        int level = Arrays.binarySearch(maxDensity, density);
        // Found exactly: density == max belongs to the next level. Not found: insertion point.
        return level >= 0 ? Math.min(level + 1, MAX_LEVELS - 1) : -level - 1;
    }

    /** Smallest density of a level (inclusive). */
    public double minDensity(int level) { return level == 0 ? 0 : maxDensity[level - 1]; }

    /** Density where the next level starts (exclusive for this one). */
    public double maxDensity(int level) { return maxDensity[level]; }

    public ScalingParameters scaling() { return scaling; }
}
