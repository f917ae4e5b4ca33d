package org.charybdis.tools.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.charybdis.storage.units.ByteSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code charybdis admin ...} (what {@code bin/nodetool} runs): nodetool's operations over the node's REST admin API,
 * with nodetool's global options ({@code -h}, {@code -p}, {@code -u}, {@code -pw}, {@code -pwf}); {@code -p} is the
 * admin API's port (10000, as ScyllaDB's nodetool), not JMX's.
 */
@Command(name = "admin", description = "Operate a running node through its REST admin API, like nodetool (bin/nodetool runs this).",
        subcommands = {AdminCommand.Status.class, AdminCommand.Info.class, AdminCommand.Version.class, DescribeClusterCommand.class,
                FlushCommand.class, CompactCommand.class, ScrubCommand.class, SnapshotCommand.class, ListSnapshotsCommand.class,
                ClearSnapshotCommand.class, RefreshCommand.class, DrainCommand.class, StopCommand.class,
                CompactionStatsCommand.class, TableStatsCommand.class, TableHistogramsCommand.class, ProxyHistogramsCommand.class,
                TopPartitionsCommand.class, GetLoggingLevelsCommand.class, SetLoggingLevelCommand.class,
                NativeTransportCommand.Enable.class, NativeTransportCommand.Disable.class, NativeTransportCommand.Status.class,
                GetCompactionThroughputCommand.class, SetCompactionThroughputCommand.class, EnableAutoCompactionCommand.class,
                DisableAutoCompactionCommand.class, CompactionHistoryCommand.class, VerifyCommand.class, UpgradeSSTablesCommand.class,
                CleanupCommand.class, GarbageCollectCommand.class, GetTraceProbabilityCommand.class, SetTraceProbabilityCommand.class})
public final class AdminCommand {
    // -h is nodetool's host, so help is --help only
    @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Mixin
    AdminConnection connection;

    AdminClient client() throws IOException {
        return connection.client();
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
        @Parameters(arity = "0..1", paramLabel = "<keyspace>", description = "Show the effective ownership of this keyspace's data")
        String keyspace;

        String path() { return "/status"; }

        JsonNode fetch(AdminClient client) throws IOException, InterruptedException {
            if (keyspace != null) {
                boolean known = false;
                for (JsonNode name : client.get("/storage_service/keyspaces")) known |= name.asText().equals(keyspace);
                if (!known) throw new IOException("Keyspace '" + keyspace + "' does not exist");
            }
            return client.get(path());
        }

        /** nodetool's layout; without a keyspace Owns is '?', as nodetool prints it; with one the node owns all of it. */
        void print(JsonNode s, PrintStream out) {
            String datacenter = "Datacenter: " + s.path("datacenter").asText();
            out.println(datacenter);
            out.println("=".repeat(datacenter.length()));
            out.println("Status=Up/Down");
            out.println("|/ State=Normal/Leaving/Joining/Moving");
            String code = (s.path("status").asText().equals("UP") ? "U" : "D") + s.path("state").asText().charAt(0);
            AlignedColumns.print(List.of(List.of("--", "Address", "Load", "Tokens", keyspace == null ? "Owns" : "Owns (effective)", "Host ID", "Rack"),
                    List.of(code, s.path("address").asText(), ByteSize.formatTwoDecimals(s.path("load_bytes").asLong(), "bytes"), s.path("tokens").asText(),
                            keyspace == null ? "?" : "100.0%", s.path("host_id").asText(), s.path("rack").asText())), 2, out);
            String mode = s.path("mode").asText("NORMAL");
            if (!mode.equals("NORMAL")) out.println("Mode: " + mode); // drained nodes refuse writes: say so
        }
    }

    @Command(name = "info", description = "Node information, like nodetool info.")
    static final class Info extends Route {
        /** Facts printed in nodetool's lines first; the rest follow under their own labels. */
        private static final Set<String> NODETOOL_LINES = Set.of("host_id", "native_transport_active", "load_bytes", "uptime_seconds",
                "heap_used_bytes", "heap_max_bytes", "datacenter", "rack");

        String path() { return "/info"; }

        void print(JsonNode info, PrintStream out) {
            line(out, "ID", info.path("host_id").asText());
            line(out, "Gossip active", "false");
            line(out, "Native Transport active", info.path("native_transport_active").asText());
            line(out, "Load", ByteSize.formatTwoDecimals(info.path("load_bytes").asLong(), "bytes"));
            line(out, "Uptime (seconds)", info.path("uptime_seconds").asText());
            line(out, "Heap Memory (MB)", String.format(Locale.ROOT, "%.2f / %.2f", info.path("heap_used_bytes").asLong() / 1048576.0,
                    info.path("heap_max_bytes").asLong() / 1048576.0));
            line(out, "Data Center", info.path("datacenter").asText());
            line(out, "Rack", info.path("rack").asText());
            info.properties().forEach(e -> {
                if (!NODETOOL_LINES.contains(e.getKey())) line(out, label(e.getKey()), e.getValue().asText());
            });
        }

        private static void line(PrintStream out, String label, String value) {
            out.printf("%-23s: %s%n", label, value);
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
