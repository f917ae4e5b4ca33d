package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** {@code proxyhistograms}: percentiles of the coordinator's read, write and range read latencies. */
@Command(name = "proxyhistograms", description = "Percentiles of the coordinator's read, write and range latencies, like nodetool proxyhistograms.")
final class ProxyHistogramsCommand extends AdminCommand.Route {
    private static final List<String> KINDS = List.of("read", "write", "range");

    @Override
    String path() { return "/storage_proxy/metrics/"; }

    @Override
    JsonNode fetch(AdminClient client) throws IOException, InterruptedException {
        ObjectNode histograms = JsonNodeFactory.instance.objectNode();
        for (String kind : KINDS) histograms.set(kind, client.get(path() + kind + "/histogram"));
        return histograms;
    }

    @Override
    void print(JsonNode h, PrintStream out) {
        out.println("proxy histograms");
        PercentileTable.print(List.of(
                new PercentileTable.Column("Read Latency", "(micros)", h.path("read"), true),
                new PercentileTable.Column("Write Latency", "(micros)", h.path("write"), true),
                new PercentileTable.Column("Range Latency", "(micros)", h.path("range"), true)), out);
    }
}
