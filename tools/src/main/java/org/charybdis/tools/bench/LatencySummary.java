package org.charybdis.tools.bench;

import org.HdrHistogram.Histogram;

/** Percentiles of a latency histogram, in microseconds. */
public record LatencySummary(long count, double meanMicros, long p50Micros, long p90Micros, long p99Micros, long p999Micros,
                             long maxMicros) {
    /** Latencies up to an hour, three significant digits. */
    private static final long HIGHEST_MICROS = 3_600_000_000L;

    public static final LatencySummary NONE = new LatencySummary(0, 0, 0, 0, 0, 0, 0);

    static Histogram newHistogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    /** Nanoseconds to the microseconds the histograms hold (at least 1, at most an hour). */
    static long micros(long nanos) {
        return Math.clamp(nanos / 1000, 1, HIGHEST_MICROS);
    }

    static LatencySummary of(Histogram h) {
        if (h.getTotalCount() == 0) return NONE;
        return new LatencySummary(h.getTotalCount(), h.getMean(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue());
    }
}
