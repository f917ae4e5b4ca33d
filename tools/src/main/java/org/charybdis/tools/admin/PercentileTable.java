package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * nodetool's histogram tables (tablehistograms, proxyhistograms): a row per percentile (50%, 75%, 95%, 98%, 99%),
 * then Min and Max, a column per histogram as the admin API summarises it ({@code count, min, max, percentiles}).
 */
final class PercentileTable {
    /** A column: its two header lines, its histogram, and whether its values are latencies (printed with decimals). */
    record Column(String title, String unit, JsonNode histogram, boolean decimals) {}

    private static final List<String> PERCENTILES = List.of("50", "75", "95", "98", "99");

    private PercentileTable() {}

    static void print(List<Column> columns, PrintStream out) {
        StringBuilder title = new StringBuilder(String.format(Locale.ROOT, "%-10s", "Percentile"));
        StringBuilder units = new StringBuilder(" ".repeat(10));
        for (Column c : columns) {
            title.append(String.format(Locale.ROOT, "%18s", c.title()));
            units.append(String.format(Locale.ROOT, "%18s", c.unit()));
        }
        out.println(title);
        out.println(units.toString().stripTrailing());
        for (String p : PERCENTILES) row(p + "%", columns, c -> c.histogram().path("percentiles").path(p).asLong(), out);
        row("Min", columns, c -> c.histogram().path("min").asLong(), out);
        row("Max", columns, c -> c.histogram().path("max").asLong(), out);
        out.println();
    }

    private static void row(String label, List<Column> columns, java.util.function.ToLongFunction<Column> value, PrintStream out) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s", label));
        for (Column c : columns) {
            long v = value.applyAsLong(c);
            line.append(c.decimals() ? String.format(Locale.ROOT, "%18.2f", (double) v) : String.format(Locale.ROOT, "%18d", v));
        }
        out.println(line);
    }
}
