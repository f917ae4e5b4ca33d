package org.charybdis.storage.engine;

import java.util.Arrays;

/**
 * Counts of values (latencies in microseconds, sizes in bytes, SSTables per read) in buckets that grow by about a
 * fifth each, as Cassandra's estimated histograms: percentiles come out within 20% of the truth from a fixed, small
 * array. Not thread-safe: one shard writes it; others read a {@link #copy} taken on that shard.
 */
public final class EstimatedHistogram {
    /** Upper bounds of the buckets: 0, 1, 2, ... 10, 12, 14, 17, 20, 24, ... up to about 10^12; the last takes the rest. */
    private static final long[] BOUNDS = bounds(150);

    private final long[] counts = new long[BOUNDS.length + 1];
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max;

    private static long[] bounds(int size) {
        long[] bounds = new long[size];
        bounds[1] = 1;
        for (int i = 2; i < size; i++) bounds[i] = Math.max(bounds[i - 1] + 1, Math.round(bounds[i - 1] * 1.2));
        return bounds;
    }

    public void add(long value) {
        add(value, 1);
    }

    /** Adds {@code times} values equal to {@code value} (negative values count as 0). */
    public void add(long value, long times) {
        if (times <= 0) return;
        long v = Math.max(0, value);
        int bucket = Arrays.binarySearch(BOUNDS, v);
        counts[bucket >= 0 ? bucket : -bucket - 1] += times;
        count += times;
        sum += v * times;
        min = Math.min(min, v);
        max = Math.max(max, v);
    }

    /** Adds another histogram's values to this one. */
    public EstimatedHistogram merge(EstimatedHistogram other) {
        for (int i = 0; i < counts.length; i++) counts[i] += other.counts[i];
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        return this;
    }

    public EstimatedHistogram copy() {
        return new EstimatedHistogram().merge(this);
    }

    public long count() { return count; }

    public long min() { return count == 0 ? 0 : min; }

    public long max() { return max; }

    public double mean() { return count == 0 ? 0 : (double) sum / count; }

    /**
     * The value below which the fraction {@code p} (0..1) of the values fall: the upper bound of the bucket holding
     * it, never above the largest value seen; 0 when empty.
     */
    public long percentile(double p) {
        if (count == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(p * count));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) return i < BOUNDS.length ? Math.min(BOUNDS[i], max) : max;
        }
        return max;
    }
}
