package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** {@code tablehistograms ks table} (or {@code ks.table}): a table's latency, SSTables-per-read and partition percentiles. */
@Command(name = "tablehistograms", aliases = "cfhistograms",
        description = "Percentiles of a table's read and write latencies, SSTables per read, partition sizes and cell counts, like nodetool tablehistograms.")
final class TableHistogramsCommand extends AdminCommand.Route {
    /** The admin API's histogram behind each column (ScyllaDB's paths under /column_family/metrics/). */
    private static final List<String> METRICS = List.of("read_latency/histogram", "write_latency/histogram", "sstables_per_read_histogram",
            "estimated_row_size_histogram", "estimated_column_count_histogram");

    @Parameters(arity = "1..2", paramLabel = "<keyspace> <table> | <keyspace.table>")
    List<String> names;

    @Override
    String path() { return "/column_family/metrics/"; }

    @Override
    JsonNode fetch(AdminClient client) throws IOException, InterruptedException {
        String keyspace = names.getFirst();
        String table;
        if (names.size() == 2) {
            table = names.get(1);
        } else {
            int dot = keyspace.indexOf('.');
            if (dot <= 0 || dot == keyspace.length() - 1) throw new IOException("Name the table as '<keyspace> <table>' or '<keyspace>.<table>'");
            table = keyspace.substring(dot + 1);
            keyspace = keyspace.substring(0, dot);
        }
        ObjectNode histograms = JsonNodeFactory.instance.objectNode();
        histograms.put("table", keyspace + "/" + table);
        for (String metric : METRICS) histograms.set(metric, client.get(path() + metric + "/" + QueryString.segment(keyspace + ":" + table)));
        return histograms;
    }

    @Override
    void print(JsonNode h, PrintStream out) {
        out.println(h.path("table").asText() + " histograms");
        PercentileTable.print(List.of(
                new PercentileTable.Column("Read Latency", "(micros)", h.path(METRICS.get(0)), true),
                new PercentileTable.Column("Write Latency", "(micros)", h.path(METRICS.get(1)), true),
                new PercentileTable.Column("SSTables", "", h.path(METRICS.get(2)), true),
                new PercentileTable.Column("Partition Size", "(bytes)", h.path(METRICS.get(3)), false),
                new PercentileTable.Column("Cell Count", "", h.path(METRICS.get(4)), false)), out);
    }
}
