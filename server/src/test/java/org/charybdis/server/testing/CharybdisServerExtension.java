package org.charybdis.server.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import org.charybdis.server.CharybdisServer;
import org.charybdis.server.config.ConfigKey;
import org.charybdis.server.config.ServerConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Starts one in-process {@link CharybdisServer} for a test class, on ephemeral ports (CQL, shard-aware,
 * Prometheus, admin API) with two shards and a temporary workdir, and stops it after the class.
 * Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final CharybdisServerExtension server = new CharybdisServerExtension();
 * ...
 * try (CqlSession session = server.session(DefaultProtocolVersion.V5)) { ... }
 * }</pre>
 *
 * Sessions it hands out are closed with the server; closing them earlier is fine.
 *
 * <p>To check a driver-level test against a reference Cassandra instead, run it with
 * {@code -Dcharybdis.test.external=127.0.0.1:9043 -Dcharybdis.test.external.credentials=cassandra:cassandra}:
 * no server is started and sessions connect there (tests that look inside the server cannot run so).
 */
public final class CharybdisServerExtension implements BeforeAllCallback, AfterAllCallback {
    /** The datacenter the node reports in system.local; drivers need it as their local DC. */
    public static final String DATACENTER = "datacenter1";
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private ServerConfig config;
    private final Queue<CqlSession> sessions = new ConcurrentLinkedQueue<>();
    private final String external = System.getProperty("charybdis.test.external");
    private final String externalCredentials = System.getProperty("charybdis.test.external.credentials");
    private CharybdisServer server;
    private Path workdir;

    public CharybdisServerExtension() {
        this(ServerConfig.defaults());
    }

    /**
     * A server configured by {@code base} (a file a test loaded, say), with the test settings on top: free ports,
     * two shards, small commitlog segments and little memory, its directories under a temporary workdir.
     */
    public CharybdisServerExtension(ServerConfig base) {
        config = base
            .with(ServerConfig.DATA_FILE_DIRECTORIES, "")
            .with(ServerConfig.COMMITLOG_DIRECTORY, "")
            .with(ServerConfig.NATIVE_TRANSPORT_PORT, 0)
            .with(ServerConfig.NATIVE_SHARD_AWARE_TRANSPORT_PORT, 0)
            .with(ServerConfig.PROMETHEUS_PORT, 0)
            .with(ServerConfig.API_PORT, 0)
            .with(ServerConfig.SMP, 2)
            // small commitlog segments: each start pre-allocates two per shard, and tests start many servers
            .with(ServerConfig.COMMITLOG_SEGMENT_SIZE_IN_MB, 2)
            .with(ServerConfig.MEMORY, 256L << 20);
    }

    /** Changes one configuration key of the server to start (call before the class's tests run). */
    public <T> CharybdisServerExtension with(ConfigKey<T> key, T value) {
        if (server != null) throw new IllegalStateException("the server is already running");
        config = config.with(key, value);
        return this;
    }

    /** Requires logins (default superuser cassandra/cassandra). */
    public CharybdisServerExtension passwordAuthentication() {
        return with(ServerConfig.AUTHENTICATOR, "PasswordAuthenticator");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Starts the server (the extension does this before the class's tests). */
    public void start() throws IOException {
        if (server != null || external != null) return;
        workdir = Files.createTempDirectory("charybdis-test-");
        server = CharybdisServer.start(config.with(ServerConfig.WORKDIR, workdir.toString()));
    }

    /**
     * Stops the server cleanly and starts it again on the same workdir (new ephemeral ports), to check what
     * survives a restart. The sessions handed out are closed: ask for new ones.
     */
    public void restart() {
        if (external != null) throw new IllegalStateException("cannot restart an external server");
        if (server == null) throw new IllegalStateException("the server is not running");
        closeSessions();
        server.close();
        server = null;
        server = CharybdisServer.start(config.with(ServerConfig.WORKDIR, workdir.toString()));
    }

    /** Closes the sessions handed out, stops the server and deletes its workdir. */
    public void stop() {
        closeSessions();
        if (server != null) {
            server.close();
            server = null;
        }
        if (workdir != null) {
            deleteRecursively(workdir);
            workdir = null;
        }
    }

    private void closeSessions() {
        CqlSession session;
        while ((session = sessions.poll()) != null) session.close();
    }

    public CharybdisServer server() {
        if (server == null) throw new IllegalStateException("the server is not running (register the extension as a static field)");
        return server;
    }

    public ServerConfig config() {
        return server().config();
    }

    public Path workdir() {
        return workdir;
    }

    public int nativePort() {
        if (external != null) return Integer.parseInt(external.substring(external.lastIndexOf(':') + 1));
        return server().nativePort();
    }

    public int shardAwarePort() {
        return server().shardAwarePort();
    }

    public int prometheusPort() {
        return server().prometheusPort();
    }

    public int apiPort() {
        return server().apiPort();
    }

    /** A driver session; the driver negotiates the protocol version (v5 first). */
    public CqlSession session() {
        return session(options -> {});
    }

    /** A driver session speaking exactly this protocol version. */
    public CqlSession session(ProtocolVersion version) {
        return session(options -> options.withString(DefaultDriverOption.PROTOCOL_VERSION, version.name()));
    }

    /**
     * A driver session with extra options, e.g.
     * {@code o -> o.withString(DefaultDriverOption.PROTOCOL_COMPRESSION, "lz4")}.
     */
    public CqlSession session(Consumer<ProgrammaticDriverConfigLoaderBuilder> options) {
        CqlSession session = sessionBuilder(options).build();
        sessions.add(session);
        return session;
    }

    /** A driver session logged in as a role (the server must use PasswordAuthenticator). */
    public CqlSession session(String role, String password) {
        CqlSession session = sessionBuilder(options -> {}).withAuthCredentials(role, password).build();
        sessions.add(session);
        return session;
    }

    /** A session builder pointed at this server (contact point, local DC, timeouts), for credentials and the like. */
    public CqlSessionBuilder sessionBuilder(Consumer<ProgrammaticDriverConfigLoaderBuilder> options) {
        ProgrammaticDriverConfigLoaderBuilder loader = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, REQUEST_TIMEOUT)
                .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, REQUEST_TIMEOUT)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, REQUEST_TIMEOUT)
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, REQUEST_TIMEOUT)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, REQUEST_TIMEOUT);
        options.accept(loader);
        String host = external == null ? "127.0.0.1" : external.substring(0, external.lastIndexOf(':'));
        CqlSessionBuilder builder = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(host, nativePort()))
                .withLocalDatacenter(DATACENTER)
                .withConfigLoader(loader.build());
        if (externalCredentials != null) {
            int colon = externalCredentials.indexOf(':');
            builder.withAuthCredentials(externalCredentials.substring(0, colon), externalCredentials.substring(colon + 1));
        }
        return builder;
    }

    /** A raw protocol client connected to the CQL port. */
    public CqlTestClient rawClient() {
        return CqlTestClient.connect(nativePort());
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
