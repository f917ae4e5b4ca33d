package org.charybdis.server.api;

import org.charybdis.storage.engine.EstimatedHistogram;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A histogram as the admin API answers it: count, min, max, mean and the percentiles nodetool prints
 * ({@code "50"}, {@code "75"}, {@code "95"}, {@code "98"}, {@code "99"}).
 */
public record HistogramSummary(long count, long min, long max, double mean, Map<String, Long> percentiles) {
    private static final int[] PERCENTILES = {50, 75, 95, 98, 99};

    public static HistogramSummary of(EstimatedHistogram histogram) {
        Map<String, Long> percentiles = new LinkedHashMap<>();
        for (int p : PERCENTILES) percentiles.put(Integer.toString(p), histogram.percentile(p / 100.0));
        return new HistogramSummary(histogram.count(), histogram.min(), histogram.max(), histogram.mean(), percentiles);
    }
}
