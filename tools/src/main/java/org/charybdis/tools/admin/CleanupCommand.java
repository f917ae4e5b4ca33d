package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.io.PrintStream;

/** {@code charybdis admin cleanup [keyspace [table...]]}: nodetool's cleanup, which a single node never needs. */
@Command(name = "cleanup", description = "Remove data the node no longer owns, like nodetool cleanup (a single node owns every token: nothing to do).")
final class CleanupCommand extends TableOperation {
    @Override
    String path() { return "/storage/cleanup"; }

    @Override
    void print(JsonNode answer, PrintStream out) {
        out.println("Nothing to clean up: " + answer.path("reason").asText());
    }
}
