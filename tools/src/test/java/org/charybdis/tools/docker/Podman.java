package org.charybdis.tools.docker;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's podman as root with the settings containers need on CI machines: runc (crun fails there on cgroups
 * and rlimits), no default ulimits, cgroupfs and a file events log (no systemd), all in a containers.conf of our own.
 */
final class Podman {
    /** What a podman command printed (stdout and stderr) and its exit code. */
    record Result(List<String> command, int exitCode, String output) {
        Result requireSuccess() {
            if (exitCode != 0) throw new AssertionError(String.join(" ", command) + " exited with " + exitCode + ":\n" + output);
            return this;
        }

        String trimmed() { return output.strip(); }
    }

    private static final String CONTAINERS_CONF = """
            [containers]
            default_ulimits = []

            [engine]
            runtime = "runc"
            cgroup_manager = "cgroupfs"
            events_logger = "file"
            """;

    private final Path containersConf;

    private Podman(Path containersConf) {
        this.containersConf = containersConf;
    }

    /** podman on the PATH, configured by a containers.conf written in {@code directory}. */
    static Podman configuredIn(Path directory) {
        try {
            Path conf = Files.createDirectories(directory).resolve("containers.conf");
            Files.writeString(conf, CONTAINERS_CONF);
            return new Podman(conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean installed() {
        return onPath("podman") && onPath("runc");
    }

    /** {@code podman arguments...}, waiting at most {@code timeout}. */
    Result run(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(arguments));
        return execute(command, Map.of(), null, timeout);
    }

    /** A script that runs podman itself (with this configuration), in {@code directory} with extra environment variables. */
    Result script(Path directory, Map<String, String> environment, Duration timeout, String... command) {
        return execute(List.of(command), environment, directory, timeout);
    }

    private Result execute(List<String> command, Map<String, String> environment, Path directory, Duration timeout) {
        try {
            Path output = Files.createTempFile("podman-", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
                if (directory != null) builder.directory(directory.toFile());
                builder.environment().put("CONTAINERS_CONF", containersConf.toString());
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n" + Files.readString(output));
                }
                return new Result(command, process.exitValue(), Files.readString(output));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    private static boolean onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, program))) return true;
        }
        // root's tools (runc is in /usr/sbin) may be missing from a user's PATH
        return Files.isExecutable(Path.of("/usr/sbin", program)) || Files.isExecutable(Path.of("/usr/bin", program));
    }
}
