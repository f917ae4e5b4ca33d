package org.charybdis.tools.stress;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The final report as people read it. */
final class ReportText {
    private ReportText() {}

    static String format(StressReport report) {
        StringBuilder s = new StringBuilder();
        s.append(System.lineSeparator()).append("Results").append(System.lineSeparator());
        for (WorkloadReport w : report.workloads()) {
            boolean scan = w.operation().equals(Operation.SCAN.label());
            line(s, "%s: %s, %s%s, %.1f s", w.name(), w.operation(), load(w), w.role() == null ? "" : ", role " + w.role(), w.seconds());
            line(s, "  %-11s %d (%.1f/s)", scan ? "pages" : "ops", w.ops(), w.opsPerSecond());
            if (!w.operation().equals(Operation.WRITE.label())) line(s, "  %-11s %d (%.1f/s)", "rows", w.rows(), w.rowsPerSecond());
            line(s, "  %-11s %d%s", "errors", w.errors(), errorClasses(w.errorsByClass()));
            LatencyMillis l = w.latencyMs();
            line(s, "  %-11s p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  (mean %.3f)", "latency ms",
                    l.p50(), l.p90(), l.p99(), l.p999(), l.max(), l.mean());
        }
        ServerCpu cpu = report.serverCpu();
        if (cpu != null) {
            line(s, "server CPU (pid %d): %.2f s, %.1f us per op over %d ops", cpu.pid(), cpu.cpuSeconds(), cpu.microsPerOp(), cpu.ops());
        }
        ServerHops hops = report.serverHops();
        if (hops != null) {
            line(s, "server shard hops: %d of %d partition operations ran on another shard than their connection's (%.2f%%)",
                    hops.crossShardOperations(), hops.localOperations() + hops.crossShardOperations(), 100 * hops.crossShardShare());
        }
        if (report.abortedBecause() != null) line(s, "ABORTED: %s", report.abortedBecause());
        return s.toString();
    }

    private static String load(WorkloadReport w) {
        if (w.rate() == null) return "closed loop, " + w.concurrency() + " in flight";
        return "open loop at " + LoadModel.rateText(w.rate()) + "/s (at most " + w.concurrency() + " in flight), latency from intended start";
    }

    private static String errorClasses(Map<String, Long> byClass) {
        if (byClass.isEmpty()) return "";
        return byClass.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ", " (", ")"));
    }

    private static void line(StringBuilder s, String format, Object... args) {
        s.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }
}
