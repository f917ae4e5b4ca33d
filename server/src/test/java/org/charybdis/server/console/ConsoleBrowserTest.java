package org.charybdis.server.console;

import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.RunsAlone;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The console in a real browser: Debian's headless Chromium, driven by playwright-core from Node
 * ({@code src/test/console/console-check.mjs}, installed by {@code npm ci} under target/), opens /console while a write
 * and read load with flushes runs, waits until the charts show commitlog writes and query reads, and saves
 * {@code target/console-screenshot.png}. Without node or chromium the test is skipped, except in CI (CI=true), where it fails.
 */
@RunsAlone
class ConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SOURCES = Path.of("src/test/console");
    private static final Path WORK = Path.of("target/console-browser");
    private static final Path SCREENSHOT = Path.of("target/console-screenshot.png");

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @Test
    void theChartsFollowALoadAsItRuns() throws Exception {
        String node = requireTool("node", executableOnPath("node"));
        String npm = requireTool("npm", executableOnPath("npm"));
        requireTool("chromium", Files.isExecutable(CHROMIUM) ? CHROMIUM.toString() : null);
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "console-check.mjs")) {
            Files.copy(SOURCES.resolve(file), WORK.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        run(WORK, 300, npm, "ci", "--no-audit", "--no-fund");
        Files.deleteIfExists(SCREENSHOT);

        String seen;
        try (ConsoleLoad load = new ConsoleLoad(server)) {
            seen = run(WORK, 120, node, "console-check.mjs", "http://127.0.0.1:" + server.apiPort() + "/console",
                    SCREENSHOT.toAbsolutePath().toString(), CHROMIUM.toString());
        }
        assertThat(seen).contains("\"samples\"");
        assertThat(SCREENSHOT).exists();
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
    }

    /** Runs a command in {@code dir}; fails with its output unless it exits 0 in time. Returns the output. */
    private static String run(Path dir, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(WORK.toAbsolutePath(), "run-", ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean exited = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!exited) process.destroyForcibly().waitFor();
        String output = Files.readString(log);
        if (!exited || process.exitValue() != 0) {
            fail(String.join(" ", command) + (exited ? " exited " + process.exitValue() : " took over " + timeoutSeconds + " s") + ":\n" + output);
        }
        return output;
    }

    /** The tool's path; a missing tool skips the test locally and fails it in CI, which must install it (.ci/run). */
    private static String requireTool(String name, String path) {
        if (path != null) return path;
        String message = name + " is missing: the console's browser test needs node, npm and Debian's chromium (apt-get install nodejs npm chromium)";
        if ("true".equals(System.getenv("CI"))) fail(message);
        Assumptions.abort(message);
        return null;
    }

    private static String executableOnPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) return candidate.toString();
        }
        return null;
    }
}
