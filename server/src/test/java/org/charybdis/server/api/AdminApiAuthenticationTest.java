package org.charybdis.server.api;

import com.datastax.oss.driver.api.core.CqlSession;
import org.charybdis.server.CharybdisServer;
import org.charybdis.server.StartupFailedException;
import org.charybdis.server.audit.AuditRows;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code api_authentication: password}: the admin API answers superusers only, and its calls are audited as ADMIN. */
class AdminApiAuthenticationTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension().passwordAuthentication()
            .with(ServerConfig.API_AUTHENTICATION, "password")
            .with(ServerConfig.AUDIT, "table")
            .with(ServerConfig.AUDIT_CATEGORIES, "ADMIN");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void rolesAndData() {
        CqlSession admin = server.session("cassandra", "cassandra");
        admin.execute("CREATE ROLE reader WITH PASSWORD = 'reader' AND LOGIN = true");
        admin.execute("CREATE ROLE ops WITH PASSWORD = 'ops' AND LOGIN = true");
        admin.execute("CREATE ROLE root_like WITH SUPERUSER = true");
        admin.execute("GRANT root_like TO ops"); // a superuser through a granted role
        admin.execute("CREATE KEYSPACE api_ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        admin.execute("CREATE TABLE api_ks.kv (k int PRIMARY KEY, v text)");
        for (int k = 0; k < 10; k++) admin.execute("INSERT INTO api_ks.kv (k, v) VALUES (" + k + ", 'v')");
    }

    @Test
    void noCredentialsAre401WithAChallengeAndAJsonError() throws Exception {
        HttpResponse<String> response = send("POST", "/storage/flush", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
        assertThat(response.body()).contains("\"error\"").contains("requires a superuser's credentials");
    }

    @Test
    void wrongPasswordIs401() throws Exception {
        HttpResponse<String> response = send("GET", "/status", basic("cassandra", "wrong"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(response.body()).contains("\"error\"").contains("Provided username cassandra and/or password are incorrect");
    }

    @Test
    void malformedCredentialsAre401() throws Exception {
        assertThat(send("GET", "/status", "Basic !!!").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/status", "Bearer abc").statusCode()).isEqualTo(401);
    }

    @Test
    void aRoleThatIsNoSuperuserIs403() throws Exception {
        HttpResponse<String> response = send("POST", "/storage/flush", basic("reader", "reader"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"error\"").contains("User reader is not a superuser");
    }

    @Test
    void theSuperuserFlushesAndTheFlushHappens() throws Exception {
        HttpResponse<String> response = send("POST", "/storage/flush?keyspace=api_ks", basic("cassandra", "cassandra"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"operation\" : \"flush\"");
        try (Stream<Path> files = Files.walk(server.workdir().resolve("data").resolve("api_ks"))) {
            assertThat(files.map(Path::toString)).anyMatch(f -> f.endsWith("Data.db"));
        }
    }

    @Test
    void aSuperuserThroughAGrantedRoleIsLetIn() throws Exception {
        assertThat(send("GET", "/status", basic("ops", "ops")).statusCode()).isEqualTo(200);
    }

    @Test
    void actionsAndRefusalsAreAuditedAsAdmin() throws Exception {
        send("POST", "/storage/flush?keyspace=api_ks&table=kv", basic("cassandra", "cassandra"));
        send("POST", "/storage/compact?keyspace=api_ks", basic("reader", "reader"));
        send("POST", "/storage/compact?keyspace=api_ks", null);

        CqlSession session = server.session("cassandra", "cassandra");
        var flush = AuditRows.await(session, r -> r.operation().equals("POST /storage/flush?keyspace=api_ks&table=kv"));
        assertThat(flush.category()).isEqualTo("ADMIN");
        assertThat(flush.username()).isEqualTo("cassandra");
        assertThat(flush.error()).isFalse();
        assertThat(flush.source().getHostAddress()).isEqualTo("127.0.0.1");
        var refused = AuditRows.await(session, r -> r.operation().equals("POST /storage/compact?keyspace=api_ks") && "reader".equals(r.username()));
        assertThat(refused.error()).isTrue();
        var anonymous = AuditRows.await(session, r -> r.operation().equals("POST /storage/compact?keyspace=api_ks") && "anonymous".equals(r.username()));
        assertThat(anonymous.error()).isTrue();
    }

    @Test
    void theLiveConsoleAndItsStreamAskForASuperuserToo() throws Exception {
        assertThat(send("GET", "/console", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/console/stream", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/console/stats", basic("reader", "reader")).statusCode()).isEqualTo(403);
        HttpResponse<String> page = send("GET", "/console", basic("cassandra", "cassandra"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<canvas");

        HttpResponse<Stream<String>> stream = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.apiPort() + "/console/stream"))
                .header("Authorization", basic("cassandra", "cassandra")).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        try (Stream<String> lines = stream.body()) {
            assertThat(lines.filter(line -> line.startsWith("data: ")).findFirst()).hasValueSatisfying(line -> assertThat(line).contains("\"shards\""));
        }
    }

    @Test
    void prometheusNeedsNoCredentials() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.prometheusPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void apiAuthenticationWithoutPasswordAuthenticatorStopsStartUp() {
        ServerConfig config = ServerConfig.defaults().with(ServerConfig.API_AUTHENTICATION, "password")
                .with(ServerConfig.NATIVE_TRANSPORT_PORT, 0).with(ServerConfig.API_PORT, 0);
        assertThatThrownBy(() -> CharybdisServer.start(config).close())
                .isInstanceOf(StartupFailedException.class)
                .hasMessageContaining("api_authentication: password")
                .hasMessageContaining("authenticator: PasswordAuthenticator");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(String method, String pathAndQuery, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.apiPort() + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) request.header("Authorization", authorization);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
