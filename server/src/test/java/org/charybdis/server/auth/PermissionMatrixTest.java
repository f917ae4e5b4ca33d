package org.charybdis.server.auth;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.cql.Row;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The permission matrix: each statement kind, run by a role that was granted the permission it needs on each level of
 * resource in each way (not at all, directly, through a role granted to it, granted then revoked), must succeed or fail
 * with exactly the error Apache Cassandra 5.0.6 gives. Cassandra's answers are recorded in
 * {@code src/test/resources/auth/permission-matrix.tsv}; to record them again, start the peer
 * ({@code ../shared/peer-cassandra/start.sh 9043}) and run this test with
 * {@code -Dcharybdis.test.external=127.0.0.1:9043 -Dcharybdis.test.external.credentials=cassandra:cassandra
 * -Dpermission.matrix.record=server/src/test/resources/auth/permission-matrix.tsv}.
 */
class PermissionMatrixTest {
    private static final String RECORD = System.getProperty("permission.matrix.record");
    private static final boolean EXTERNAL = System.getProperty("charybdis.test.external") != null;
    /** Cassandra caches permissions (the peer for 100 ms); Charybdis clears its caches at once. */
    private static final long SETTLE_MILLIS = EXTERNAL ? 250 : 0;
    private static final String MATRIX = "/auth/permission-matrix.tsv";

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension().passwordAuthentication()
            .with(ServerConfig.AUTHORIZER, "CassandraAuthorizer");

    private static final String KS = "mx";
    private static final List<String> DATA_LEVELS = List.of("ALL KEYSPACES", "KEYSPACE mx", "TABLE mx.t");
    private static final List<String> ROLE_LEVELS = List.of("ALL ROLES", "ROLE mx_target");
    private static final List<String> STATES = List.of("none", "direct", "inherited", "revoked");

    /** A statement kind: what it runs, the permission it needs, the levels that permission is granted on. */
    private record Kind(String statement, String permission, List<String> levels, boolean changesSchema) {}

    private static final List<Kind> KINDS = List.of(
            new Kind("SELECT * FROM mx.t", "SELECT", DATA_LEVELS, false),
            new Kind("INSERT INTO mx.t (pk, v) VALUES (1, 1)", "MODIFY", DATA_LEVELS, false),
            new Kind("UPDATE mx.t SET v = 2 WHERE pk = 1 IF v = 1", "MODIFY", DATA_LEVELS, false),
            new Kind("DELETE FROM mx.t WHERE pk = 1", "MODIFY", DATA_LEVELS, false),
            new Kind("BEGIN BATCH INSERT INTO mx.t (pk, v) VALUES (2, 2); APPLY BATCH", "MODIFY", DATA_LEVELS, false),
            new Kind("TRUNCATE mx.t", "MODIFY", DATA_LEVELS, false),
            new Kind("SELECT * FROM system.local", "SELECT", DATA_LEVELS, false),
            new Kind("SELECT keyspace_name FROM system_schema.keyspaces", "SELECT", DATA_LEVELS, false),
            new Kind("SELECT role FROM system_auth.roles", "SELECT", DATA_LEVELS, false),
            new Kind("CREATE KEYSPACE mx2 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}", "CREATE", DATA_LEVELS, true),
            new Kind("ALTER KEYSPACE mx WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}", "ALTER", DATA_LEVELS, true),
            new Kind("DROP KEYSPACE mx", "DROP", DATA_LEVELS, true),
            new Kind("CREATE TABLE mx.t2 (pk int PRIMARY KEY)", "CREATE", DATA_LEVELS, true),
            new Kind("ALTER TABLE mx.t WITH comment = 'changed'", "ALTER", DATA_LEVELS, true),
            new Kind("DROP TABLE mx.t", "DROP", DATA_LEVELS, true),
            new Kind("CREATE INDEX mx_t_w ON mx.t (w)", "ALTER", DATA_LEVELS, true),
            new Kind("DROP INDEX mx.mx_t_v", "ALTER", DATA_LEVELS, true),
            new Kind("CREATE TYPE mx.ty2 (a int)", "CREATE", DATA_LEVELS, true),
            new Kind("ALTER TYPE mx.ty ADD b int", "ALTER", DATA_LEVELS, true),
            new Kind("DROP TYPE mx.ty", "DROP", DATA_LEVELS, true),
            new Kind("DROP TABLE system.local", "DROP", DATA_LEVELS, false),
            new Kind("ALTER TABLE system_auth.roles WITH comment = 'changed'", "ALTER", DATA_LEVELS, false),
            new Kind("GRANT SELECT ON mx.t TO mx_target", "AUTHORIZE", DATA_LEVELS, true),
            new Kind("CREATE ROLE mx_new", "CREATE", ROLE_LEVELS, true),
            new Kind("ALTER ROLE mx_target WITH PASSWORD = 'changed'", "ALTER", ROLE_LEVELS, true),
            new Kind("DROP ROLE mx_target", "DROP", ROLE_LEVELS, true),
            new Kind("GRANT mx_target TO mx_parent", "AUTHORIZE", ROLE_LEVELS, true),
            new Kind("LIST ROLES OF mx_target", "DESCRIBE", ROLE_LEVELS, false),
            new Kind("LIST ALL PERMISSIONS OF mx_target", "DESCRIBE", ROLE_LEVELS, false));

    @Test
    void everyStatementKindAnswersAsCassandraDoes() throws Exception {
        try (CqlSession admin = session("cassandra", "cassandra")) {
            run(admin);
        }
    }

    private static void run(CqlSession admin) throws Exception {
        admin.execute("DROP ROLE IF EXISTS mx_user");
        admin.execute("DROP ROLE IF EXISTS mx_parent");
        admin.execute("CREATE ROLE mx_user WITH PASSWORD = 'mx' AND LOGIN = true");
        admin.execute("CREATE ROLE mx_parent");
        admin.execute("GRANT mx_parent TO mx_user");
        resetSchema(admin);
        Thread.sleep(SETTLE_MILLIS * 10); // the peer caches roles for two seconds
        Map<String, String> outcomes = new LinkedHashMap<>();
        try (CqlSession user = session("mx_user", "mx")) {
            runCases(admin, user, outcomes);
        }
        check(outcomes);
    }

    private static void runCases(CqlSession admin, CqlSession user, Map<String, String> outcomes) throws InterruptedException {
        boolean schemaChanged = false;
        for (Kind kind : KINDS) {
            for (String level : kind.levels()) {
                for (String state : STATES) {
                    if (schemaChanged) resetSchema(admin);
                    revokeEverything(admin);
                    String setup = grant(admin, kind.permission(), level, state);
                    Thread.sleep(SETTLE_MILLIS);
                    String outcome = setup != null ? "grant refused: " + setup : run(user, kind.statement());
                    schemaChanged = kind.changesSchema() && outcome.equals("OK");
                    outcomes.put(kind.statement() + "\t" + kind.permission() + " ON " + level + "\t" + state, outcome);
                }
            }
        }
    }

    private static void check(Map<String, String> outcomes) throws IOException {
        if (RECORD != null) {
            List<String> lines = new ArrayList<>();
            outcomes.forEach((key, outcome) -> lines.add(key + "\t" + outcome));
            Files.write(Path.of(RECORD), lines, StandardCharsets.UTF_8);
            return;
        }
        Map<String, String> expected = recorded();
        assertThat(outcomes.keySet()).containsExactlyElementsOf(expected.keySet());
        List<String> differences = new ArrayList<>();
        expected.forEach((key, outcome) -> {
            if (!outcome.equals(outcomes.get(key))) differences.add(key + "\n    Cassandra: " + outcome + "\n    Charybdis: " + outcomes.get(key));
        });
        assertThat(differences).as("cases answered differently from Cassandra 5.0.6").isEmpty();
    }

    private static Map<String, String> recorded() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        try (var in = PermissionMatrixTest.class.getResourceAsStream(MATRIX)) {
            assertThat(in).as(MATRIX).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) continue;
                int last = line.lastIndexOf('\t');
                expected.put(line.substring(0, last), line.substring(last + 1));
            }
        }
        return expected;
    }

    /** The keyspace, table, index, type and role the statements act on, as they were before any case ran. */
    private static void resetSchema(CqlSession admin) {
        admin.execute("DROP KEYSPACE IF EXISTS mx");
        admin.execute("DROP KEYSPACE IF EXISTS mx2");
        admin.execute("DROP ROLE IF EXISTS mx_new");
        admin.execute("DROP ROLE IF EXISTS mx_target");
        admin.execute("CREATE KEYSPACE mx WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        admin.execute("CREATE TABLE mx.t (pk int PRIMARY KEY, v int, w int)");
        admin.execute("CREATE INDEX mx_t_v ON mx.t (v)");
        admin.execute("CREATE TYPE mx.ty (a int)");
        admin.execute("CREATE ROLE mx_target WITH PASSWORD = 'target' AND LOGIN = true");
    }

    /** Every permission the user and its parent hold, whatever granted it (a case's own grants, a creator's grants). */
    private static void revokeEverything(CqlSession admin) {
        for (String role : List.of("mx_user", "mx_parent")) {
            for (Row row : admin.execute("LIST ALL PERMISSIONS OF " + role + " NORECURSIVE")) {
                admin.execute("REVOKE " + row.getString("permission") + " ON " + resource(row.getString("resource")) + " FROM " + role);
            }
        }
    }

    /** The CQL name of a resource as LIST PERMISSIONS shows it ({@code <table mx.t>} is {@code TABLE mx.t}). */
    private static String resource(String listed) {
        String inner = listed.substring(1, listed.length() - 1);
        if (inner.equals("all keyspaces")) return "ALL KEYSPACES";
        if (inner.equals("all roles")) return "ALL ROLES";
        if (inner.equals("all functions")) return "ALL FUNCTIONS";
        if (inner.startsWith("all functions in ")) return "ALL FUNCTIONS IN KEYSPACE " + inner.substring("all functions in ".length());
        int space = inner.indexOf(' ');
        return inner.substring(0, space).toUpperCase() + " " + inner.substring(space + 1);
    }

    /** Grants the permission as the state says; the error when the grant itself is refused (not applicable there). */
    private static String grant(CqlSession admin, String permission, String level, String state) {
        try {
            switch (state) {
                case "direct" -> admin.execute("GRANT " + permission + " ON " + level + " TO mx_user");
                case "inherited" -> admin.execute("GRANT " + permission + " ON " + level + " TO mx_parent");
                case "revoked" -> {
                    admin.execute("GRANT " + permission + " ON " + level + " TO mx_user");
                    admin.execute("REVOKE " + permission + " ON " + level + " FROM mx_user");
                }
                default -> { }
            }
            return null;
        } catch (RuntimeException e) {
            return describe(e);
        }
    }

    /**
     * A session logged in as the role, without schema metadata: the driver would otherwise refresh it after every schema
     * change (a second's debounce each), which the matrix does not need.
     */
    private static CqlSession session(String role, String password) {
        return server.sessionBuilder(options -> options.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false))
                .withAuthCredentials(role, password).build();
    }

    private static String run(CqlSession user, String statement) {
        try {
            user.execute(statement);
            return "OK";
        } catch (RuntimeException e) {
            return describe(e);
        }
    }

    private static String describe(RuntimeException e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage().replace('\n', ' ').replace('\t', ' ');
    }
}
