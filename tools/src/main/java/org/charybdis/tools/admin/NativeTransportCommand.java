package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintStream;

/** {@code enablebinary}, {@code disablebinary}, {@code statusbinary}: the CQL listeners, through {@code /storage_service/native_transport}. */
final class NativeTransportCommand {
    private static final String PATH = "/storage_service/native_transport";

    private NativeTransportCommand() {}

    /** Starts or stops the listeners; silent on success, like nodetool. */
    private abstract static class Switch extends AdminCommand.Route {
        String path() { return PATH; }

        void print(JsonNode running, PrintStream out) {}
    }

    @Command(name = "enablebinary", description = "Start accepting CQL clients again, like nodetool enablebinary.")
    static final class Enable extends Switch {
        JsonNode fetch(AdminClient client) throws IOException, InterruptedException {
            return client.post(path());
        }
    }

    @Command(name = "disablebinary", description = "Stop accepting CQL clients and close their connections, like nodetool disablebinary.")
    static final class Disable extends Switch {
        JsonNode fetch(AdminClient client) throws IOException, InterruptedException {
            return client.delete(path());
        }
    }

    @Command(name = "statusbinary", description = "Whether CQL clients are served: running or not running, like nodetool statusbinary.")
    static final class Status extends AdminCommand.Route {
        String path() { return PATH; }

        void print(JsonNode running, PrintStream out) {
            out.println(running.asBoolean() ? "running" : "not running");
        }
    }
}
