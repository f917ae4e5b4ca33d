package org.charybdis.tools.stress;

import org.HdrHistogram.Histogram;

/** Latency percentiles of a workload in milliseconds, from a histogram of microseconds. */
record LatencyMillis(double mean, double p50, double p90, double p99, double p999, double max) {
    static LatencyMillis of(Histogram micros) {
        if (micros.getTotalCount() == 0) return new LatencyMillis(0, 0, 0, 0, 0, 0);
        return new LatencyMillis(micros.getMean() / 1000, ms(micros, 50), ms(micros, 90), ms(micros, 99), ms(micros, 99.9),
                micros.getMaxValue() / 1000.0);
    }

    private static double ms(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }
}
