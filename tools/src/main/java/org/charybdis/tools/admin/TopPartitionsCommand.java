package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code toppartitions ks table [duration-ms]}: samples a table's reads and writes and names the hottest partitions. */
@Command(name = "toppartitions", description = "Sample a table's reads and writes for a while and list the most used partitions, like nodetool toppartitions.")
final class TopPartitionsCommand extends AdminCommand.Route {
    @Parameters(index = "0", paramLabel = "<keyspace>")
    String keyspace;

    @Parameters(index = "1", paramLabel = "<table>")
    String table;

    @Parameters(index = "2", arity = "0..1", paramLabel = "<duration>", defaultValue = "10000", description = "Milliseconds to sample (default: ${DEFAULT-VALUE})")
    long durationMillis;

    @Option(names = "-k", paramLabel = "<count>", defaultValue = "10", description = "Partitions to list per sampler (default: ${DEFAULT-VALUE})")
    int listSize;

    @Option(names = "-s", paramLabel = "<capacity>", defaultValue = "256", description = "Partitions counted at once; more is more accurate (default: ${DEFAULT-VALUE})")
    int capacity;

    @Option(names = "-a", paramLabel = "<samplers>", split = ",", defaultValue = "READS,WRITES", description = "Samplers to show: READS, WRITES (default: both)")
    List<String> samplers;

    @Override
    String path() { return "/storage_service/toppartitions/"; }

    @Override
    JsonNode fetch(AdminClient client) throws IOException, InterruptedException {
        for (String sampler : samplers) {
            if (!sampler.equalsIgnoreCase("READS") && !sampler.equalsIgnoreCase("WRITES")) {
                throw new IOException("Unknown sampler '" + sampler + "': use READS, WRITES or both (-a READS,WRITES)");
            }
        }
        return client.get(new QueryString(path()).add("table_filters", keyspace + ":" + table).add("duration", Long.toString(durationMillis))
                .add("list_size", Integer.toString(listSize)).add("capacity", Integer.toString(capacity)).toString(), Duration.ofMillis(durationMillis));
    }

    @Override
    void print(JsonNode answer, PrintStream out) {
        for (String sampler : List.of("WRITES", "READS")) {
            if (samplers.stream().noneMatch(sampler::equalsIgnoreCase)) continue;
            String kind = sampler.equals("WRITES") ? "write" : "read";
            out.println(sampler + " Sampler:");
            out.println("  Cardinality: ~" + answer.path(kind + "_cardinality").asLong() + " (" + answer.path("capacity").asLong(capacity) + " capacity)");
            out.println("  Top " + listSize + " partitions:");
            JsonNode top = answer.path(kind);
            if (top.isEmpty()) {
                out.println("\tNothing recorded during sampling period...");
            } else {
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of("\tPartition", "Count", "+/-"));
                for (JsonNode p : top) rows.add(List.of("\t" + p.path("partition").asText(), p.path("count").asText(), p.path("error").asText()));
                AlignedColumns.print(rows, 2, out);
            }
            out.println();
        }
    }
}
