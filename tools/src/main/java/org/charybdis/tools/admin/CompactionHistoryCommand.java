package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** {@code charybdis admin compactionhistory}: the compactions of the last week, newest first, laid out like nodetool's. */
@Command(name = "compactionhistory", description = "Print the compactions of the last week, like nodetool compactionhistory.")
final class CompactionHistoryCommand extends AdminCommand.Route {
    private static final List<String> HEADER =
            List.of("id", "keyspace_name", "columnfamily_name", "compacted_at", "bytes_in", "bytes_out", "rows_merged");
    private static final DateTimeFormatter COMPACTED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    @Override
    String path() { return "/compaction_manager/compaction_history"; }

    @Override
    void print(JsonNode history, PrintStream out) {
        out.println("Compaction History:");
        if (history.isEmpty()) {
            out.println("There is no compaction history");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (JsonNode c : history) {
            rows.add(List.of(c.path("id").asText(), c.path("ks").asText(), c.path("cf").asText(),
                    COMPACTED_AT.format(Instant.ofEpochMilli(c.path("compacted_at").asLong())),
                    Long.toString(c.path("bytes_in").asLong()), Long.toString(c.path("bytes_out").asLong()), rowsMerged(c.path("rows_merged"))));
        }
        AlignedColumns.print(rows, 1, out);
    }

    /** Cassandra's rendering: {inputs:partitions, ...}. */
    private static String rowsMerged(JsonNode merged) {
        StringJoiner text = new StringJoiner(", ", "{", "}");
        for (JsonNode entry : merged) text.add(entry.path("key").asInt() + ":" + entry.path("value").asLong());
        return text.toString();
    }
}
