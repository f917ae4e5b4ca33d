package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.io.PrintStream;

/** {@code charybdis admin getcompactionthroughput}: the node's compaction_throughput, like nodetool's. */
@Command(name = "getcompactionthroughput", description = "Print the compaction throughput cap in MiB/s (0: unthrottled), like nodetool getcompactionthroughput.")
final class GetCompactionThroughputCommand extends AdminCommand.Route {
    @Override
    String path() { return "/storage_service/compaction_throughput"; }

    @Override
    void print(JsonNode mibPerSecond, PrintStream out) {
        out.println("Current compaction throughput: " + mibPerSecond.asLong() + " MiB/s");
    }
}
