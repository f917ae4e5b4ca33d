package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;

/** {@code setlogginglevel <logger> <level>} sets a level at runtime; without arguments every level returns to the configuration's. */
@Command(name = "setlogginglevel", description = "Set a logger's level at runtime (trace, debug, info, warn, error, off), or with no arguments "
        + "put every level back as configured, like nodetool setlogginglevel.")
final class SetLoggingLevelCommand extends AdminCommand.Route {
    @Parameters(index = "0", arity = "0..1", paramLabel = "<logger>", description = "Logger (class or package) name, or ROOT")
    String logger;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<level>")
    String level;

    @Override
    String path() { return "/system/logger"; }

    @Override
    JsonNode fetch(AdminClient client) throws IOException, InterruptedException {
        if (logger == null) return client.delete(path());
        if (level == null) throw new IOException("Give a logger and a level (e.g. setlogginglevel org.charybdis DEBUG), or neither to reset every level");
        return client.post(new QueryString(path() + "/" + QueryString.segment(logger)).add("level", level).toString());
    }

    @Override
    void print(JsonNode answer, PrintStream out) {}
}
