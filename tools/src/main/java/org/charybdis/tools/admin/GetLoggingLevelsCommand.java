package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.io.PrintStream;

/** {@code getlogginglevels}: the loggers with a level of their own, in nodetool's two columns. */
@Command(name = "getlogginglevels", description = "The loggers with a level set and their levels, like nodetool getlogginglevels.")
final class GetLoggingLevelsCommand extends AdminCommand.Route {
    @Override
    String path() { return "/system/logger_levels"; }

    @Override
    void print(JsonNode levels, PrintStream out) {
        out.println();
        out.printf("%-50s%10s%n", "Logger Name", "Log Level");
        levels.properties().forEach(e -> out.printf("%-50s%10s%n", e.getKey(), e.getValue().asText()));
    }
}
