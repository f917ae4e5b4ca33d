package org.charybdis.server.tls;

import org.charybdis.server.config.EncryptionOptions;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpGet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** api_encryption_options: the REST admin API over HTTPS; plain HTTP on it is told to use HTTPS. */
class AdminApiTlsTest {
    private static final EncryptionOptions.Keys API_TLS = ServerConfig.API_ENCRYPTION_OPTIONS;
    static final Path DIR = tempDir();
    static final TestCertificates.Issued CA = TestCertificates.ca("CN=Admin Test CA");

    @RegisterExtension
    static final CharybdisServerExtension server = withCertificates(new CharybdisServerExtension());

    /** The extension starts before any @BeforeAll: the files are written while it is built. */
    static CharybdisServerExtension withCertificates(CharybdisServerExtension extension) {
        TestCertificates.Issued cert = TestCertificates.server(CA, "CN=admin-api");
        TestCertificates.writePemCertificate(DIR.resolve("api.crt"), cert.certificate());
        TestCertificates.writePemKey(DIR.resolve("api.key"), cert.keys());
        return extension.with(API_TLS.enabled, true)
                .with(API_TLS.certificate, DIR.resolve("api.crt").toString())
                .with(API_TLS.keyfile, DIR.resolve("api.key").toString());
    }

    @Test
    void httpsRequestTrustingTheCaIsAnswered() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(TestCertificates.clientContext(CA, null))
                .connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.apiPort() + "/version"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("release_version");
    }

    @Test
    void theLiveConsoleStreamsOverHttps() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(TestCertificates.clientContext(CA, null))
                .connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<java.util.stream.Stream<String>> response = client.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + server.apiPort() + "/console/stream")).GET().build(), HttpResponse.BodyHandlers.ofLines());

        assertThat(response.statusCode()).isEqualTo(200);
        try (var lines = response.body()) {
            assertThat(lines.filter(line -> line.startsWith("data: ")).findFirst()).hasValueSatisfying(line -> assertThat(line).contains("\"node\""));
        }
        assertThat(HttpGet.get(server.apiPort(), "/console").statusCode()).as("plain HTTP").isEqualTo(400);
    }

    @Test
    void plainHttpIsToldToUseHttps() {
        HttpResponse<String> response = HttpGet.get(server.apiPort(), "/version");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("This port requires HTTPS (api_encryption_options)");
    }

    @Test
    void prometheusStaysPlain() {
        assertThat(HttpGet.body(server.prometheusPort(), "/metrics")).isNotEmpty();
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("charybdis-api-tls-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
