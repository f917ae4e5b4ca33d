package org.charybdis.tools.stress;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Prints one line a second per running workload: ops/s and rows/s in the last second, its p50 and p99, and errors.
 * The last partial second of a workload is left to the final report.
 */
final class ProgressPrinter {
    private final PrintWriter out;
    private final List<WorkloadRunner> runners;
    private final NanoClock clock;
    private final long startNanos;
    private final int nameWidth;
    private long lastTickNanos;

    ProgressPrinter(PrintWriter out, List<WorkloadRunner> runners, NanoClock clock) {
        this.out = out;
        this.runners = runners;
        this.clock = clock;
        this.startNanos = clock.nanoTime();
        this.lastTickNanos = startNanos;
        this.nameWidth = Math.max(8, runners.stream().mapToInt(r -> r.spec().name().length()).max().orElse(0));
    }

    void printHeader() {
        out.println(String.format(Locale.ROOT, "%6s  %-" + nameWidth + "s  %-5s  %10s  %10s  %9s  %9s  %7s",
                "time", "workload", "op", "ops/s", "rows/s", "p50 ms", "p99 ms", "errors"));
        out.flush();
    }

    /** Prints the lines of the interval since the previous tick. */
    void tick() {
        long now = clock.nanoTime();
        double seconds = Math.max(1e-9, (now - lastTickNanos) / 1e9);
        lastTickNanos = now;
        for (WorkloadRunner runner : runners) {
            if (runner.finished()) continue;
            WorkloadStats.Interval i = runner.stats().nextInterval();
            out.println(String.format(Locale.ROOT, "%5.0fs  %-" + nameWidth + "s  %-5s  %10.0f  %10.0f  %9.2f  %9.2f  %7d",
                    (now - startNanos) / 1e9, runner.spec().name(), runner.spec().operation().label(), i.ops() / seconds,
                    i.rows() / seconds, i.p50Millis(), i.p99Millis(), i.errors()));
        }
        out.flush();
    }
}
