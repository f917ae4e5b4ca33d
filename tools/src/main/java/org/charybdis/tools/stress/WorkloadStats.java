package org.charybdis.tools.stress;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one workload's requests did. Driver threads record completions without locks (an HdrHistogram
 * {@link Recorder} and adders); one reader at a time takes the last second's figures for the progress line and
 * folds them into the run's histogram.
 */
final class WorkloadStats {
    /** Latencies up to an hour, three significant digits, in microseconds. */
    private static final long HIGHEST_MICROS = 3_600_000_000L;

    private final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
    private final LongAdder ops = new LongAdder();
    private final LongAdder rows = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Map<String, LongAdder> errorsByClass = new ConcurrentHashMap<>();
    private volatile Throwable firstError;

    // the reader's state, guarded by this
    private final Histogram total = new Histogram(HIGHEST_MICROS, 3);
    private Histogram interval;
    private long reportedOps;
    private long reportedRows;
    private long reportedErrors;

    /** Figures of one progress interval; latencies in milliseconds. */
    record Interval(long ops, long rows, long errors, double p50Millis, double p99Millis) {}

    /** Records a completed request: {@code rows} read on success, or the error. */
    void complete(long latencyNanos, Integer rowsRead, Throwable error) {
        if (error != null) {
            failure(error);
            return;
        }
        recorder.recordValue(Math.clamp(latencyNanos / 1000, 1, HIGHEST_MICROS));
        ops.increment();
        if (rowsRead != null) rows.add(rowsRead);
    }

    private void failure(Throwable error) {
        Throwable cause = unwrap(error);
        if (firstError == null) firstError = cause;
        errors.increment();
        errorsByClass.computeIfAbsent(cause.getClass().getSimpleName(), k -> new LongAdder()).increment();
    }

    /** The figures since the previous call (or the start); they also go into {@link #latencies()}. */
    synchronized Interval nextInterval() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        long o = ops.sum();
        long r = rows.sum();
        long e = errors.sum();
        Interval result = new Interval(o - reportedOps, r - reportedRows, e - reportedErrors,
                millis(interval.getValueAtPercentile(50), interval), millis(interval.getValueAtPercentile(99), interval));
        reportedOps = o;
        reportedRows = r;
        reportedErrors = e;
        return result;
    }

    /** Latencies of every successful request recorded so far (a copy), in microseconds. */
    synchronized Histogram latencies() {
        total.add(recorder.getIntervalHistogram());
        return total.copy();
    }

    long ops() {
        return ops.sum();
    }

    long rows() {
        return rows.sum();
    }

    long errors() {
        return errors.sum();
    }

    /** Errors counted by the simple name of their exception class, in name order. */
    Map<String, Long> errorsByClass() {
        Map<String, Long> result = new TreeMap<>();
        errorsByClass.forEach((name, count) -> result.put(name, count.sum()));
        return result;
    }

    /** Whether every request so far failed, and at least {@code threshold} did: the workload cannot work at all. */
    boolean failingFromStart(int threshold) {
        return ops.sum() == 0 && errors.sum() >= threshold;
    }

    Throwable firstError() {
        return firstError;
    }

    private static double millis(long micros, Histogram h) {
        return h.getTotalCount() == 0 ? 0 : micros / 1000.0;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) t = t.getCause();
        return t;
    }
}
