package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code charybdis admin tablestats [keyspace[.table]...]}: per-table statistics laid out like nodetool's. */
@Command(name = "tablestats", aliases = "cfstats", description = "Statistics of tables (default: all), like nodetool tablestats.")
final class TableStatsCommand extends AdminCommand.Route {
    private static final String SEPARATOR = "----------------";

    @Parameters(arity = "0..*", paramLabel = "<keyspace[.table]>", description = "Keyspaces or tables to report (default: all)")
    List<String> names = List.of();

    @Override
    String path() { return "/storage/tablestats"; }

    /** One request per name (each checked by the node), merged into one {"tables": [...]} without repeats. */
    @Override
    JsonNode fetch(AdminClient client) throws IOException, InterruptedException {
        if (names.isEmpty()) return client.get(path());
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        ArrayNode tables = merged.putArray("tables");
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            int dot = name.indexOf('.');
            QueryString query = new QueryString(path()).add("keyspace", dot < 0 ? name : name.substring(0, dot))
                    .add("table", dot < 0 ? null : name.substring(dot + 1));
            for (JsonNode table : client.get(query.toString()).path("tables")) {
                if (seen.add(table.path("keyspace").asText() + "." + table.path("table").asText())) tables.add(table);
            }
        }
        return merged;
    }

    @Override
    void print(JsonNode answer, PrintStream out) {
        Map<String, List<JsonNode>> byKeyspace = new LinkedHashMap<>();
        for (JsonNode table : answer.path("tables")) {
            byKeyspace.computeIfAbsent(table.path("keyspace").asText(), k -> new ArrayList<>()).add(table);
        }
        out.println("Total number of tables: " + answer.path("tables").size());
        out.println(SEPARATOR);
        byKeyspace.forEach((keyspace, tables) -> {
            long reads = 0;
            long writes = 0;
            long pendingFlushes = 0;
            double readMillis = 0;
            double writeMillis = 0;
            for (JsonNode t : tables) {
                reads += t.path("local_read_count").asLong();
                writes += t.path("local_write_count").asLong();
                readMillis += t.path("local_read_count").asLong() * t.path("local_read_latency_ms").asDouble();
                writeMillis += t.path("local_write_count").asLong() * t.path("local_write_latency_ms").asDouble();
                pendingFlushes += t.path("pending_flushes").asLong();
            }
            out.println("Keyspace : " + keyspace);
            out.println("\tRead Count: " + reads);
            out.println("\tRead Latency: " + latency(reads == 0 ? 0 : readMillis / reads));
            out.println("\tWrite Count: " + writes);
            out.println("\tWrite Latency: " + latency(writes == 0 ? 0 : writeMillis / writes));
            out.println("\tPending Flushes: " + pendingFlushes);
            for (JsonNode t : tables) printTable(t, out);
            out.println(SEPARATOR);
        });
    }

    private static void printTable(JsonNode t, PrintStream out) {
        out.println("\t\tTable: " + t.path("table").asText());
        out.println("\t\tSSTable count: " + t.path("sstable_count").asLong());
        out.println("\t\tSpace used (live): " + t.path("space_used_live").asLong());
        out.println("\t\tNumber of partitions (estimate): " + t.path("partitions_estimate").asLong());
        out.println("\t\tMemtable data size: " + t.path("memtable_data_size").asLong());
        out.println("\t\tMemtable switch count: " + t.path("memtable_switch_count").asLong());
        out.println("\t\tLocal read count: " + t.path("local_read_count").asLong());
        out.println("\t\tLocal read latency: " + latency(t.path("local_read_latency_ms").asDouble()));
        out.println("\t\tLocal write count: " + t.path("local_write_count").asLong());
        out.println("\t\tLocal write latency: " + latency(t.path("local_write_latency_ms").asDouble()));
        out.println("\t\tPending flushes: " + t.path("pending_flushes").asLong());
        out.println("\t\tPending compactions: " + t.path("pending_compactions").asLong());
        out.println("\t\tAverage SSTables per read: " + String.format(Locale.ROOT, "%.2f", t.path("average_sstables_per_read").asDouble()));
        out.println();
    }

    /** A mean latency as nodetool prints it: {@code 0.043 ms}, {@code NaN ms} before the first operation. */
    private static String latency(double millis) {
        return (millis == 0 ? "NaN" : String.format(Locale.ROOT, "%.3f", millis)) + " ms";
    }
}
