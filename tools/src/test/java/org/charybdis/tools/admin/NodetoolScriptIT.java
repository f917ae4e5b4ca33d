package org.charybdis.tools.admin;

import org.charybdis.server.CharybdisServer;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * bin/nodetool as operators run it: a process of its own against a running node, from the source tree and from the
 * release distribution (bin/charybdis finds the jars either way). Runs after package (failsafe); elsewhere it is
 * skipped, saying what to build.
 */
class NodetoolScriptIT {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void nodetoolRunsTheAdminCommandWithNodetoolsOptions() throws Exception {
        Result version = nodetool("-h", "127.0.0.1", "-p", Integer.toString(server.apiPort()), "version");
        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("ReleaseVersion: " + CharybdisServer.RELEASE_VERSION);

        Result status = nodetool("--port", Integer.toString(server.apiPort()), "statusbinary");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output().strip()).isEqualTo("running");
    }

    @Test
    void aSymbolicLinkToTheScriptWorksToo(@TempDir Path dir) throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("nodetool"), ROOT.resolve("bin/nodetool"));
        Result version = run(link, "-p", Integer.toString(server.apiPort()), "version");

        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("ReleaseVersion: ");
    }

    @Test
    void theReleaseDistributionsNodetoolFindsItsLibDirectory(@TempDir Path dir) throws Exception {
        Path tarball;
        try (var files = Files.list(ROOT.resolve("tools/target"))) {
            tarball = files.filter(f -> f.getFileName().toString().endsWith("-bin.tar.gz")).findFirst().orElse(null);
        }
        assumeTrue(tarball != null, "no release distribution in tools/target: run ./mvnw -DskipTests package");
        Process untar = new ProcessBuilder("tar", "xzf", tarball.toString(), "-C", dir.toString()).inheritIO().start();
        assertThat(untar.waitFor()).isZero();
        Path script;
        try (var files = Files.walk(dir)) {
            script = files.filter(f -> f.endsWith(Path.of("bin", "nodetool"))).findFirst().orElseThrow();
        }

        Result version = run(script, "-p", Integer.toString(server.apiPort()), "version");
        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("ReleaseVersion: ");
    }

    @Test
    void aWrongCommandIsAUsageErrorNamingIt() throws Exception {
        Result wrong = nodetool("-p", Integer.toString(server.apiPort()), "frobnicate");

        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.output()).contains("frobnicate");
    }

    private record Result(int exitCode, String output) {}

    private static Result nodetool(String... args) throws IOException, InterruptedException {
        return run(ROOT.resolve("bin/nodetool"), args);
    }

    private static Result run(Path script, String... args) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(script), "no executable " + script);
        assumeTrue(Files.isDirectory(ROOT.resolve("tools/target/lib")),
                "bin/nodetool needs a built tree: run ./mvnw -DskipTests package (tools/target/lib is missing)");
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("bin/nodetool finished").isTrue();
        return new Result(process.exitValue(), output);
    }
}
