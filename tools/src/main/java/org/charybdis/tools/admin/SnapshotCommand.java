package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** {@code charybdis admin snapshot [-t tag] [keyspace...]}: hard links of the tables' files under a tag. */
@Command(name = "snapshot", description = "Take a snapshot of keyspaces (default: all), like nodetool snapshot.")
final class SnapshotCommand extends AdminCommand.Route {
    @Option(names = {"-t", "--tag"}, paramLabel = "<tag>", description = "Snapshot name (default: the current time in epoch milliseconds)")
    String tag;

    @Parameters(arity = "0..*", paramLabel = "<keyspace>", description = "Keyspaces to snapshot (default: all)")
    List<String> keyspaces = List.of();

    @Override
    String path() { return "/storage/snapshot"; }

    @Override
    JsonNode fetch(AdminClient client) throws IOException, InterruptedException {
        return client.post(new QueryString(path()).add("tag", tag).addAll("keyspace", keyspaces).toString());
    }

    @Override
    void print(JsonNode answer, PrintStream out) {
        String scope = keyspaces.isEmpty() ? "all keyspaces" : String.join(", ", keyspaces);
        out.println("Requested creating snapshot(s) for [" + scope + "] with snapshot name [" + answer.path("tag").asText() + "]");
        out.println("Snapshot directory: " + answer.path("tag").asText());
    }
}
