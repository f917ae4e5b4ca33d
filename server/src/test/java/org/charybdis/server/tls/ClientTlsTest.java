package org.charybdis.server.tls;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import org.charybdis.server.config.EncryptionOptions;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * client_encryption_options end to end with the Apache Cassandra Java driver: PEM and keystore configurations,
 * client certificates required, optional TLS, the refusals of a plain client on a TLS port and of a TLS client on
 * a plain port (the server serving on after each), and certificate reload without dropping a live connection.
 */
class ClientTlsTest {
    private static final EncryptionOptions.Keys TLS = ServerConfig.CLIENT_ENCRYPTION_OPTIONS;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    static TestCertificates.Issued ca;
    static TestCertificates.Issued rogueCa;
    static TestCertificates.Issued serverCert;
    static TestCertificates.Issued goodClient;
    static TestCertificates.Issued rogueClient;

    @BeforeAll
    static void certificates() {
        ca = TestCertificates.ca("CN=Charybdis Test CA");
        rogueCa = TestCertificates.ca("CN=Rogue CA");
        serverCert = TestCertificates.server(ca, "CN=charybdis-server");
        goodClient = TestCertificates.client(ca, "CN=good-client");
        rogueClient = TestCertificates.client(rogueCa, "CN=rogue-client");
        TestCertificates.writePemCertificate(dir.resolve("server.crt"), serverCert.certificate());
        TestCertificates.writePemKey(dir.resolve("server.key"), serverCert.keys());
        TestCertificates.writePemCertificate(dir.resolve("ca.crt"), ca.certificate());
        TestCertificates.writeKeystore(dir.resolve("server.p12"), serverCert);
        TestCertificates.writeTruststore(dir.resolve("truststore.p12"), ca);
    }

    @Test
    void pemConfigurationServesQueriesOverTls() throws Exception {
        withServer(pem(dir), server -> {
            try (CqlSession session = connect(server.nativePort(), TestCertificates.clientContext(ca, null))) {
                assertQueriesWork(session, "pem");
            }
        });
    }

    @Test
    void keystoreConfigurationOnSeparateSslPortKeepsThePlainPortPlain() throws Exception {
        withServer(keystore().andThen(ext -> ext.with(ServerConfig.NATIVE_TRANSPORT_PORT_SSL, 0)), server -> {
            assertThat(server.server().nativeSslPort()).isPositive().isNotEqualTo(server.nativePort());
            try (CqlSession tls = connect(server.server().nativeSslPort(), TestCertificates.clientContext(ca, null));
                 CqlSession plain = connect(server.nativePort(), null)) {
                assertQueriesWork(tls, "keystore");
                assertThat(plain.execute("SELECT v FROM keystore.t WHERE k = 1").one().getString("v")).isEqualTo("one");
            }
        });
    }

    @Test
    void clientCertificatesRequiredAcceptGoodOnesAndRefuseMissingOrForeignOnes() throws Exception {
        Consumer<CharybdisServerExtension> config = pem(dir).andThen(ext -> ext
                .with(TLS.requireClientAuth, "true")
                .with(TLS.truststore, dir.resolve("ca.crt").toString()));
        withServer(config, server -> {
            int port = server.nativePort();
            try (CqlSession session = connect(port, TestCertificates.clientContext(ca, goodClient))) {
                assertQueriesWork(session, "mtls");
            }
            assertThatThrownBy(() -> connect(port, TestCertificates.clientContext(ca, null)).close())
                    .isInstanceOf(AllNodesFailedException.class);
            assertThatThrownBy(() -> connect(port, TestCertificates.clientContext(ca, rogueClient)).close())
                    .isInstanceOf(AllNodesFailedException.class);
            try (CqlSession again = connect(port, TestCertificates.clientContext(ca, goodClient))) {
                assertThat(again.execute("SELECT v FROM mtls.t WHERE k = 1").one().getString("v")).isEqualTo("one");
            }
        });
    }

    @Test
    void keystoreTruststoreChecksClientCertificates() throws Exception {
        Consumer<CharybdisServerExtension> config = keystore().andThen(ext -> ext
                .with(TLS.requireClientAuth, "true")
                .with(TLS.truststore, dir.resolve("truststore.p12").toString())
                .with(TLS.truststorePassword, TestCertificates.PASSWORD));
        withServer(config, server -> {
            try (CqlSession session = connect(server.nativePort(), TestCertificates.clientContext(ca, goodClient))) {
                assertThat(session.execute("SELECT release_version FROM system.local").one().getString(0)).startsWith("5.0");
            }
            assertThatThrownBy(() -> connect(server.nativePort(), TestCertificates.clientContext(ca, rogueClient)).close())
                    .isInstanceOf(AllNodesFailedException.class);
        });
    }

    @Test
    void optionalTlsServesPlainAndTlsClientsOnOnePort() throws Exception {
        withServer(pem(dir).andThen(ext -> ext.with(TLS.optional, true)), server -> {
            try (CqlSession tls = connect(server.nativePort(), TestCertificates.clientContext(ca, null));
                 CqlSession plain = connect(server.nativePort(), null)) {
                assertQueriesWork(tls, "optional");
                assertThat(plain.execute("SELECT v FROM optional.t WHERE k = 1").one().getString("v")).isEqualTo("one");
            }
        });
    }

    @Test
    void plainClientOnTlsPortIsToldToUseTls() throws Exception {
        withServer(pem(dir), server -> {
            // a raw OPTIONS request, v4 header, stream 7: the answer is a plaintext ERROR frame on that stream
            try (Socket socket = new Socket("127.0.0.1", server.nativePort())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(new byte[] {0x05, 0x00, 0x00, 0x07, 0x05, 0x00, 0x00, 0x00, 0x00});
                out.flush();
                DataInputStream in = new DataInputStream(socket.getInputStream());
                assertThat(in.readUnsignedByte()).isEqualTo(0x85);
                in.readUnsignedByte(); // flags
                assertThat(in.readShort()).isEqualTo((short) 7);
                assertThat(in.readUnsignedByte()).as("opcode ERROR").isZero();
                in.readInt(); // body length
                assertThat(in.readInt()).as("PROTOCOL_ERROR").isEqualTo(0x000A);
                byte[] message = new byte[in.readUnsignedShort()];
                in.readFully(message);
                assertThat(new String(message, StandardCharsets.UTF_8))
                        .isEqualTo("This port requires TLS (client_encryption_options); connect with SSL enabled, e.g. cqlsh --ssl");
                assertThat(in.read()).as("closed after the error").isEqualTo(-1); // within the grace period
            }
            assertThatThrownBy(() -> connect(server.nativePort(), null).close())
                    .isInstanceOf(AllNodesFailedException.class)
                    .hasMessageContaining("This port requires TLS");
            try (CqlSession session = connect(server.nativePort(), TestCertificates.clientContext(ca, null))) {
                assertThat(session.execute("SELECT release_version FROM system.local").one().getString(0)).startsWith("5.0");
            }
        });
    }

    @Test
    void tlsClientOnPlainPortFailsItsHandshake() throws Exception {
        withServer(pem(dir).andThen(ext -> ext.with(ServerConfig.NATIVE_TRANSPORT_PORT_SSL, 0)), server -> {
            assertThatThrownBy(() -> connect(server.nativePort(), TestCertificates.clientContext(ca, null)).close())
                    .isInstanceOf(AllNodesFailedException.class)
                    .hasMessageContaining("handshake");
            try (CqlSession plain = connect(server.nativePort(), null);
                 CqlSession tls = connect(server.server().nativeSslPort(), TestCertificates.clientContext(ca, null))) {
                assertThat(plain.execute("SELECT release_version FROM system.local").one().getString(0)).startsWith("5.0");
                assertThat(tls.execute("SELECT release_version FROM system.local").one().getString(0)).startsWith("5.0");
            }
        });
    }

    @Test
    void shardAwareTlsPortIsServedAndAnnounced() throws Exception {
        Consumer<CharybdisServerExtension> config = pem(dir).andThen(ext -> ext
                .with(ServerConfig.NATIVE_TRANSPORT_PORT_SSL, 0)
                .with(ServerConfig.NATIVE_SHARD_AWARE_TRANSPORT_PORT_SSL, 0));
        withServer(config, server -> {
            int shardAwareTls = server.server().shardAwareTlsPort();
            assertThat(shardAwareTls).isPositive().isNotEqualTo(server.shardAwarePort());
            assertThat(peerCertificate(shardAwareTls).getSerialNumber()).isEqualTo(serverCert.serial());
            try (var client = org.charybdis.server.testing.CqlTestClient.connect(server.shardAwarePort())) {
                assertThat(client.options()).containsEntry("SCYLLA_SHARD_AWARE_PORT_SSL", java.util.List.of(Integer.toString(shardAwareTls)));
            }
        });
    }

    @Test
    void changedCertificateFilesAreReloadedForNewConnectionsOnly(@TempDir Path files) throws Exception {
        Path certificate = files.resolve("server.crt");
        Path key = files.resolve("server.key");
        TestCertificates.writePemCertificate(certificate, serverCert.certificate());
        TestCertificates.writePemKey(key, serverCert.keys());
        Consumer<CharybdisServerExtension> config = pem(files).andThen(ext -> ext.with(ServerConfig.ENCRYPTION_RELOAD_INTERVAL_IN_MS, 100));
        withServer(config, server -> {
            int port = server.nativePort();
            try (CqlSession live = connect(port, TestCertificates.clientContext(ca, null))) {
                assertQueriesWork(live, "reload");
                assertThat(peerCertificate(port).getSerialNumber()).isEqualTo(serverCert.serial());

                // a broken file keeps the old certificate
                Files.writeString(key, "not a key");
                touch(key, 1);
                Thread.sleep(500);
                assertThat(peerCertificate(port).getSerialNumber()).isEqualTo(serverCert.serial());

                TestCertificates.Issued renewed = TestCertificates.server(ca, "CN=charybdis-server-renewed");
                TestCertificates.writePemKey(key, renewed.keys());
                TestCertificates.writePemCertificate(certificate, renewed.certificate());
                touch(key, 2);
                touch(certificate, 2);
                BigInteger seen = waitForSerial(port, renewed.serial());
                assertThat(seen).isEqualTo(renewed.serial());
                assertThat(peerCertificate(port).getSubjectX500Principal().getName()).isEqualTo("CN=charybdis-server-renewed");

                assertThat(live.execute("SELECT v FROM reload.t WHERE k = 1").one().getString("v")).isEqualTo("one");
            }
        });
    }

    // ---- helpers

    interface ServerTest {
        void run(CharybdisServerExtension server) throws Exception;
    }

    static void withServer(Consumer<CharybdisServerExtension> config, ServerTest test) throws Exception {
        CharybdisServerExtension server = new CharybdisServerExtension();
        config.accept(server);
        server.start();
        try {
            test.run(server);
        } finally {
            server.stop();
        }
    }

    static Consumer<CharybdisServerExtension> pem(Path files) {
        return ext -> ext.with(TLS.enabled, true)
                .with(TLS.certificate, files.resolve("server.crt").toString())
                .with(TLS.keyfile, files.resolve("server.key").toString());
    }

    static Consumer<CharybdisServerExtension> keystore() {
        return ext -> ext.with(TLS.enabled, true)
                .with(TLS.keystore, dir.resolve("server.p12").toString())
                .with(TLS.keystorePassword, TestCertificates.PASSWORD);
    }

    /** A driver session to 127.0.0.1:port, over TLS when ssl is given. */
    static CqlSession connect(int port, SSLContext ssl) {
        DriverConfigLoader loader = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, TIMEOUT)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, TIMEOUT)
                .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, TIMEOUT)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, TIMEOUT)
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, TIMEOUT)
                .build();
        CqlSessionBuilder builder = CqlSession.builder()
                .addContactPoint(new InetSocketAddress("127.0.0.1", port))
                .withLocalDatacenter(CharybdisServerExtension.DATACENTER)
                .withConfigLoader(loader);
        if (ssl != null) builder.withSslContext(ssl);
        return builder.build();
    }

    static void assertQueriesWork(CqlSession session, String keyspace) {
        session.execute("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".t (k int PRIMARY KEY, v text)");
        session.execute("INSERT INTO " + keyspace + ".t (k, v) VALUES (1, 'one')");
        assertThat(session.execute("SELECT v FROM " + keyspace + ".t WHERE k = 1").one().getString("v")).isEqualTo("one");
    }

    /** The certificate the server presents to a new TLS connection. */
    static X509Certificate peerCertificate(int port) throws IOException {
        try (SSLSocket socket = (SSLSocket) TestCertificates.clientContext(ca, null).getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static BigInteger waitForSerial(int port, BigInteger expected) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        BigInteger seen;
        do {
            seen = peerCertificate(port).getSerialNumber();
            if (seen.equals(expected)) return seen;
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return seen;
    }

    /** Moves a file's modification time forward, so the change is seen even within one timestamp tick. */
    private static void touch(Path file, int seconds) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(seconds)));
    }
}
