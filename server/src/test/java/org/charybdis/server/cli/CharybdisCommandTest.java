package org.charybdis.server.cli;

import org.charybdis.server.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code charybdis} command line, run in-process without starting a server. */
class CharybdisCommandTest {
    @TempDir
    Path dir;

    @Test
    void badValueExitsWithTwoAndNamesTheKey() throws IOException {
        Path config = emptyConfig();
        Outcome outcome = run("--config=" + config, "--smp=abc");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("configuration error").contains("smp").contains("abc");
    }

    @Test
    void unknownOptionIsRejected() {
        Outcome outcome = run("--no-such-option=1");

        assertThat(outcome.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(outcome.err()).contains("--no-such-option");
    }

    @Test
    void unknownYamlKeyExitsWithTwo() throws IOException {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "smpp: 2\n");

        Outcome outcome = run("--config=" + config);

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("smpp");
    }

    @Test
    void optionsOverrideTheConfigFile() throws IOException {
        Path config = dir.resolve("charybdis.yaml");
        Files.writeString(config, "smp: 3\nnative_transport_port: 9142\ncluster_name: From File\n");
        CommandLine line = CharybdisCommand.commandLine();
        line.parseArgs("--config=" + config, "--smp=5", "--cluster-name=From Options");

        ServerConfig loaded = ((CharybdisCommand) line.getCommand()).loadConfig();

        assertThat(loaded.get(ServerConfig.SMP)).isEqualTo(5);
        assertThat(loaded.get(ServerConfig.CLUSTER_NAME)).isEqualTo("From Options");
        assertThat(loaded.get(ServerConfig.NATIVE_TRANSPORT_PORT)).isEqualTo(9142);
    }

    @Test
    void everyConfigurationKeyIsAnOption() {
        CommandLine line = CharybdisCommand.commandLine();
        for (var key : ServerConfig.keys()) {
            assertThat(line.getCommandSpec().findOption(key.optionName())).as(key.optionName()).isNotNull();
        }
    }

    @Test
    void helpListsOptionsAndVersionNamesTheRelease() {
        Outcome help = run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--native-transport-port").contains("--smp");
        assertThat(help.out()).as("a %% in a key's description is printed as is").contains("(60% of `memory`");
        assertThat(help.err()).as("picocli has nothing to warn about").doesNotContain("WARN");

        Outcome version = run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).contains("Charybdis").contains("CQL");
    }

    private Path emptyConfig() throws IOException {
        Path config = dir.resolve("empty.yaml");
        Files.writeString(config, "# empty\n");
        return config;
    }

    record Outcome(int exitCode, String out, String err) {}

    /** Runs the command with stdout/stderr captured (the command prints configuration errors to System.err). */
    static synchronized Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(systemErr, true, StandardCharsets.UTF_8));
        try {
            CommandLine line = CharybdisCommand.commandLine();
            line.setOut(new PrintWriter(out, true));
            line.setErr(new PrintWriter(err, true));
            int code = line.execute(args);
            return new Outcome(code, out.toString(), err + systemErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(originalErr);
        }
    }
}
