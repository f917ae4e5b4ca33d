package org.charybdis.server.auth;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import org.charybdis.server.CharybdisServer;
import org.charybdis.server.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Logins and role management through the Java driver against a server with PasswordAuthenticator. */
class PasswordAuthenticationTest {
    @TempDir
    static Path workdir;
    private static CharybdisServer server;

    @BeforeAll
    static void start() {
        server = CharybdisServer.start(ServerConfig.defaults()
                .with(ServerConfig.NATIVE_TRANSPORT_PORT, 0)
                .with(ServerConfig.NATIVE_SHARD_AWARE_TRANSPORT_PORT, 0)
                .with(ServerConfig.PROMETHEUS_PORT, 0)
                .with(ServerConfig.API_PORT, 0)
                .with(ServerConfig.SMP, 2)
                .with(ServerConfig.AUTHENTICATOR, "PasswordAuthenticator")
                .with(ServerConfig.AUTHORIZER, "CassandraAuthorizer")
                .with(ServerConfig.WORKDIR, workdir.toString()));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static CqlSession connect(String user, String password) {
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress("127.0.0.1", server.nativePort()))
                .withLocalDatacenter("datacenter1")
                .withAuthCredentials(user, password)
                .build();
    }

    @Test
    void defaultSuperuserLogsInAndListsRoles() {
        try (CqlSession session = connect("cassandra", "cassandra")) {
            Row row = session.execute("LIST ROLES OF cassandra").one();
            assertThat(row.getString("role")).isEqualTo("cassandra");
            assertThat(row.getBoolean("super")).isTrue();
            assertThat(row.getBoolean("login")).isTrue();
            assertThat(row.getString("datacenters")).isEqualTo("ALL");
        }
    }

    @Test
    void wrongPasswordIsRefused() {
        assertThatThrownBy(() -> connect("cassandra", "wrong").close())
                .isInstanceOf(AllNodesFailedException.class)
                .hasMessageContaining("Provided username cassandra and/or password are incorrect");
    }

    @Test
    void newRoleLogsInButMayNotCreateRolesAndCanBeDropped() {
        try (CqlSession admin = connect("cassandra", "cassandra")) {
            admin.execute("CREATE ROLE driver_user WITH PASSWORD = 'secret' AND LOGIN = true");
            assertThat(admin.execute("LIST ROLES").all()).extracting(r -> r.getString("role")).contains("cassandra", "driver_user");

            try (CqlSession user = connect("driver_user", "secret")) {
                assertThat(user.execute("LIST ROLES").all()).extracting(r -> r.getString("role")).containsExactly("driver_user");
                assertThatThrownBy(() -> user.execute("CREATE ROLE other"))
                        .isInstanceOf(UnauthorizedException.class)
                        .hasMessageContaining("User driver_user does not have sufficient privileges to perform the requested operation");
            }

            admin.execute("DROP ROLE driver_user");
            assertThatThrownBy(() -> connect("driver_user", "secret").close())
                    .isInstanceOf(AllNodesFailedException.class)
                    .hasMessageContaining("Provided username driver_user and/or password are incorrect");
        }
    }
}
