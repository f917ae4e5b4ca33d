package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintStream;

/** {@code charybdis admin drain}: flush everything and stop the commitlog; the node then refuses writes. */
@Command(name = "drain", description = "Flush all memtables and stop accepting writes, like nodetool drain (before a restart or upgrade).")
final class DrainCommand extends AdminCommand.Route {
    @Override
    String path() { return "/storage/drain"; }

    @Override
    JsonNode fetch(AdminClient client) throws IOException, InterruptedException {
        return client.post(path());
    }

    @Override
    void print(JsonNode answer, PrintStream out) {}
}
