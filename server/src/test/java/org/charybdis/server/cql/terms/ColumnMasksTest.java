package org.charybdis.server.cql.terms;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.cql.statements.select.ResultRows;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charybdis.server.testing.CqlAssertions.assertInvalid;

/**
 * Dynamic data masking through the Java driver: masks attached with CREATE and ALTER TABLE, what roles with and without
 * UNMASK see, and who may restrict masked columns. Every expected result and error was recorded from Apache Cassandra
 * 5.0.6 (dynamic_data_masking_enabled: true) running the same statements; the class passes against it
 * ({@code -Dcharybdis.test.external=127.0.0.1:9043 -Dcharybdis.test.external.credentials=cassandra:cassandra}) but for
 * {@code masksNeedTheFeatureEnabled}, which needs a node with the feature off.
 */
class ColumnMasksTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension().passwordAuthentication()
            .with(ServerConfig.AUTHORIZER, "CassandraAuthorizer")
            .with(ServerConfig.DYNAMIC_DATA_MASKING_ENABLED, true);

    @RegisterExtension
    static final CharybdisServerExtension disabled = new CharybdisServerExtension();

    private static CqlSession admin;

    @BeforeAll
    static void schema() {
        admin = server.session("cassandra", "cassandra");
        admin.execute("CREATE KEYSPACE IF NOT EXISTS fn_ddm WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        admin.execute("DROP TABLE IF EXISTS fn_ddm.m");
        admin.execute("CREATE TABLE fn_ddm.m (k int, c text MASKED WITH mask_inner(1, null), v text MASKED WITH DEFAULT, "
                + "n int MASKED WITH mask_replace(5), s set<int> MASKED WITH mask_null(), w int, PRIMARY KEY (k, c))");
        admin.execute("INSERT INTO fn_ddm.m (k, c, v, n, s, w) VALUES (1, 'hello', 'secret', 3, {1, 2}, 9)");
        admin.execute("CREATE ROLE IF NOT EXISTS fn_ddm_reader WITH PASSWORD = 'r' AND LOGIN = true");
        admin.execute("CREATE ROLE IF NOT EXISTS fn_ddm_unmasker WITH PASSWORD = 'u' AND LOGIN = true");
        admin.execute("CREATE ROLE IF NOT EXISTS fn_ddm_app WITH PASSWORD = 'a' AND LOGIN = true");
        for (String role : new String[] {"fn_ddm_reader", "fn_ddm_unmasker", "fn_ddm_app"}) admin.execute("GRANT SELECT ON TABLE fn_ddm.m TO " + role);
        admin.execute("GRANT UNMASK ON TABLE fn_ddm.m TO fn_ddm_unmasker");
        admin.execute("GRANT SELECT_MASKED ON TABLE fn_ddm.m TO fn_ddm_app");
    }

    @Test
    void rolesWithoutUnmaskSeeMaskedValues() {
        CqlSession reader = server.session("fn_ddm_reader", "r");
        assertThat(ResultRows.rows(reader, "SELECT * FROM fn_ddm.m")).containsExactly("1, h****, 5, [], ****, 9");
        assertThat(ResultRows.rows(reader, "SELECT k, c, v, n, w, mask_default(w), mask_inner(v, 1, 1) FROM fn_ddm.m"))
                .containsExactly("1, h****, ****, 5, 9, 0, ****");
        assertThat(ResultRows.rows(reader, "SELECT c AS cc, toJson(v), count(n), max(c) FROM fn_ddm.m")).containsExactly("h****, \"****\", 1, h****");
        assertThat(ResultRows.rows(reader, "SELECT JSON * FROM fn_ddm.m"))
                .containsExactly("{\"k\": 1, \"c\": \"h****\", \"n\": 5, \"s\": null, \"v\": \"****\", \"w\": 9}");
        assertThat(ResultRows.rows(reader, "SELECT * FROM fn_ddm.m WHERE w = 9 ALLOW FILTERING")).containsExactly("1, h****, 5, [], ****, 9");
        assertThatThrownBy(() -> reader.execute("SELECT * FROM fn_ddm.m WHERE k = 1 AND c > 'a' AND n = 3 ALLOW FILTERING"))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessage("User fn_ddm_reader has no UNMASK nor SELECT_MASKED permission on table fn_ddm.m, cannot query masked columns [c, n]");
    }

    @Test
    void unmaskShowsValuesAndSelectMaskedAllowsRestrictions() {
        CqlSession unmasker = server.session("fn_ddm_unmasker", "u");
        assertThat(ResultRows.rows(unmasker, "SELECT * FROM fn_ddm.m WHERE k = 1 AND c = 'hello'")).containsExactly("1, hello, 3, [1, 2], secret, 9");
        assertThat(ResultRows.rows(admin, "SELECT v FROM fn_ddm.m WHERE v = 'secret' ALLOW FILTERING")).containsExactly("secret");
        CqlSession app = server.session("fn_ddm_app", "a");
        assertThat(ResultRows.rows(app, "SELECT v FROM fn_ddm.m WHERE v = 'secret' ALLOW FILTERING")).containsExactly("****");
    }

    @Test
    void alterTableChangesAndDropsMasks() {
        admin.execute("DROP TABLE IF EXISTS fn_ddm.a");
        admin.execute("CREATE TABLE fn_ddm.a (k int PRIMARY KEY, v text, n int MASKED WITH DEFAULT)");
        admin.execute("INSERT INTO fn_ddm.a (k, v, n) VALUES (1, 'abcd', 7)");
        admin.execute("GRANT SELECT ON TABLE fn_ddm.a TO fn_ddm_reader");
        CqlSession reader = server.session("fn_ddm_reader", "r");
        assertThat(ResultRows.rows(reader, "SELECT v, n FROM fn_ddm.a")).containsExactly("abcd, 0");
        admin.execute("ALTER TABLE fn_ddm.a ALTER v MASKED WITH mask_outer(1, 1, '#')");
        admin.execute("ALTER TABLE fn_ddm.a ALTER n DROP MASKED");
        admin.execute("ALTER TABLE fn_ddm.a ADD h blob MASKED WITH mask_hash('MD5')");
        assertThat(ResultRows.rows(reader, "SELECT v, n, h FROM fn_ddm.a")).containsExactly("#bc#, 7, null");
        assertInvalid(admin, "ALTER TABLE fn_ddm.a ALTER nope MASKED WITH mask_null()", "Column with name 'nope' doesn't exist on table 'a'");
    }

    @Test
    void describeAndSchemaTablesShowMasks() {
        assertThat(admin.execute("DESCRIBE TABLE fn_ddm.m").one().getString("create_statement"))
                .contains("    c text MASKED WITH system.mask_inner(1, null),\n", "    n int MASKED WITH system.mask_replace(5),\n",
                        "    v text MASKED WITH system.mask_default(),\n", "    s set<int> MASKED WITH system.mask_null(),\n", "    w int,\n");
        assertThat(ResultRows.rows(admin, "SELECT column_name, function_argument_nulls, function_argument_types, function_argument_values, "
                + "function_keyspace, function_name FROM system_schema.column_masks WHERE keyspace_name = 'fn_ddm' AND table_name = 'm'"))
                .containsExactly("c, [false, true], [int, int], [1, ], system, mask_inner", "n, [false], [int], [5], system, mask_replace",
                        "s, [], [], [], system, mask_null", "v, [], [], [], system, mask_default");
    }

    @Test
    void refusedMasks() {
        assertInvalid(admin, "CREATE TABLE fn_ddm.r (k int PRIMARY KEY, v int MASKED WITH mask_inner(1, 1))",
                "Function system.mask_inner requires an argument of type [text|varchar|ascii], but found argument "
                        + "org.apache.cassandra.db.marshal.Int32Type of type int");
        assertInvalid(admin, "CREATE TABLE fn_ddm.r (k int PRIMARY KEY, v int MASKED WITH now())",
                "Invalid number of arguments in call to function system.now: 0 required but 1 provided");
        assertInvalid(admin, "CREATE TABLE fn_ddm.r (k int PRIMARY KEY, v int MASKED WITH mask_hash())",
                "Masking function mask_hash() return type is blob. This is different to the type of the masked column v of type int. "
                        + "Masking functions can only be attached to table columns if they return the same data type as the masked column.");
        assertInvalid(admin, "CREATE TABLE fn_ddm.r (k int PRIMARY KEY, v int MASKED WITH nope())",
                "Unable to find masking function for v, no declared function matches the signature nope()");
        assertInvalid(admin, "CREATE TABLE fn_ddm.r (k int PRIMARY KEY, v int MASKED WITH count())",
                "Aggregate function count() cannot be used for masking table columns");
        assertInvalid(admin, "CREATE TABLE fn_ddm.r (k int PRIMARY KEY, v int MASKED WITH mask_replace('a'))",
                "Type error: 'a' cannot be passed as argument 1 of function system.mask_replace of type int");
    }

    @Test
    void masksNeedTheFeatureEnabled() {
        CqlSession session = disabled.session();
        session.execute("CREATE KEYSPACE IF NOT EXISTS fn_ddm WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE IF NOT EXISTS fn_ddm.plain (k int PRIMARY KEY, v text)");
        String refusal = "Cannot mask columns because dynamic data masking is not enabled. "
                + "You can enable it with the dynamic_data_masking_enabled property on cassandra.yaml";
        assertInvalid(session, "CREATE TABLE fn_ddm.d (k int PRIMARY KEY, v text MASKED WITH DEFAULT)", refusal);
        assertInvalid(session, "ALTER TABLE fn_ddm.plain ALTER v MASKED WITH DEFAULT", refusal);
        // the functions themselves need nothing
        assertThat(ResultRows.rows(session, "SELECT mask_default(v) FROM fn_ddm.plain")).isEmpty();
    }
}
