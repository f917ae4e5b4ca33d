package org.charybdis.tools.admin;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import org.charybdis.server.CharybdisServer;
import org.charybdis.server.cli.CharybdisCommand;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.TestPorts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code charybdis admin ...} through the real command line against a running node. */
public class AdminCommandTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @BeforeAll
    static void createTable() {
        CqlSession session = server.session();
        session.execute("CREATE KEYSPACE admin_ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE admin_ks.kv (k int PRIMARY KEY, v text)");
        PreparedStatement insert = session.prepare("INSERT INTO admin_ks.kv (k, v) VALUES (?, ?)");
        for (int k = 0; k < 25; k++) session.execute(insert.bind(k, "v" + k));
    }

    @Test
    void flushOfEverythingAndOfOneTableSucceedSilently() {
        Outcome all = charybdis("admin", "--api-port=" + server.apiPort(), "flush");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).isEmpty();

        Outcome one = charybdis("admin", "--api-port=" + server.apiPort(), "flush", "admin_ks", "kv");
        assertThat(one.exitCode()).as(one.err()).isZero();
    }

    @Test
    void flushOfAnUnknownKeyspaceExitsWithOneAndTheNodesMessage() {
        Outcome outcome = charybdis("admin", "--api-port=" + server.apiPort(), "flush", "nope");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err().strip()).isEqualTo("charybdis admin: Keyspace 'nope' does not exist");
    }

    @Test
    void compactOfAnUnknownTableExitsWithOne() {
        Outcome outcome = charybdis("admin", "--api-port=" + server.apiPort(), "compact", "admin_ks", "kv", "missing");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("charybdis admin: Table 'admin_ks.missing' does not exist");
    }

    @Test
    void tablestatsShowsTheTableWithItsPartitionEstimate() {
        Outcome outcome = charybdis("admin", "--api-port=" + server.apiPort(), "tablestats", "admin_ks.kv");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("Total number of tables: 1")
                .containsPattern("(?m)^Keyspace : admin_ks$")
                .containsPattern("(?m)^\\t\\tTable: kv$")
                .containsPattern("(?m)^\\t\\tNumber of partitions \\(estimate\\): 25$");
    }

    @Test
    void compactionstatsOfAnIdleNode() {
        Outcome outcome = charybdis("admin", "--api-port=" + server.apiPort(), "compactionstats");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).isEqualTo("pending tasks: 0" + System.lineSeparator());
    }

    @Test
    void snapshotHardLinksTheKeyspaceFilesAndSaysWhere() throws java.io.IOException {
        Outcome outcome = charybdis("admin", "--api-port=" + server.apiPort(), "snapshot", "-t", "nightly", "admin_ks");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("with snapshot name [nightly]");
        try (var files = java.nio.file.Files.walk(server.workdir().resolve("data").resolve("admin_ks"))) {
            assertThat(files.map(java.nio.file.Path::toString)).anyMatch(f -> f.contains("/snapshots/nightly/"));
        }
    }

    @Test
    void snapshotOfAnUnknownKeyspaceSaysSo() {
        Outcome outcome = charybdis("admin", "--api-port=" + server.apiPort(), "snapshot", "-t", "nightly", "no_such_ks");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("charybdis admin: Keyspace 'no_such_ks' does not exist");
    }

    @Test
    void statusPrintsNodetoolsTable() {
        Outcome outcome = charybdis("admin", "--api-port=" + server.apiPort(), "status");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).containsPattern("(?m)^Datacenter: datacenter1\\R=======================$")
                .contains("Status=Up/Down")
                .containsPattern("(?m)^--\\s+Address\\s+Load\\s+Tokens\\s+Owns\\s+Host ID\\s+Rack$")
                .containsPattern("(?m)^UN  127\\.0\\.0\\.1\\s+[0-9.]+ (bytes|KiB|MiB)\\s+1\\s+\\?\\s+[0-9a-f-]{36}\\s+rack1$");
    }

    @Test
    void infoPrintsLabelledFacts() {
        Outcome outcome = charybdis("admin", "-p", Integer.toString(server.apiPort()), "info");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).containsPattern("(?m)^ID                     : [0-9a-f-]{36}$")
                .containsPattern("(?m)^Native Transport active: true$")
                .containsPattern("(?m)^Load\\s+: [0-9.]+ (bytes|KiB|MiB)$")
                .containsPattern("(?m)^Heap Memory \\(MB\\)\\s+: [0-9.]+ / [0-9.]+$")
                .containsPattern("(?m)^Data Center\\s+: datacenter1$")
                .containsPattern("(?m)^Shards\\s+: 2$")
                .containsPattern("(?m)^Cluster Name\\s+: Charybdis Cluster$")
                .containsPattern("(?m)^Native Transport Port\\s+: " + server.nativePort() + "$")
                .contains("Uptime (seconds)");
    }

    @Test
    void versionPrintsTheReleaseVersion() {
        Outcome outcome = charybdis("admin", "--api-host=127.0.0.1", "--api-port=" + server.apiPort(), "version");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("ReleaseVersion: " + CharybdisServer.RELEASE_VERSION)
                .contains("Charybdis: " + CharybdisServer.VERSION)
                .contains("CQL: " + CharybdisServer.CQL_VERSION);
    }

    @Test
    void unreachableNodeExitsWithOneAndSaysWhy() {
        int closedPort = TestPorts.free(); // nobody listens there, nor will meanwhile
        Outcome outcome = charybdis("admin", "--api-port=" + closedPort, "status");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("cannot reach the admin API").contains(Integer.toString(closedPort));
    }

    @Test
    void unknownAdminSubcommandIsAUsageError() {
        Outcome outcome = charybdis("admin", "--api-port=" + server.apiPort(), "frobnicate");
        assertThat(outcome.exitCode()).isEqualTo(2);
    }

    public record Outcome(int exitCode, String out, String err) {}

    /** Runs {@code charybdis admin --api-port=<apiPort> <args>} in-process. */
    static Outcome admin(int apiPort, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "admin";
        all[1] = "--api-port=" + apiPort;
        System.arraycopy(args, 0, all, 2, args.length);
        return charybdis(all);
    }

    /** Runs the {@code charybdis} command in-process; the admin commands print to System.out/err. */
    public static synchronized Outcome charybdis(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            var line = CharybdisCommand.commandLine();
            line.setOut(new java.io.PrintWriter(System.out, true));
            line.setErr(new java.io.PrintWriter(System.err, true));
            int code = line.execute(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
