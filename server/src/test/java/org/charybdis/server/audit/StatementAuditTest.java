package org.charybdis.server.audit;

import org.charybdis.cql.syntax.CqlParser;
import org.charybdis.server.audit.StatementAudit.Target;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The classification of statements into ScyllaDB's audit categories, from the parse tree. */
class StatementAuditTest {
    @Test
    void readsAreQueries() {
        assertThat(target("SELECT * FROM ks.t")).isEqualTo(new Target(AuditCategory.QUERY, "ks", "t"));
        assertThat(target("SELECT * FROM t")).isEqualTo(new Target(AuditCategory.QUERY, "current", "t"));
        assertThat(target("DESCRIBE KEYSPACES")).isEqualTo(new Target(AuditCategory.QUERY, "system", null));
    }

    @Test
    void writesUseAndTruncateAreDml() {
        assertThat(target("INSERT INTO ks.t (k) VALUES (1)")).isEqualTo(new Target(AuditCategory.DML, "ks", "t"));
        assertThat(target("UPDATE t SET v = 1 WHERE k = 1")).isEqualTo(new Target(AuditCategory.DML, "current", "t"));
        assertThat(target("DELETE FROM ks.t WHERE k = 1")).isEqualTo(new Target(AuditCategory.DML, "ks", "t"));
        assertThat(target("TRUNCATE ks.t")).isEqualTo(new Target(AuditCategory.DML, "ks", "t"));
        assertThat(target("USE other")).isEqualTo(new Target(AuditCategory.DML, "other", null));
    }

    @Test
    void aBatchHasATargetPerTable() {
        assertThat(StatementAudit.targets(CqlParser.parse("BEGIN BATCH INSERT INTO a.t (k) VALUES (1); INSERT INTO a.t (k) VALUES (2); "
                + "DELETE FROM b.u WHERE k = 1; APPLY BATCH"), "current"))
                .containsExactly(new Target(AuditCategory.DML, "a", "t"), new Target(AuditCategory.DML, "b", "u"));
    }

    @Test
    void schemaChangesAreDdl() {
        assertThat(target("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}"))
                .isEqualTo(new Target(AuditCategory.DDL, "ks", null));
        assertThat(target("DROP KEYSPACE ks")).isEqualTo(new Target(AuditCategory.DDL, "ks", null));
        assertThat(target("CREATE TABLE ks.t (k int PRIMARY KEY)")).isEqualTo(new Target(AuditCategory.DDL, "ks", "t"));
        assertThat(target("ALTER TABLE t ADD v int")).isEqualTo(new Target(AuditCategory.DDL, "current", "t"));
        assertThat(target("DROP TABLE ks.t")).isEqualTo(new Target(AuditCategory.DDL, "ks", "t"));
        assertThat(target("CREATE INDEX ON ks.t (v)")).isEqualTo(new Target(AuditCategory.DDL, "ks", "t"));
        assertThat(target("CREATE TYPE ks.address (street text)")).isEqualTo(new Target(AuditCategory.DDL, "ks", null));
    }

    @Test
    void rolesAndPermissionsAreDcl() {
        assertThat(target("CREATE ROLE r")).isEqualTo(new Target(AuditCategory.DCL, null, null));
        assertThat(target("LIST ROLES")).isEqualTo(new Target(AuditCategory.DCL, null, null));
        assertThat(target("GRANT r TO s")).isEqualTo(new Target(AuditCategory.DCL, null, null));
        assertThat(target("GRANT SELECT ON ks.t TO r")).isEqualTo(new Target(AuditCategory.DCL, "ks", "t"));
        assertThat(target("REVOKE MODIFY ON KEYSPACE ks FROM r")).isEqualTo(new Target(AuditCategory.DCL, "ks", null));
        assertThat(target("GRANT ALL ON ALL KEYSPACES TO r")).isEqualTo(new Target(AuditCategory.DCL, null, null));
    }

    @Test
    void serviceLevelsAreAdmin() {
        assertThat(target("CREATE SERVICE LEVEL sl WITH shares = 100")).isEqualTo(new Target(AuditCategory.ADMIN, null, null));
        assertThat(target("ATTACH SERVICE LEVEL sl TO r")).isEqualTo(new Target(AuditCategory.ADMIN, null, null));
        assertThat(target("LIST ALL SERVICE LEVELS")).isEqualTo(new Target(AuditCategory.ADMIN, null, null));
    }

    @Test
    void passwordsOfRoleStatementsAreMasked() {
        assertThat(operation("CREATE ROLE r WITH PASSWORD = 'secret' AND LOGIN = true")).isEqualTo("CREATE ROLE r WITH PASSWORD *******");
        assertThat(operation("ALTER USER u WITH password 'secret'")).isEqualTo("ALTER USER u WITH password *******");
        assertThat(operation("CREATE ROLE r WITH LOGIN = true")).isEqualTo("CREATE ROLE r WITH LOGIN = true");
        assertThat(operation("SELECT password FROM ks.t")).isEqualTo("SELECT password FROM ks.t"); // not a role statement
    }

    private static String operation(String cql) {
        return StatementAudit.operation(CqlParser.parse(cql), cql);
    }

    private static Target target(String cql) {
        return StatementAudit.target(CqlParser.parse(cql), "current");
    }
}
