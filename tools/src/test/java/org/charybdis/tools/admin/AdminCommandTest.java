package org.charybdis.tools.admin;

import org.charybdis.server.CharybdisServer;
import org.charybdis.server.cli.CharybdisCommand;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code charybdis admin status|info|version} through the real command line against a running node. */
class AdminCommandTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @Test
    void statusPrintsANodetoolLikeTable() {
        Outcome outcome = charybdis("admin", "--api-port=" + server.apiPort(), "status");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("Datacenter: datacenter1")
                .contains("Status=Up/Down")
                .containsPattern("(?m)^UN\\s+127\\.0\\.0\\.1\\s+1\\s+100\\.0%\\s+rack1");
    }

    @Test
    void infoPrintsLabelledFacts() {
        Outcome outcome = charybdis("admin", "-p", Integer.toString(server.apiPort()), "info");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).containsPattern("(?m)^Shards\\s+: 2$")
                .containsPattern("(?m)^Cluster Name\\s+: Charybdis Cluster$")
                .containsPattern("(?m)^Native Transport Port\\s+: " + server.nativePort() + "$")
                .contains("Uptime Seconds");
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
    void unreachableNodeExitsWithOneAndSaysWhy() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Outcome outcome = charybdis("admin", "--api-port=" + closedPort, "status");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("cannot reach the admin API").contains(Integer.toString(closedPort));
    }

    @Test
    void unknownAdminSubcommandIsAUsageError() {
        Outcome outcome = charybdis("admin", "--api-port=" + server.apiPort(), "frobnicate");
        assertThat(outcome.exitCode()).isEqualTo(2);
    }

    record Outcome(int exitCode, String out, String err) {}

    /** Runs the {@code charybdis} command in-process; the admin commands print to System.out/err. */
    static synchronized Outcome charybdis(String... args) {
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
