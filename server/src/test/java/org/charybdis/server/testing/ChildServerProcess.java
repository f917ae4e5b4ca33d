package org.charybdis.server.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.server.cli.JvmOptionsCommand;
import org.charybdis.server.system.Topology;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Charybdis server in a child JVM, started like {@code bin/charybdis} (the test classpath, the memory flags of
 * {@code charybdis jvm-options} and {@code org.charybdis.server.cli.CharybdisCommand --key=value ...}), for crash tests: {@link #kill()}
 * is a SIGKILL, {@link #restart()} starts it again on the same workdir and ports.
 *
 * <p>Ports are chosen here ({@link TestPorts}: free, and out of the kernel's reach while the child is down) rather
 * than by the child, so a restarted server comes back where clients expect it. The child's output goes to
 * {@code child.log} beside the workdir.
 */
public final class ChildServerProcess implements AutoCloseable {
    private static final String MAIN_CLASS = "org.charybdis.server.cli.CharybdisCommand";

    private final Path workdir;
    private final Map<String, String> options;
    private final Path log;
    private Process process;

    private ChildServerProcess(Path workdir, Map<String, String> options) {
        this.workdir = workdir;
        this.options = options;
        this.log = workdir.resolveSibling(workdir.getFileName() + "-child.log");
    }

    /**
     * Starts a child server on {@code workdir} with two shards and fresh ports; {@code overrides} are
     * configuration keys by YAML name ({@code commitlog_sync -> batch}) that replace the defaults.
     * Returns once the CQL port answers OPTIONS.
     */
    public static ChildServerProcess start(Path workdir, Map<String, String> overrides, Duration startTimeout) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("workdir", workdir.toAbsolutePath().toString());
        options.put("smp", "2");
        options.put("native_transport_port", Integer.toString(TestPorts.free()));
        options.put("native_shard_aware_transport_port", Integer.toString(TestPorts.free()));
        options.put("prometheus_port", Integer.toString(TestPorts.free()));
        options.put("api_port", Integer.toString(TestPorts.free()));
        options.putAll(overrides);
        ChildServerProcess child = new ChildServerProcess(workdir, options);
        child.launch(startTimeout);
        return child;
    }

    public int nativePort() { return Integer.parseInt(options.get("native_transport_port")); }

    public int shardAwarePort() { return Integer.parseInt(options.get("native_shard_aware_transport_port")); }

    public int prometheusPort() { return Integer.parseInt(options.get("prometheus_port")); }

    public int apiPort() { return Integer.parseInt(options.get("api_port")); }

    public Path workdir() { return workdir; }

    /** Sets a configuration key (YAML name) for the next {@link #restart}. */
    public void setOption(String key, String value) { options.put(key, value); }

    /**
     * A Java driver session to the child with timeouts that survive a loaded machine and up to 1,024 requests in
     * flight per connection.
     */
    public CqlSession session() {
        DriverConfigLoader loader = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(20))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(10))
                .withInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, 1024)
                .build();
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress("127.0.0.1", nativePort()))
                .withLocalDatacenter(Topology.DATACENTER)
                .withConfigLoader(loader)
                .build();
    }

    public long pid() { return process.pid(); }

    public boolean isAlive() { return process != null && process.isAlive(); }

    /** What the child printed so far (for failure messages). */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed; waits until the process is gone. */
    public void kill() {
        if (process == null) return;
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /**
     * A thread that sets {@code killed}, then kills the child (SIGKILL) after {@code millis}: writers stop when they see
     * the flag; join the thread to wait for the kill.
     */
    public Thread killAfter(long millis, java.util.concurrent.atomic.AtomicBoolean killed) {
        return Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            killed.set(true);
            kill();
        });
    }

    /** SIGTERM: the server's shutdown hook closes it cleanly; returns the exit code. */
    public int stop(Duration timeout) {
        process.destroy();
        if (!waitFor(timeout)) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
            throw new AssertionError("child server did not stop within " + timeout + "; output:\n" + output());
        }
        return process.exitValue();
    }

    /** Starts the server again with the same workdir, ports and options (after {@link #kill()} or {@link #stop}). */
    public void restart(Duration startTimeout) {
        if (isAlive()) throw new IllegalStateException("the child server is still running");
        launch(startTimeout);
    }

    @Override
    public void close() {
        if (isAlive()) kill();
    }

    private void launch(Duration startTimeout) {
        List<String> arguments = serverArguments();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-XX:+UseZGC", "-Xss2m", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
        command.addAll(jvmMemoryFlags(arguments));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("CHARYBDIS_HOME");
        builder.environment().put("MALLOC_MMAP_THRESHOLD_", "131072"); // as bin/charybdis sets it
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child JVM", e);
        }
        awaitServing(startTimeout);
    }

    /** {@code --config=<empty file> --key-name=value ...}: an empty file, so neither conf/ nor $CHARYBDIS_HOME leaks in. */
    private List<String> serverArguments() {
        List<String> arguments = new ArrayList<>();
        try {
            Path config = Files.createDirectories(workdir).resolveSibling(workdir.getFileName() + "-charybdis.yaml");
            Files.writeString(config, "# written by ChildServerProcess\n");
            arguments.add("--config=" + config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        options.forEach((key, value) -> arguments.add("--" + key.replace('_', '-') + "=" + value));
        return arguments;
    }

    /** The heap and direct memory flags bin/charybdis would give the server for these arguments (charybdis jvm-options). */
    public static List<String> jvmMemoryFlags(List<String> serverArguments) {
        StringWriter out = new StringWriter();
        CommandLine jvmOptions = JvmOptionsCommand.commandLine();
        jvmOptions.setOut(new PrintWriter(out, true));
        int exitCode = jvmOptions.execute(serverArguments.toArray(String[]::new));
        if (exitCode != 0) throw new IllegalArgumentException("jvm-options refused " + serverArguments + ": exit code " + exitCode);
        return List.of(out.toString().trim().split("\\s+"));
    }

    private void awaitServing(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("child server exited with " + process.exitValue() + " during start-up; output:\n" + output());
            }
            try (CqlTestClient client = CqlTestClient.connect(nativePort()).version(ProtocolVersion.V4)) {
                client.options();
                return;
            } catch (RuntimeException | AssertionError e) {
                last = e;
            }
            sleep(100);
        }
        kill();
        throw new AssertionError("child server did not answer on port " + nativePort() + " within " + timeout
                + " (" + last + "); output:\n" + output());
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
