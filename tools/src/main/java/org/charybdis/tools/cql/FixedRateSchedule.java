package org.charybdis.tools.cql;

/**
 * The intended start of every request of an open-loop workload: request {@code i} is due {@code i / rate} seconds
 * after the start. Each start is computed from the start, not from the previous one, so rounding never drifts.
 */
public record FixedRateSchedule(long startNanos, double ratePerSecond) {
    public FixedRateSchedule {
        if (!(ratePerSecond > 0)) throw new IllegalArgumentException("the rate must be positive: " + ratePerSecond);
    }

    public long intendedStart(long request) {
        return startNanos + (long) (request * 1e9 / ratePerSecond);
    }
}
