package org.charybdis.tools.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import org.charybdis.server.testing.TestPorts;
import org.charybdis.tools.cql.Credentials;
import org.charybdis.tools.cql.SessionFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Apache Cassandra 5.0 (cassandra-all from Maven Central) as a child JVM for a test class, on free ports, with
 * PasswordAuthenticator (cassandra / cassandra). Register it as a static field; it is killed after the class, whatever
 * the tests did, and when the test JVM exits.
 *
 * <p>Cassandra's jars are fetched once into {@code target/peer-cassandra/lib} by running the Maven wrapper on
 * {@code src/test/peer-cassandra/pom.xml} (they must stay off our classpath: their dependencies clash with ours).
 * Cassandra 5.0 needs Java 11 or 17: {@code $CASSANDRA_JAVA}, else {@value #DEFAULT_JAVA}. It takes about a minute to start.
 */
public final class PeerCassandra implements BeforeAllCallback, AfterAllCallback {
    public static final String SUPERUSER = "cassandra";
    private static final String DEFAULT_JAVA = "/usr/lib/jvm/java-17-openjdk-amd64/bin/java";
    private static final long START_TIMEOUT_SECONDS = 180;
    private static final Path MODULE = Path.of("").toAbsolutePath(); // surefire runs in the tools module
    private static final Path HOME = MODULE.resolve("target/peer-cassandra");
    private static final List<String> OPENS = List.of("java.base/java.lang.module", "java.base/jdk.internal.loader",
            "java.base/jdk.internal.ref", "java.base/jdk.internal.reflect", "java.base/jdk.internal.math", "java.base/jdk.internal.module",
            "jdk.management/com.sun.management.internal", "java.base/sun.nio.ch", "java.base/java.io", "java.base/java.nio",
            "java.base/java.util.concurrent", "java.base/java.util", "java.base/java.util.concurrent.atomic", "java.base/java.lang",
            "java.base/java.math", "java.base/java.lang.reflect", "java.base/java.net", "java.rmi/sun.rmi.transport.tcp");
    private static final List<String> EXPORTS = List.of("java.base/jdk.internal.misc", "java.base/jdk.internal.ref", "java.base/sun.nio.ch",
            "java.management.rmi/com.sun.jmx.remote.internal.rmi", "java.rmi/sun.rmi.registry", "java.rmi/sun.rmi.server",
            "java.sql/java.sql", "java.base/java.lang.ref", "java.base/java.lang.reflect");

    private final List<CqlSession> sessions = new ArrayList<>();
    private Process process;
    private Path runDir;
    private int nativePort;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path lib = fetchJars();
        int storagePort = TestPorts.free();
        int jmxPort = TestPorts.free();
        nativePort = TestPorts.free();
        runDir = Files.createDirectories(HOME).resolve("run-" + nativePort);
        Files.createDirectories(runDir);
        Path yaml = runDir.resolve("cassandra.yaml");
        Files.writeString(yaml, template("cassandra.yaml").replace("@NATIVE_PORT@", Integer.toString(nativePort))
                .replace("@STORAGE_PORT@", Integer.toString(storagePort)));
        Path logback = runDir.resolve("logback.xml");
        Files.writeString(logback, template("logback.xml"));

        List<String> command = new ArrayList<>(List.of(java(), "-Xms1G", "-Xmx1G", "-XX:+UseG1GC",
                "-Dcassandra.config=" + yaml.toUri(), "-Dlogback.configurationFile=" + logback, "-Dcassandra-foreground=yes",
                "-Dcassandra.jmx.local.port=" + jmxPort, "-Dcassandra.superuser_setup_delay_ms=0", "-Dcassandra.ring_delay_ms=0",
                "-Dcassandra.skip_wait_for_gossip_to_settle=0", "-Djava.security.manager=allow", "-Djdk.attach.allowAttachSelf=true"));
        OPENS.forEach(module -> command.addAll(List.of("--add-opens", module + "=ALL-UNNAMED")));
        EXPORTS.forEach(module -> command.addAll(List.of("--add-exports", module + "=ALL-UNNAMED")));
        command.addAll(List.of("-cp", lib + File.separator + "*", "org.apache.cassandra.service.CassandraDaemon"));
        process = new ProcessBuilder(command).directory(runDir.toFile())
                .redirectErrorStream(true).redirectOutput(runDir.resolve("stdout.log").toFile()).start();
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "peer-cassandra-kill"));
        try {
            awaitListening();
        } catch (Exception | AssertionError e) {
            stop();
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        sessions.forEach(CqlSession::close);
        stop(); // its logs stay in target/peer-cassandra/run-PORT, to explain a failed test
    }

    public String address() {
        return "127.0.0.1:" + nativePort;
    }

    public int nativePort() {
        return nativePort;
    }

    /** A driver session logged in as the superuser, closed after the class. */
    public CqlSession session() {
        CqlSession session = new SessionFactory("127.0.0.1", nativePort, "datacenter1", null, 1, Duration.ofSeconds(30))
                .open("peer-cassandra", new Credentials(SUPERUSER, SUPERUSER), true);
        sessions.add(session);
        return session;
    }

    private void awaitListening() throws IOException, InterruptedException {
        Path log = runDir.resolve("system.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains("Starting listening for CQL clients")) return;
            if (!process.isAlive()) throw new IllegalStateException("Cassandra exited with " + process.exitValue() + ": " + tail());
            Thread.sleep(500);
        }
        throw new IllegalStateException("Cassandra did not start in " + START_TIMEOUT_SECONDS + " s: " + tail());
    }

    private void stop() {
        if (process == null) return;
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /**
     * Copies cassandra-all and its dependencies to target/peer-cassandra/lib unless an earlier run did. A file lock keeps
     * the test JVMs running side by side from fetching into the same directory at once: the second waits and finds it done.
     */
    private static synchronized Path fetchJars() throws IOException, InterruptedException {
        Files.createDirectories(HOME);
        try (FileChannel channel = FileChannel.open(HOME.resolve("fetch.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            return fetchJarsOnce();
        }
    }

    private static Path fetchJarsOnce() throws IOException, InterruptedException {
        Path lib = HOME.resolve("lib");
        Path complete = HOME.resolve("lib.complete");
        if (Files.exists(complete)) return lib;
        String version = System.getProperty("charybdis.peer.cassandra.version");
        String pluginVersion = System.getProperty("charybdis.peer.dependency-plugin.version");
        if (version == null || pluginVersion == null) {
            throw new IllegalStateException("run through Maven: the tools pom passes the Cassandra version to fetch");
        }
        Path log = Files.createDirectories(HOME).resolve("fetch.log");
        Process maven = new ProcessBuilder(mavenWrapper().toString(), "-B", "-q", "-f", MODULE.resolve("src/test/peer-cassandra/pom.xml").toString(),
                "dependency:copy-dependencies", "-Dcassandra.version=" + version, "-Ddependency-plugin.version=" + pluginVersion,
                "-DoutputDirectory=" + lib).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!maven.waitFor(10, TimeUnit.MINUTES) || maven.exitValue() != 0) {
            maven.destroyForcibly();
            throw new IllegalStateException("fetching Cassandra " + version + " failed: see " + log);
        }
        Files.createFile(complete);
        return lib;
    }

    private static Path mavenWrapper() {
        for (Path dir = MODULE; dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("mvnw"))) return dir.resolve("mvnw");
        }
        return Path.of("mvn");
    }

    private static String java() {
        String java = System.getenv("CASSANDRA_JAVA");
        if (java == null) java = DEFAULT_JAVA;
        if (!Files.isExecutable(Path.of(java))) {
            throw new IllegalStateException("Cassandra 5.0 needs Java 11 or 17: install it at " + DEFAULT_JAVA + " or set CASSANDRA_JAVA");
        }
        return java;
    }

    private String template(String name) throws IOException {
        return Files.readString(MODULE.resolve("src/test/peer-cassandra").resolve(name), StandardCharsets.UTF_8)
                .replace("@DIR@", runDir.toString());
    }

    private String tail() throws IOException {
        Path log = Files.exists(runDir.resolve("system.log")) ? runDir.resolve("system.log") : runDir.resolve("stdout.log");
        if (!Files.exists(log)) return "no log in " + runDir;
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
