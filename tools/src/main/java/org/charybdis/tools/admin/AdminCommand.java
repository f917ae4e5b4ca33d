package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code charybdis admin ...}: nodetool-like operations over the node's REST admin API. */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Operate a running node through its REST admin API (like nodetool).",
        subcommands = {AdminCommand.Status.class, AdminCommand.Info.class, AdminCommand.Version.class,
                FlushCommand.class, CompactCommand.class, ScrubCommand.class, SnapshotCommand.class, DrainCommand.class,
                CompactionStatsCommand.class, TableStatsCommand.class,
                GetCompactionThroughputCommand.class, SetCompactionThroughputCommand.class, EnableAutoCompactionCommand.class,
                DisableAutoCompactionCommand.class, CompactionHistoryCommand.class, VerifyCommand.class, UpgradeSSTablesCommand.class,
                CleanupCommand.class, GarbageCollectCommand.class})
public final class AdminCommand {
    @Option(names = {"-H", "--api-host"}, defaultValue = "127.0.0.1", description = "Admin API host (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = {"-p", "--api-port"}, defaultValue = "10000", description = "Admin API port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = {"-u", "--user"}, description = "Role to authenticate as when the node sets api_authentication: password "
            + "(default: the CHARYBDIS_API_USER environment variable)")
    String user;

    @Option(names = {"-pw", "--password"}, description = "Password of --user (default: the CHARYBDIS_API_PASSWORD environment variable)")
    String password;

    @Option(names = "--api-tls", description = "Use HTTPS (the node has api_encryption_options enabled)")
    boolean tls;

    @Option(names = "--api-cacert", paramLabel = "<file>",
            description = "With --api-tls: the CA certificate(s) that signed the node's (PEM file or keystore); default: the JDK's trusted CAs")
    Path caCertificates;

    @Option(names = "--api-cacert-password", paramLabel = "<password>", defaultValue = "", description = "Password of --api-cacert when it is a keystore")
    String caPassword;

    AdminClient client() {
        String role = user != null ? user : System.getenv("CHARYBDIS_API_USER");
        String secret = password != null ? password : System.getenv("CHARYBDIS_API_PASSWORD");
        return new AdminClient(host, port, tls ? AdminClient.sslContext(caCertificates, caPassword) : null,
                role == null || role.isEmpty() ? null : role, secret == null ? "" : secret);
    }

    /** Shared shape of the subcommands: ask the node, print the answer, exit 1 with a message on failure. */
    abstract static class Route implements Callable<Integer> {
        @ParentCommand
        AdminCommand admin;

        /** The GET route to read; commands that act (POST) or ask several times override {@link #fetch}. */
        abstract String path();

        JsonNode fetch(AdminClient client) throws IOException, InterruptedException {
            return client.get(path());
        }

        abstract void print(JsonNode answer, PrintStream out);

        /** The exit code of an answer the node gave: 0, unless the answer reports trouble (verify found corruption). */
        int exitCode(JsonNode answer) {
            return 0;
        }

        @Override
        public Integer call() throws InterruptedException {
            try {
                JsonNode answer = fetch(admin.client());
                print(answer, System.out);
                return exitCode(answer);
            } catch (IOException | org.charybdis.server.config.ConfigException e) { // the latter: an unreadable --api-cacert
                System.err.println("charybdis admin: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "status", description = "Node status, like nodetool status.")
    static final class Status extends Route {
        String path() { return "/status"; }

        void print(JsonNode s, PrintStream out) {
            out.println("Datacenter: " + s.path("datacenter").asText());
            out.println("=".repeat(12 + s.path("datacenter").asText().length()));
            out.println("Status=Up/Down");
            out.println("|/ State=Normal/Leaving/Joining/Moving");
            out.printf("%-4s%-16s%-8s%-8s%-8s%n", "--", "Address", "Tokens", "Owns", "Rack");
            String code = (s.path("status").asText().equals("UP") ? "U" : "D") + s.path("state").asText().charAt(0);
            out.printf("%-4s%-16s%-8s%-8s%-8s%n", code, s.path("address").asText(), s.path("tokens").asText(),
                    s.path("owns").asText(), s.path("rack").asText());
            String mode = s.path("mode").asText("NORMAL");
            if (!mode.equals("NORMAL")) out.println("Mode: " + mode); // drained nodes refuse writes: say so
        }
    }

    @Command(name = "info", description = "Node information, like nodetool info.")
    static final class Info extends Route {
        String path() { return "/info"; }

        void print(JsonNode info, PrintStream out) {
            info.properties().forEach(e -> out.printf("%-36s: %s%n", label(e.getKey()), e.getValue().asText()));
        }

        private static String label(String key) {
            StringBuilder b = new StringBuilder();
            for (String word : key.split("_")) {
                if (!b.isEmpty()) b.append(' ');
                b.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
            return b.toString();
        }
    }

    @Command(name = "version", description = "Server version, like nodetool version.")
    static final class Version extends Route {
        String path() { return "/version"; }

        void print(JsonNode v, PrintStream out) {
            out.println("ReleaseVersion: " + v.path("release_version").asText());
            out.println("Charybdis: " + v.path("version").asText());
            out.println("CQL: " + v.path("cql_version").asText());
        }
    }
}
