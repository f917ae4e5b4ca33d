package org.charybdis.server.auth;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import org.charybdis.server.config.ConfigException;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.cql.ServerContext;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CassandraAuthorizer through the Java driver, beyond the recorded permission matrix: a revoke holds at once on every
 * connection although the caches would keep permissions for a minute, the creator of a keyspace may use it and a
 * keyspace created again starts clean, password hashes are hidden from roles that are not superusers, and
 * AllowAllAuthorizer refuses GRANT as Cassandra does.
 */
class AuthorizationTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension().passwordAuthentication()
            .with(ServerConfig.AUTHORIZER, "CassandraAuthorizer")
            .with(ServerConfig.PERMISSIONS_VALIDITY_IN_MS, 60_000)
            .with(ServerConfig.ROLES_VALIDITY_IN_MS, 60_000);

    @RegisterExtension
    static final CharybdisServerExtension allowAll = new CharybdisServerExtension().passwordAuthentication();

    private static CqlSession admin;

    @BeforeAll
    static void roles() {
        admin = server.session("cassandra", "cassandra");
        admin.execute("CREATE KEYSPACE az WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        admin.execute("CREATE TABLE az.t (pk int PRIMARY KEY, v int)");
        admin.execute("INSERT INTO az.t (pk, v) VALUES (1, 10)");
        admin.execute("CREATE ROLE reader WITH PASSWORD = 'r' AND LOGIN = true");
        admin.execute("CREATE ROLE owner WITH PASSWORD = 'o' AND LOGIN = true");
    }

    @Test
    void aRevokeHoldsAtOnceOnEveryConnection() {
        admin.execute("GRANT SELECT ON KEYSPACE az TO reader");
        List<CqlSession> sessions = new ArrayList<>();
        for (int i = 0; i < 4; i++) sessions.add(server.session("reader", "r")); // connections on both shards
        for (CqlSession s : sessions) assertThat(s.execute("SELECT v FROM az.t WHERE pk = 1").one().getInt("v")).isEqualTo(10);

        admin.execute("REVOKE SELECT ON KEYSPACE az FROM reader");
        for (CqlSession s : sessions) {
            assertThatThrownBy(() -> s.execute("SELECT v FROM az.t WHERE pk = 1")).isInstanceOf(UnauthorizedException.class)
                    .hasMessage("User reader has no SELECT permission on <table az.t> or any of its parents");
        }
        admin.execute("GRANT SELECT ON TABLE az.t TO reader");
        for (CqlSession s : sessions) assertThat(s.execute("SELECT v FROM az.t WHERE pk = 1").one().getInt("v")).isEqualTo(10);
        admin.execute("REVOKE SELECT ON TABLE az.t FROM reader");
    }

    @Test
    void theCreatorOfAKeyspaceMayUseItAndOneCreatedAgainStartsClean() {
        admin.execute("GRANT CREATE ON ALL KEYSPACES TO owner");
        CqlSession owner = server.session("owner", "o");
        owner.execute("CREATE KEYSPACE own WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        owner.execute("CREATE TABLE own.t (pk int PRIMARY KEY, v int)");
        owner.execute("INSERT INTO own.t (pk, v) VALUES (1, 1)");
        assertThat(owner.execute("SELECT v FROM own.t").one().getInt("v")).isEqualTo(1);
        assertThat(owner.execute("LIST ALL PERMISSIONS OF owner").all()).extracting(r -> r.getString("resource") + " " + r.getString("permission"))
                .contains("<keyspace own> CREATE", "<keyspace own> MODIFY", "<keyspace own> AUTHORIZE", "<table own.t> SELECT",
                        "<all functions in own> EXECUTE");

        admin.execute("DROP KEYSPACE own");
        admin.execute("CREATE KEYSPACE own WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        admin.execute("CREATE TABLE own.t (pk int PRIMARY KEY, v int)");
        assertThatThrownBy(() -> owner.execute("SELECT v FROM own.t")).isInstanceOf(UnauthorizedException.class)
                .hasMessage("User owner has no SELECT permission on <table own.t> or any of its parents");
        assertThat(owner.execute("LIST ALL PERMISSIONS OF owner").all()).extracting(r -> r.getString("resource"))
                .containsOnly("<all keyspaces>");
    }

    @Test
    void passwordHashesAreHiddenFromRolesThatAreNotSuperusers() {
        admin.execute("GRANT SELECT ON TABLE system_auth.roles TO reader");
        CqlSession reader = server.session("reader", "r");
        assertThat(reader.execute("SELECT salted_hash FROM system_auth.roles WHERE role = 'owner'").one().getString(0)).isNull();
        assertThat(reader.execute("SELECT * FROM system_auth.roles WHERE role = 'owner'").one().getString("salted_hash")).isNull();
        assertThat(reader.execute("SELECT JSON role, salted_hash FROM system_auth.roles WHERE role = 'owner'").one().getString(0))
                .isEqualTo("{\"role\": \"owner\", \"salted_hash\": null}");
        assertThat(reader.execute("SELECT role, is_superuser FROM system_auth.roles WHERE role = 'owner'").one().getBoolean("is_superuser")).isFalse();
        assertThat(admin.execute("SELECT salted_hash FROM system_auth.roles WHERE role = 'owner'").one().getString(0)).startsWith("$2a$");
        admin.execute("REVOKE SELECT ON TABLE system_auth.roles FROM reader");
    }

    @Test
    void systemTablesAreWrittenOnlyByTheNodeAndRoleTablesOnlyBySuperusers() {
        assertThatThrownBy(() -> admin.execute("INSERT INTO system.local (key) VALUES ('x')")).isInstanceOf(UnauthorizedException.class)
                .hasMessage("system keyspace is not user-modifiable.");
        assertThatThrownBy(() -> admin.execute("TRUNCATE system_schema.keyspaces")).isInstanceOf(UnauthorizedException.class)
                .hasMessage("system_schema keyspace is not user-modifiable.");
        admin.execute("GRANT MODIFY ON TABLE system_auth.roles TO reader");
        CqlSession reader = server.session("reader", "r");
        assertThatThrownBy(() -> reader.execute("UPDATE system_auth.roles SET is_superuser = true WHERE role = 'reader'"))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessage("User reader has no MODIFY permission on <table system_auth.roles> or any of its parents");
        admin.execute("REVOKE MODIFY ON TABLE system_auth.roles FROM reader");
        admin.execute("INSERT INTO system_auth.roles (role, can_login) VALUES ('repaired', false)"); // a superuser's way back
        assertThat(admin.execute("SELECT can_login FROM system_auth.roles WHERE role = 'repaired'").one().getBoolean(0)).isFalse();
        admin.execute("DELETE FROM system_auth.roles WHERE role = 'repaired'");
    }

    @Test
    void serviceLevelStatementsNeedPermissionsOnAllServiceLevelsAsInScyllaDb() {
        CqlSession reader = server.session("reader", "r");
        assertThatThrownBy(() -> reader.execute("CREATE SERVICE LEVEL sl_reader")).isInstanceOf(UnauthorizedException.class)
                .hasMessage("User reader has no CREATE permission on <all service levels> or any of its parents");
        assertThatThrownBy(() -> reader.execute("LIST ALL SERVICE LEVELS")).isInstanceOf(UnauthorizedException.class)
                .hasMessage("User reader has no DESCRIBE permission on <all service levels> or any of its parents");
        admin.execute("CREATE SERVICE LEVEL sl_admin");
        assertThat(admin.execute("LIST ALL SERVICE LEVELS").all()).extracting(r -> r.getString(0)).contains("sl_admin");
        admin.execute("DROP SERVICE LEVEL sl_admin");
    }

    @Test
    void cassandraAuthorizerNeedsPasswordAuthentication() {
        ServerConfig config = ServerConfig.defaults().with(ServerConfig.AUTHORIZER, "CassandraAuthorizer");
        assertThatThrownBy(() -> ServerContext.authorizer(config, new AllowAllAuthenticator(), null, null))
                .isInstanceOf(ConfigException.class)
                .hasMessage("authorizer: CassandraAuthorizer needs authenticator: PasswordAuthenticator (with "
                        + "org.apache.cassandra.auth.AllowAllAuthenticator nobody logs in, so there is no role to check)");
    }

    @Test
    void allowAllAuthorizerRefusesGrantsAsCassandraDoes() {
        CqlSession session = allowAll.session("cassandra", "cassandra");
        session.execute("CREATE ROLE somebody");
        assertThatThrownBy(() -> session.execute("GRANT SELECT ON ALL KEYSPACES TO somebody")).isInstanceOf(InvalidQueryException.class)
                .hasMessage("GRANT operation is not supported by AllowAllAuthorizer");
        assertThatThrownBy(() -> session.execute("LIST ALL PERMISSIONS")).isInstanceOf(InvalidQueryException.class)
                .hasMessage("LIST PERMISSIONS operation is not supported by AllowAllAuthorizer");
    }
}
