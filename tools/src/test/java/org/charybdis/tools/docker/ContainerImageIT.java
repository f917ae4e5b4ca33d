package org.charybdis.tools.docker;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.charybdis.server.system.Topology;
import org.charybdis.server.testing.ChildServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The image of docker/Dockerfile, built by podman from the release distribution (run by {@code ./mvnw verify}, after
 * package): a node started with ScyllaDB's entrypoint flags takes writes from the Java driver, drains on SIGTERM,
 * and a new container on the same volume reads them back; its HEALTHCHECK says healthy only while the node serves.
 * No registry is needed: the base image is made locally (docker/test/make-base-image.sh). Skipped without podman,
 * except on CI, where it must be installed.
 */
class ContainerImageIT {
    private static final String BASE_IMAGE = "docker.io/library/eclipse-temurin:25-jre";
    private static final Duration QUICK = Duration.ofMinutes(1);
    private static final Duration START = Duration.ofMinutes(3);
    private static final String[] SERVER_FLAGS = {
            // ScyllaDB's spellings, with a space or an '='; --rpc-address replaces the entrypoint's default
            "--smp", "1", "--memory", "1G", "--developer-mode", "1", "--seeds", "127.0.0.1", "--rpc-address", "0.0.0.0"};
    /** Replaces the entrypoint's default (0.0.0.0) as an option would. */
    private static final String PROMETHEUS_ADDRESS_VARIABLE = "CHARYBDIS_PROMETHEUS_ADDRESS=127.0.0.1";
    private static final int ROWS = 100;

    private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);
    private static final String IMAGE = "localhost/charybdis-it:" + RUN_ID;
    private static final String VOLUME = "charybdis-it-" + RUN_ID;
    private static final List<String> containers = new ArrayList<>();
    private static Podman podman;
    private static boolean madeBaseImage;

    @BeforeAll
    static void buildImage() throws IOException {
        boolean onCi = !System.getenv().getOrDefault("CI", "").isBlank();
        if (onCi) {
            assertThat(Podman.installed()).as("podman and runc must be installed on CI (apt-get install podman runc debootstrap)").isTrue();
        } else {
            assumeThat(Podman.installed()).as("podman or runc is not installed").isTrue();
        }
        Path root = repositoryRoot();
        assertThat(distribution(root)).as("the distribution tools/target/charybdis-*-bin.tar.gz (./mvnw package)").isNotNull();
        podman = Podman.configuredIn(Path.of("target", "podman").toAbsolutePath());

        if (podman.run(QUICK, "image", "exists", BASE_IMAGE).exitCode() != 0) {
            podman.script(root, Map.of("JAVA_HOME", System.getProperty("java.home")), Duration.ofMinutes(15),
                    "docker/test/make-base-image.sh", BASE_IMAGE).requireSuccess();
            madeBaseImage = true;
        }
        // --format docker: the OCI format has no HEALTHCHECK; --layers=false: no intermediate images left behind
        podman.run(Duration.ofMinutes(10), "build", "--format", "docker", "--layers=false", "-f", "docker/Dockerfile",
                "-t", IMAGE, root.toString()).requireSuccess();
    }

    @AfterAll
    static void removeWhatWasMade() {
        if (podman == null) return;
        for (String container : containers) podman.run(QUICK, "rm", "--force", "--time", "0", container);
        podman.run(QUICK, "volume", "rm", "--force", VOLUME);
        podman.run(QUICK, "rmi", "--force", IMAGE);
        if (madeBaseImage) podman.run(QUICK, "rmi", "--force", BASE_IMAGE);
    }

    @Test
    void healthcheckFailsWhereNoNodeServes() {
        Podman.Result check = podman.run(QUICK, "run", "--rm", "--entrypoint", "/opt/charybdis/docker/healthcheck.sh", IMAGE);

        assertThat(check.exitCode()).as("healthcheck.sh's own failure, not a missing script: " + check.output()).isEqualTo(1);
    }

    @Test
    void nodeKeepsItsDataOnTheVolumeAcrossContainersAndStopsCleanly() {
        podman.run(QUICK, "volume", "create", VOLUME).requireSuccess();

        String first = startContainer();
        assertThat(podman.run(QUICK, "exec", first, "id", "-u").trimmed()).as("the server's user id").isNotEqualTo("0");
        assertThat(serverCommandLine(first)).as("the entrypoint's options, and the heap --memory sized")
                .contains("--smp=1", "--memory=1G", "--developer-mode=1", "--seeds=127.0.0.1", "--workdir=/var/lib/charybdis",
                        "--prometheus-address=127.0.0.1")
                .containsOnlyOnce("--rpc-address=0.0.0.0")
                .doesNotContain("--prometheus-address=0.0.0.0")
                .containsAll(ChildServerProcess.jvmMemoryFlags(List.of("--memory=1G")));
        assertThat(podman.run(QUICK, "logs", first).output()).contains("Ignoring seeds 127.0.0.1");
        assertThat(podman.run(QUICK, "exec", first, "charybdis", "admin", "status").requireSuccess().output())
                .as("the tools on the PATH").contains("UN");
        Map<Integer, String> written = writeRows(cqlPort(first));
        stopCleanly(first);

        String second = startContainer();
        assertThat(readRows(cqlPort(second))).isEqualTo(written);
        assertThat(podman.run(QUICK, "inspect", "--format", "{{.State.Health.Status}}", second).trimmed()).isEqualTo("healthy");
        // the drain flushed everything and released the commitlog: the next start has nothing to replay
        assertThat(podman.run(QUICK, "logs", second).output()).as("nothing replayed after a drain").doesNotContain("commitlog entries");
        stopCleanly(second);
    }

    /** A container on the volume with CQL published on a free port of 127.0.0.1; returns once healthy. */
    private static String startContainer() {
        String name = "charybdis-it-" + RUN_ID + "-" + containers.size();
        containers.add(name);
        List<String> run = new ArrayList<>(List.of("run", "--detach", "--name", name, "--volume", VOLUME + ":/var/lib/charybdis",
                "--env", PROMETHEUS_ADDRESS_VARIABLE, "--publish", "127.0.0.1::9042", IMAGE));
        run.addAll(List.of(SERVER_FLAGS));
        podman.run(QUICK, run.toArray(String[]::new)).requireSuccess();
        awaitHealthy(name);
        return name;
    }

    private static void awaitHealthy(String container) {
        long deadline = System.nanoTime() + START.toNanos();
        Podman.Result check;
        do {
            check = podman.run(QUICK, "healthcheck", "run", container);
            if (check.exitCode() == 0) return;
            if (!podman.run(QUICK, "inspect", "--format", "{{.State.Running}}", container).trimmed().equals("true")) {
                fail("container " + container + " exited during start-up:\n" + podman.run(QUICK, "logs", container).output());
            }
            sleep(Duration.ofSeconds(1));
        } while (System.nanoTime() < deadline);
        fail("container " + container + " not healthy within " + START + " (" + check.output() + "):\n"
                + podman.run(QUICK, "logs", container).output());
    }

    /** SIGTERM: the server drains (memtables flushed, commitlog closed) and exits as a JVM does on SIGTERM. */
    private static void stopCleanly(String container) {
        podman.run(Duration.ofMinutes(3), "stop", "--time", "120", container).requireSuccess();
        String exitCode = podman.run(QUICK, "inspect", "--format", "{{.State.ExitCode}}", container).trimmed();
        String log = podman.run(QUICK, "logs", container).output();
        assertThat(exitCode).as(log).isIn("0", "143");
        assertThat(log).contains("Drained: every memtable flushed", "Charybdis stopped");
    }

    private static Map<Integer, String> writeRows(int port) {
        Map<Integer, String> written = new TreeMap<>();
        try (CqlSession session = session(port)) {
            session.execute("CREATE KEYSPACE container_it WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TABLE container_it.kv (k int PRIMARY KEY, v text)");
            PreparedStatement insert = session.prepare("INSERT INTO container_it.kv (k, v) VALUES (?, ?)");
            for (int k = 0; k < ROWS; k++) {
                session.execute(insert.bind(k, "value " + k));
                written.put(k, "value " + k);
            }
        }
        return written;
    }

    private static Map<Integer, String> readRows(int port) {
        Map<Integer, String> read = new TreeMap<>();
        try (CqlSession session = session(port)) {
            for (Row row : session.execute("SELECT k, v FROM container_it.kv")) read.put(row.getInt("k"), row.getString("v"));
        }
        return read;
    }

    private static CqlSession session(int port) {
        Duration timeout = Duration.ofSeconds(20);
        DriverConfigLoader loader = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, timeout)
                .build();
        return CqlSession.builder().addContactPoint(new InetSocketAddress("127.0.0.1", port))
                .withLocalDatacenter(Topology.DATACENTER).withConfigLoader(loader).build();
    }

    /** The host port podman published the container's 9042 on ("127.0.0.1:40123"). */
    private static int cqlPort(String container) {
        String mapping = podman.run(QUICK, "port", container, "9042/tcp").requireSuccess().trimmed().lines().findFirst().orElseThrow();
        return Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1));
    }

    /** The arguments of the container's first process: the server's JVM, which the entrypoint execs. */
    private static List<String> serverCommandLine(String container) {
        return podman.run(QUICK, "exec", container, "cat", "/proc/1/cmdline").requireSuccess().output().lines()
                .flatMap(line -> List.of(line.split("\0")).stream()).toList();
    }

    private static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.exists(directory.resolve("docker/Dockerfile"))) directory = directory.getParent();
        if (directory == null) throw new AssertionError("docker/Dockerfile not found above " + Path.of("").toAbsolutePath());
        return directory;
    }

    private static Path distribution(Path root) throws IOException {
        Path target = root.resolve("tools/target");
        if (!Files.isDirectory(target)) return null;
        try (DirectoryStream<Path> tarballs = Files.newDirectoryStream(target, "charybdis-*-bin.tar.gz")) {
            for (Path tarball : tarballs) return tarball;
        }
        return null;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
