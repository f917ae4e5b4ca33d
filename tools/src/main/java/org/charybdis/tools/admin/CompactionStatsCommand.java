package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code charybdis admin compactionstats}: compactions waiting and running, like nodetool compactionstats. */
@Command(name = "compactionstats", description = "Pending and active compactions, like nodetool compactionstats.")
final class CompactionStatsCommand extends AdminCommand.Route {
    private static final List<String> HEADER = List.of("id", "compaction type", "keyspace", "table", "completed", "total", "unit", "progress");

    @Override
    String path() { return "/storage/compactionstats"; }

    @Override
    void print(JsonNode stats, PrintStream out) {
        out.println("pending tasks: " + stats.path("pending_tasks").asLong());
        for (JsonNode table : stats.path("pending_by_table")) {
            out.println("- " + table.path("keyspace").asText() + "." + table.path("table").asText() + ": " + table.path("pending_tasks").asLong());
        }
        JsonNode active = stats.path("active_compactions");
        if (active.isEmpty()) return;
        out.println();
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (JsonNode c : active) {
            rows.add(List.of(c.path("id").asText(), c.path("kind").asText(), c.path("keyspace").asText(), c.path("table").asText(),
                    Long.toString(c.path("completed").asLong()), Long.toString(c.path("total").asLong()), c.path("unit").asText("bytes"),
                    String.format(Locale.ROOT, "%.2f%%", c.path("progress").asDouble())));
        }
        AlignedColumns.print(rows, 1, out);
    }
}
