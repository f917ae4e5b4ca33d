package org.charybdis.tools.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

/**
 * The headline figures of runs of the same load on different engines ({@code storage-bench --engine both}), one column
 * per engine and the ratio of each to the first: throughput, p99 latency, write and space amplification.
 */
final class EngineComparison {
    private static final DoubleFunction<String> RATE = v -> String.format(Locale.ROOT, "%,.0f", v);
    private static final DoubleFunction<String> MIB = v -> String.format(Locale.ROOT, "%.1f", v);
    private static final DoubleFunction<String> FACTOR = v -> String.format(Locale.ROOT, "%.2f", v);
    private static final DoubleFunction<String> LATENCY = v -> TextReport.micros(Math.round(v));

    private record Figure(String label, ToDoubleFunction<BenchReport> value, DoubleFunction<String> shown) {}

    private static final List<Figure> FIGURES = List.of(
            new Figure("Write throughput (MiB/s)", r -> r.writes().mibPerSecond(), MIB),
            new Figure("Write throughput (rows/s)", r -> r.writes().rowsPerSecond(), RATE),
            new Figure("Write latency p99", r -> r.writes().latency().p99Micros(), LATENCY),
            new Figure("Reads/s after the writes", r -> r.reads().readsPerSecond(), RATE),
            new Figure("Read latency p99 after the writes", r -> r.reads().latency().p99Micros(), LATENCY),
            new Figure("Reads/s after the major", major(m -> m.reads().readsPerSecond()), RATE),
            new Figure("Read latency p99 after the major", major(m -> m.reads().latency().p99Micros()), LATENCY),
            new Figure("Write amplification", r -> r.amplification().write(), FACTOR),
            new Figure("  with the commitlog (process)", r -> r.amplification().writeWithCommitlog(), FACTOR),
            new Figure("Space amplification once settled", r -> r.files().spaceAmplification(), FACTOR),
            new Figure("Space amplification after the major", major(BenchReport.Major::spaceAmplification), FACTOR),
            new Figure("  data/ after the major (x user data)", major(BenchReport.Major::dataDirectoryAmplification), FACTOR));

    private EngineComparison() {}

    static String format(List<BenchReport> reports) {
        BenchReport first = reports.getFirst();
        StringBuilder out = new StringBuilder("Engines side by side (ratio: the engine's figure over " + first.setup().engine() + "'s)\n");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-38s", ""));
        for (BenchReport r : reports) header.append(String.format(Locale.ROOT, " %12s", r.setup().engine()));
        for (BenchReport r : reports.subList(1, reports.size())) header.append(String.format(Locale.ROOT, " %10s", "ratio"));
        out.append(header.toString().stripTrailing()).append('\n');
        for (Figure f : FIGURES) {
            out.append(String.format(Locale.ROOT, "  %-38s", f.label()));
            for (BenchReport r : reports) out.append(String.format(Locale.ROOT, " %12s", shown(f, f.value().applyAsDouble(r))));
            double base = f.value().applyAsDouble(first);
            for (BenchReport r : reports.subList(1, reports.size())) {
                double ratio = f.value().applyAsDouble(r) / base;
                out.append(String.format(Locale.ROOT, " %10s", Double.isFinite(ratio) ? FACTOR.apply(ratio) : "-"));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** A figure of the major compaction phase: NaN when the run skipped it (--no-major). */
    private static ToDoubleFunction<BenchReport> major(ToDoubleFunction<BenchReport.Major> figure) {
        return r -> r.major() == null ? Double.NaN : figure.applyAsDouble(r.major());
    }

    private static String shown(Figure f, double value) {
        return Double.isNaN(value) ? "-" : f.shown().apply(value);
    }
}
