package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;

/** {@code charybdis admin settraceprobability P}: traces that share of requests into system_traces, until restart. */
@Command(name = "settraceprobability", description = "Set the probability (0 to 1) of tracing a request the client did not ask to trace, "
        + "its session written to system_traces, like nodetool settraceprobability.")
final class SetTraceProbabilityCommand extends AdminCommand.Route {
    static final String PATH = "/storage_service/trace_probability";

    @Parameters(index = "0", paramLabel = "<value>", description = "Probability between 0 (trace nothing unasked) and 1 (trace every request)")
    String probability;

    @Override
    String path() { return PATH; }

    @Override
    JsonNode fetch(AdminClient client) throws IOException, InterruptedException {
        return client.post(new QueryString(path()).add("probability", probability).toString());
    }

    @Override
    void print(JsonNode answer, PrintStream out) {}
}
