package org.charybdis.server.itests;

import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The DataStax Python driver (Debian's python3-cassandra) runs a create/insert/select/prepared/paging
 * session against the node. Without the driver the test is skipped locally, but fails on CI.
 */
class PythonDriverSessionTest {
    static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = "src/test/python/python_driver_session.py";

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @Test
    void pythonDriverSessionPasses() throws IOException, InterruptedException {
        requireDriver();

        Outcome outcome = run(List.of(PYTHON, script(SCRIPT).toString(), "127.0.0.1", Integer.toString(server.nativePort())), 180);

        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("python driver session passed");
    }

    /** Skips the test without the driver, except on CI, where it must be installed. */
    static void requireDriver() throws IOException, InterruptedException {
        boolean driverInstalled = Files.isExecutable(Path.of(PYTHON)) && run(List.of(PYTHON, "-c", "import cassandra"), 30).exitCode() == 0;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertThat(driverInstalled).as("the cassandra Python module (python3-cassandra) must be installed on CI").isTrue();
        } else {
            assumeThat(driverInstalled).as("the cassandra Python module is not installed").isTrue();
        }
    }

    /** Tests run in the module directory; from the repository root the script is under server/. */
    static Path script(String script) {
        Path inModule = Path.of(script);
        return Files.exists(inModule) ? inModule : Path.of("server").resolve(script);
    }

    record Outcome(int exitCode, String output) {}

    static Outcome run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("python-driver-", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return new Outcome(-1, "timed out after " + timeoutSeconds + " s:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Outcome(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
