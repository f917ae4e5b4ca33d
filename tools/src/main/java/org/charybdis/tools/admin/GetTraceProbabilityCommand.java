package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.io.PrintStream;

/** {@code charybdis admin gettraceprobability}: the share of requests the node traces unasked, like nodetool's. */
@Command(name = "gettraceprobability", description = "Print the probability of tracing a request the client did not ask to trace, like nodetool gettraceprobability.")
final class GetTraceProbabilityCommand extends AdminCommand.Route {
    @Override
    String path() { return SetTraceProbabilityCommand.PATH; }

    @Override
    void print(JsonNode probability, PrintStream out) {
        out.println("Current trace probability: " + probability.asDouble());
    }
}
