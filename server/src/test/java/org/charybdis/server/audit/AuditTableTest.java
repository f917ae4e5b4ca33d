package org.charybdis.server.audit;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import org.charybdis.server.audit.AuditRows.AuditRow;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code audit: table} with every category: each kind of statement, logins and admin API calls become rows of
 * {@code audit.audit_log}, read back through the Java driver; {@code audit_keyspaces} and {@code audit_tables} select
 * the DDL, DML and QUERY events.
 */
class AuditTableTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension().passwordAuthentication()
            .with(ServerConfig.AUTHORIZER, "CassandraAuthorizer")
            .with(ServerConfig.AUDIT, "table")
            .with(ServerConfig.AUDIT_CATEGORIES, "AUTH,DML,DDL,DCL,QUERY,ADMIN")
            .with(ServerConfig.AUDIT_KEYSPACES, "audited")
            .with(ServerConfig.AUDIT_TABLES, "partly.watched");
    private static CqlSession admin;

    @BeforeAll
    static void schema() {
        admin = server.session("cassandra", "cassandra");
        admin.execute("CREATE KEYSPACE audited WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        admin.execute("CREATE TABLE audited.kv (k int PRIMARY KEY, v text)");
        admin.execute("CREATE KEYSPACE partly WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        admin.execute("CREATE TABLE partly.watched (k int PRIMARY KEY, v text)");
        admin.execute("CREATE TABLE partly.ignored (k int PRIMARY KEY, v text)");
    }

    @Test
    void theTableHasScyllasSchema() {
        var columns = admin.execute("SELECT column_name, type, kind FROM system_schema.columns WHERE keyspace_name = 'audit' AND table_name = 'audit_log'")
                .all().stream().map(r -> r.getString("column_name") + " " + r.getString("type") + " " + r.getString("kind")).toList();
        assertThat(columns).containsExactlyInAnyOrder("date timestamp partition_key", "node inet partition_key",
                "event_time timeuuid clustering", "category text regular", "consistency text regular", "table_name text regular",
                "keyspace_name text regular", "operation text regular", "source inet regular", "username text regular",
                "error boolean regular");
    }

    @Test
    void ddlIsRecordedWithKeyspaceTableAndUser() throws Exception {
        admin.execute("CREATE TABLE audited.ddl_probe (k int PRIMARY KEY)");

        AuditRow row = AuditRows.await(admin, r -> r.operation().equals("CREATE TABLE audited.ddl_probe (k int PRIMARY KEY)"));
        assertThat(row.category()).isEqualTo("DDL");
        assertThat(row.keyspace()).isEqualTo("audited");
        assertThat(row.table()).isEqualTo("ddl_probe");
        assertThat(row.username()).isEqualTo("cassandra");
        assertThat(row.error()).isFalse();
        assertThat(row.source().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(row.node().getHostAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void dmlAndQueryAreRecordedWithTheirConsistency() throws Exception {
        admin.execute(SimpleStatement.newInstance("INSERT INTO audited.kv (k, v) VALUES (1, 'dml-probe')")
                .setConsistencyLevel(DefaultConsistencyLevel.QUORUM));
        admin.execute("SELECT * FROM audited.kv WHERE k = 1 /* query-probe */");

        AuditRow insert = AuditRows.await(admin, r -> r.operation().contains("dml-probe"));
        assertThat(insert.category()).isEqualTo("DML");
        assertThat(insert.consistency()).isEqualTo("QUORUM");
        assertThat(insert.keyspace()).isEqualTo("audited");
        assertThat(insert.table()).isEqualTo("kv");
        AuditRow select = AuditRows.await(admin, r -> r.operation().contains("query-probe"));
        assertThat(select.category()).isEqualTo("QUERY");
        assertThat(select.table()).isEqualTo("kv");
        assertThat(select.error()).isFalse();
    }

    @Test
    void preparedStatementsAndBatchesAreRecordedWithTheirText() throws Exception {
        PreparedStatement insert = admin.prepare("INSERT INTO audited.kv (k, v) VALUES (?, 'prepared-probe')");
        admin.execute(insert.bind(2));
        admin.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED,
                SimpleStatement.newInstance("INSERT INTO audited.kv (k, v) VALUES (3, 'batch-probe')"),
                insert.bind(4)));

        AuditRows.await(admin, r -> r.operation().contains("prepared-probe") && r.category().equals("DML") && r.table().equals("kv"));
        AuditRow child = AuditRows.await(admin, r -> r.operation().contains("batch-probe"));
        assertThat(child.category()).isEqualTo("DML");
        assertThat(AuditRows.settled(admin, "prepared-probe")).hasSize(2); // the EXECUTE and the batch's prepared child
    }

    @Test
    void useAndTruncateAreDml() throws Exception {
        admin.execute("TRUNCATE audited.kv");
        AuditRow truncate = AuditRows.await(admin, r -> r.operation().equals("TRUNCATE audited.kv"));
        assertThat(truncate.category()).isEqualTo("DML");
        assertThat(truncate.table()).isEqualTo("kv");

        CqlSession session = server.session("cassandra", "cassandra");
        session.execute("USE audited");
        session.execute("INSERT INTO kv (k, v) VALUES (5, 'unqualified-probe')");
        AuditRow use = AuditRows.await(admin, r -> r.operation().equals("USE audited"));
        assertThat(use.category()).isEqualTo("DML");
        assertThat(use.keyspace()).isEqualTo("audited");
        AuditRow unqualified = AuditRows.await(admin, r -> r.operation().contains("unqualified-probe"));
        assertThat(unqualified.keyspace()).isEqualTo("audited"); // the keyspace in use
        assertThat(unqualified.table()).isEqualTo("kv");
    }

    @Test
    void dclAndServiceLevelsAreRecordedWithoutAKeyspaceFilter() throws Exception {
        admin.execute("CREATE ROLE dcl_probe WITH PASSWORD = 'p' AND LOGIN = true");
        admin.execute("GRANT SELECT ON KEYSPACE audited TO dcl_probe");
        admin.execute("CREATE SERVICE LEVEL admin_probe WITH shares = 100");

        AuditRow role = AuditRows.await(admin, r -> r.operation().startsWith("CREATE ROLE dcl_probe"));
        assertThat(role.category()).isEqualTo("DCL");
        assertThat(role.operation()).isEqualTo("CREATE ROLE dcl_probe WITH PASSWORD *******"); // never the password
        AuditRow grant = AuditRows.await(admin, r -> r.operation().startsWith("GRANT SELECT ON KEYSPACE audited"));
        assertThat(grant.category()).isEqualTo("DCL");
        assertThat(grant.keyspace()).isEqualTo("audited");
        assertThat(AuditRows.await(admin, r -> r.operation().startsWith("CREATE SERVICE LEVEL admin_probe")).category()).isEqualTo("ADMIN");
    }

    @Test
    void loginsAreRecordedAndFailedOnesAsErrors() throws Exception {
        admin.execute("CREATE ROLE login_probe WITH PASSWORD = 'right' AND LOGIN = true");
        server.session("login_probe", "right");
        assertThatThrownBy(() -> server.session("login_probe", "wrong")).isInstanceOf(AllNodesFailedException.class);

        AuditRow ok = AuditRows.await(admin, r -> r.category().equals("AUTH") && "login_probe".equals(r.username()) && !r.error());
        assertThat(ok.operation()).isEqualTo("LOGIN");
        assertThat(ok.source().getHostAddress()).isEqualTo("127.0.0.1");
        AuditRow failed = AuditRows.await(admin, r -> r.category().equals("AUTH") && "login_probe".equals(r.username()) && r.error());
        assertThat(failed.operation()).isEqualTo("LOGIN");
    }

    @Test
    void aFailedStatementIsRecordedAsAnError() throws Exception {
        assertThatThrownBy(() -> admin.execute("SELECT * FROM audited.no_such_table")).isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> admin.execute("INSERT INTO audited.kv (k, v) VALUES ('not an int', 'error-probe')"))
                .isInstanceOf(InvalidQueryException.class);

        AuditRow missing = AuditRows.await(admin, r -> r.operation().equals("SELECT * FROM audited.no_such_table"));
        assertThat(missing.category()).isEqualTo("QUERY");
        assertThat(missing.error()).isTrue();
        assertThat(AuditRows.await(admin, r -> r.operation().contains("error-probe")).error()).isTrue();
    }

    @Test
    void anUnauthorizedStatementIsRecordedAsAnError() throws Exception {
        admin.execute("CREATE ROLE unauthorized_probe WITH PASSWORD = 'p' AND LOGIN = true");
        CqlSession user = server.session("unauthorized_probe", "p");
        assertThatThrownBy(() -> user.execute("CREATE ROLE made_by_unauthorized_probe")).isInstanceOf(UnauthorizedException.class);

        AuditRow refused = AuditRows.await(admin, r -> r.operation().equals("CREATE ROLE made_by_unauthorized_probe"));
        assertThat(refused.category()).isEqualTo("DCL");
        assertThat(refused.username()).isEqualTo("unauthorized_probe");
        assertThat(refused.error()).isTrue();
    }

    @Test
    void auditTablesSelectsSingleTablesOfOtherKeyspaces() throws Exception {
        admin.execute("INSERT INTO partly.ignored (k, v) VALUES (1, 'filter-probe-ignored')");
        admin.execute("INSERT INTO partly.watched (k, v) VALUES (1, 'filter-probe-watched')");
        admin.execute("INSERT INTO audited.kv (k, v) VALUES (9, 'filter-probe-keyspace')");

        AuditRows.await(admin, r -> r.operation().contains("filter-probe-watched"));
        AuditRows.await(admin, r -> r.operation().contains("filter-probe-keyspace"));
        assertThat(AuditRows.settled(admin, "filter-probe-ignored")).isEmpty();
    }

    @Test
    void readingTheAuditTableIsNotItselfAudited() throws Exception {
        admin.execute("SELECT * FROM audit.audit_log LIMIT 1 /* self-probe */");
        assertThat(AuditRows.settled(admin, "self-probe")).isEmpty();
    }

    @Test
    void adminApiActionsAreAdminEvents() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.apiPort() + "/storage/flush?keyspace=audited"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        AuditRow flush = AuditRows.await(admin, r -> r.operation().equals("POST /storage/flush?keyspace=audited"));
        assertThat(flush.category()).isEqualTo("ADMIN");
        assertThat(flush.username()).isEqualTo("anonymous");
        assertThat(flush.error()).isFalse();
    }
}
