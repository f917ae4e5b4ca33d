package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;

/** {@code charybdis admin setcompactionthroughput N}: caps compactions at N MiB/s on the node (0: unthrottled), until restart. */
@Command(name = "setcompactionthroughput", description = "Set the compaction throughput cap in MiB/s for the whole node (0: unthrottled), like nodetool setcompactionthroughput.")
final class SetCompactionThroughputCommand extends AdminCommand.Route {
    @Parameters(index = "0", paramLabel = "<value_in_mib>", description = "MiB/s compactions may write on the whole node; 0 disables the cap")
    long mibPerSecond;

    @Override
    String path() { return "/storage_service/compaction_throughput"; }

    @Override
    JsonNode fetch(AdminClient client) throws IOException, InterruptedException {
        return client.post(new QueryString(path()).add("value", Long.toString(mibPerSecond)).toString());
    }

    @Override
    void print(JsonNode answer, PrintStream out) {}
}
