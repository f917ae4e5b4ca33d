package org.charybdis.server.cql.statements.auth;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.exceptions.SyntaxException;
import org.charybdis.cql.exceptions.UnauthorizedException;
import org.charybdis.cql.messages.ConsistencyLevel;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.messages.QueryRequest;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.messages.RowsResult;
import org.charybdis.cql.messages.VoidResult;
import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.server.auth.AuthTestNode;
import org.charybdis.server.cql.ClientState;
import org.charybdis.server.cql.ClientState.AuthenticatedUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthStatementsTest {
    private static AuthTestNode node;
    private static final ClientState SUPERUSER = login("cassandra", true);

    @BeforeAll
    static void start() {
        node = new AuthTestNode();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void createListAndDropRoles() {
        run(SUPERUSER, "CREATE ROLE s_one WITH PASSWORD = 'pw' AND LOGIN = true");
        run(SUPERUSER, "CREATE ROLE s_two WITH SUPERUSER = true");
        assertThat(rows(SUPERUSER, "LIST ROLES OF s_one")).containsExactly(List.of("s_one", "false", "true", "{}", "ALL"));
        assertThat(rows(SUPERUSER, "LIST ROLES")).extracting(row -> row.get(0)).contains("cassandra", "s_one", "s_two");
        assertThat(node.authenticator.authenticate("s_one", "pw").toCompletableFuture().join().name()).isEqualTo("s_one");

        assertThatThrownBy(() -> run(SUPERUSER, "CREATE ROLE s_one")).isInstanceOf(InvalidRequestException.class).hasMessage("s_one already exists");
        assertThat(run(SUPERUSER, "CREATE ROLE IF NOT EXISTS s_one")).isInstanceOf(VoidResult.class);

        run(SUPERUSER, "DROP ROLE s_two");
        assertThatThrownBy(() -> run(SUPERUSER, "DROP ROLE s_two")).isInstanceOf(InvalidRequestException.class).hasMessage("s_two doesn't exist");
        assertThat(run(SUPERUSER, "DROP ROLE IF EXISTS s_two")).isInstanceOf(VoidResult.class);
        assertThatThrownBy(() -> run(SUPERUSER, "LIST ROLES OF s_two")).hasMessage("<role s_two> doesn't exist");
    }

    @Test
    void rulesOnOptionsAndSelf() {
        assertThatThrownBy(() -> run(SUPERUSER, "CREATE ROLE o_x WITH OPTIONS = {'a':'b'}"))
                .hasMessage("org.apache.cassandra.auth.CassandraRoleManager doesn't support OPTIONS");
        assertThatThrownBy(() -> run(SUPERUSER, "CREATE ROLE o_x WITH HASHED PASSWORD = 'bad'"))
                .hasMessage("Invalid hashed password value. Please use jBcrypt.");
        assertThatThrownBy(() -> run(SUPERUSER, "ALTER ROLE cassandra")).hasMessage("ALTER [ROLE|USER] can't be empty");
        assertThatThrownBy(() -> run(SUPERUSER, "ALTER ROLE o_missing WITH LOGIN = true")).hasMessage("Role o_missing doesn't exist");
        assertThatThrownBy(() -> run(SUPERUSER, "DROP ROLE cassandra")).hasMessage("Cannot DROP primary role for current login");
        assertThatThrownBy(() -> run(SUPERUSER, "ALTER ROLE cassandra WITH SUPERUSER = false"))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessage("You aren't allowed to alter your own superuser status or that of a role granted to you");
    }

    @Test
    void nonSuperusersNeedPermissions() {
        run(SUPERUSER, "CREATE ROLE n_user WITH PASSWORD = 'pw' AND LOGIN = true");
        ClientState user = login("n_user", false);
        assertThatThrownBy(() -> run(user, "CREATE ROLE n_x")).isInstanceOf(UnauthorizedException.class)
                .hasMessage("User n_user does not have sufficient privileges to perform the requested operation");
        assertThatThrownBy(() -> run(user, "GRANT SELECT ON KEYSPACE ks TO n_user")).isInstanceOf(UnauthorizedException.class)
                .hasMessage("User n_user has no AUTHORIZE permission on <keyspace ks> or any of its parents");
        assertThat(rows(user, "LIST ROLES")).extracting(row -> row.get(0)).containsExactly("n_user");
        assertThatThrownBy(() -> run(user, "LIST ALL PERMISSIONS")).hasMessage("You are not authorized to view everyone's permissions");
        run(user, "ALTER ROLE n_user WITH PASSWORD = 'pw2'");
        assertThatThrownBy(() -> run(user, "ALTER ROLE n_user WITH LOGIN = false")).hasMessage("You aren't allowed to alter LOGIN");

        run(SUPERUSER, "GRANT CREATE ON ALL ROLES TO n_user");
        run(user, "CREATE ROLE n_created");
        assertThatThrownBy(() -> run(user, "CREATE ROLE n_super WITH SUPERUSER = true"))
                .hasMessage("Only superusers can create a role with superuser status");
        // the creator may manage what it created
        assertThat(rows(user, "LIST ALL PERMISSIONS OF n_user")).containsExactly(
                List.of("n_user", "n_user", "<all roles>", "CREATE"),
                List.of("n_user", "n_user", "<role n_created>", "ALTER"),
                List.of("n_user", "n_user", "<role n_created>", "DROP"),
                List.of("n_user", "n_user", "<role n_created>", "AUTHORIZE"),
                List.of("n_user", "n_user", "<role n_created>", "DESCRIBE"));
        run(user, "DROP ROLE n_created");
        assertThat(run(user, "LIST ALL PERMISSIONS OF n_user")).isInstanceOf(RowsResult.class);
        assertThat(rows(user, "LIST ALL PERMISSIONS OF n_user")).hasSize(1);
    }

    @Test
    void grantAndRevokeRoles() {
        run(SUPERUSER, "CREATE ROLE g_a");
        run(SUPERUSER, "CREATE ROLE g_b");
        run(SUPERUSER, "GRANT g_a TO g_b");
        assertThat(rows(SUPERUSER, "LIST ROLES OF g_b")).extracting(row -> row.get(0)).containsExactly("g_a", "g_b");
        assertThatThrownBy(() -> run(SUPERUSER, "GRANT g_a TO g_b")).hasMessage("g_b is a member of g_a");
        assertThatThrownBy(() -> run(SUPERUSER, "GRANT g_b TO g_a")).hasMessage("g_b is a member of g_a");
        assertThatThrownBy(() -> run(SUPERUSER, "GRANT g_missing TO g_a")).hasMessage("g_missing doesn't exist");
        run(SUPERUSER, "REVOKE g_a FROM g_b");
        assertThatThrownBy(() -> run(SUPERUSER, "REVOKE g_a FROM g_b")).hasMessage("g_b is not a member of g_a");
    }

    @Test
    void grantListAndRevokePermissions() {
        run(SUPERUSER, "CREATE ROLE p_reader");
        run(SUPERUSER, "GRANT SELECT ON KEYSPACE ks TO p_reader");
        run(SUPERUSER, "GRANT MODIFY ON ALL KEYSPACES TO p_reader");
        assertThat(rows(SUPERUSER, "LIST ALL PERMISSIONS OF p_reader")).containsExactly(
                List.of("p_reader", "p_reader", "<all keyspaces>", "MODIFY"),
                List.of("p_reader", "p_reader", "<keyspace ks>", "SELECT"));
        assertThat(rows(SUPERUSER, "LIST ALL ON TABLE ks.tab OF p_reader")).hasSize(2);
        assertThat(run(SUPERUSER, "LIST ALL ON TABLE ks.tab OF p_reader NORECURSIVE")).isInstanceOf(VoidResult.class);
        assertThatThrownBy(() -> run(SUPERUSER, "GRANT EXECUTE ON KEYSPACE ks TO p_reader")).isInstanceOf(SyntaxException.class)
                .hasMessage("Resource type DataResource does not support any of the requested permissions");
        assertThatThrownBy(() -> run(SUPERUSER, "GRANT SELECT ON KEYSPACE nope TO p_reader")).hasMessage("Resource <keyspace nope> doesn't exist");
        assertThatThrownBy(() -> run(SUPERUSER, "GRANT SELECT ON KEYSPACE ks TO p_nobody")).hasMessage("Role p_nobody doesn't exist");
        run(SUPERUSER, "REVOKE ALL ON KEYSPACE ks FROM p_reader");
        assertThat(rows(SUPERUSER, "LIST ALL PERMISSIONS OF p_reader")).containsExactly(List.of("p_reader", "p_reader", "<all keyspaces>", "MODIFY"));
    }

    @Test
    void legacyUserStatements() {
        run(SUPERUSER, "CREATE USER u_one WITH PASSWORD 'pw' SUPERUSER");
        run(SUPERUSER, "CREATE ROLE u_nologin");
        List<List<String>> users = rows(SUPERUSER, "LIST USERS");
        assertThat(users).contains(List.of("u_one", "true", "ALL")).noneMatch(row -> row.get(0).equals("u_nologin"));
        run(SUPERUSER, "ALTER USER u_one WITH PASSWORD 'pw2'");
        assertThat(node.authenticator.authenticate("u_one", "pw2").toCompletableFuture().join().superuser()).isTrue();
        run(SUPERUSER, "DROP USER u_one");
        assertThatThrownBy(() -> run(SUPERUSER, "DROP USER u_one")).hasMessage("u_one doesn't exist");
    }

    @Test
    void anonymousClientsMayNotManageRoles() {
        ClientState anonymous = ClientState.internal(ProtocolVersion.V5);
        assertThatThrownBy(() -> run(anonymous, "LIST ROLES")).isInstanceOf(UnauthorizedException.class)
                .hasMessage("You have to be logged in and not anonymous to perform this request");
    }

    private static ClientState login(String name, boolean superuser) {
        return new ClientState(ProtocolVersion.V5, 0, new AuthenticatedUser(name, superuser));
    }

    private static Result run(ClientState client, String cql) {
        try {
            return node.processor.query(new QueryRequest(cql, QueryOptions.of(ConsistencyLevel.ONE)), client).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    /** The rows of a result, each value rendered as CQL text. */
    private static List<List<String>> rows(ClientState client, String cql) {
        Result result = run(client, cql);
        assertThat(result).isInstanceOf(RowsResult.class);
        RowsResult rows = (RowsResult) result;
        List<List<String>> out = new ArrayList<>();
        for (ByteBuffer[] row : rows.rows()) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < row.length; i++) {
                var type = rows.metadata().columns().get(i).type();
                Object value = type.deserialize(row[i].duplicate());
                values.add(value instanceof java.util.Map<?, ?> m ? m.toString() : String.valueOf(value));
            }
            out.add(values);
        }
        return out;
    }
}
