package org.charybdis.server.cql.udf;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * EXECUTE, CREATE and DROP on functions with CassandraAuthorizer, through the Java driver; messages recorded from
 * Apache Cassandra 5.0.6. Charybdis only: Cassandra caches permissions for two seconds, so a GRANT holds there later.
 */
class FunctionPermissionsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension().passwordAuthentication()
            .with(ServerConfig.AUTHORIZER, "CassandraAuthorizer")
            .with(ServerConfig.USER_DEFINED_FUNCTIONS_ENABLED, true);
    private static CqlSession admin;

    @BeforeAll
    static void functions() {
        admin = server.session("cassandra", "cassandra");
        admin.execute("CREATE KEYSPACE udf_x WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        admin.execute("CREATE TABLE udf_x.t (k int PRIMARY KEY, v int)");
        admin.execute("INSERT INTO udf_x.t (k, v) VALUES (1, 10)");
        admin.execute("CREATE FUNCTION udf_x.twice(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return 2 * a;'");
        admin.execute("CREATE FUNCTION udf_x.st(s int, v int) CALLED ON NULL INPUT RETURNS int LANGUAGE java "
                + "AS 'return (s == null ? 0 : s) + (v == null ? 0 : v);'");
        admin.execute("CREATE AGGREGATE udf_x.tot(int) SFUNC st STYPE int INITCOND 0");
        admin.execute("CREATE ROLE udf_reader WITH PASSWORD = 'r' AND LOGIN = true");
        admin.execute("GRANT SELECT ON KEYSPACE udf_x TO udf_reader");
    }

    @Test
    void callingAFunctionNeedsExecuteOnIt() {
        CqlSession reader = server.session("udf_reader", "r");
        unauthorized(reader, "SELECT udf_x.twice(v) FROM udf_x.t WHERE k = 1",
                "User udf_reader has no EXECUTE permission on <function udf_x.twice(int)> or any of its parents");
        unauthorized(reader, "SELECT v FROM udf_x.t WHERE k = udf_x.twice(0)",
                "User udf_reader has no EXECUTE permission on <function udf_x.twice(int)> or any of its parents");
        unauthorized(reader, "SELECT udf_x.tot(v) FROM udf_x.t WHERE k = 1",
                "User udf_reader has no EXECUTE permission on <function udf_x.tot(int)> or any of its parents");

        admin.execute("GRANT EXECUTE ON FUNCTION udf_x.twice(int) TO udf_reader");
        assertThat(reader.execute("SELECT udf_x.twice(v) FROM udf_x.t WHERE k = 1").one().getInt(0)).isEqualTo(20);
        admin.execute("GRANT EXECUTE ON FUNCTION udf_x.tot(int) TO udf_reader");
        unauthorized(reader, "SELECT udf_x.tot(v) FROM udf_x.t WHERE k = 1",
                "User udf_reader has no EXECUTE permission on <function udf_x.st(int, int)> or any of its parents");

        admin.execute("REVOKE EXECUTE ON FUNCTION udf_x.twice(int) FROM udf_reader");
        admin.execute("GRANT EXECUTE ON ALL FUNCTIONS IN KEYSPACE udf_x TO udf_reader");
        assertThat(reader.execute("SELECT udf_x.twice(v), udf_x.tot(v) FROM udf_x.t WHERE k = 1").one().getInt(1)).isEqualTo(10);
        assertThat(admin.execute("LIST ALL PERMISSIONS OF udf_reader").all()).extracting(row -> row.getString("resource"))
                .contains("<all functions in udf_x>", "<function udf_x.tot(int)>");
    }

    @Test
    void creatingAndDroppingNeedTheirPermissions() {
        CqlSession reader = server.session("udf_reader", "r");
        unauthorized(reader, "CREATE FUNCTION udf_x.f(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a;'",
                "User udf_reader has no CREATE permission on <all functions in udf_x> or any of its parents");
        unauthorized(reader, "DROP FUNCTION udf_x.twice",
                "User udf_reader has no DROP permission on <function udf_x.twice(int)> or any of its parents");
    }

    @Test
    void creatingAnAggregateNeedsExecuteOnItsFunctions() {
        admin.execute("CREATE FUNCTION udf_x.fin(s int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS 'return s;'");
        admin.execute("CREATE ROLE udf_creator WITH PASSWORD = 'c' AND LOGIN = true");
        admin.execute("GRANT CREATE ON ALL FUNCTIONS IN KEYSPACE udf_x TO udf_creator");
        admin.execute("GRANT SELECT ON KEYSPACE udf_x TO udf_creator");
        CqlSession creator = server.session("udf_creator", "c");
        unauthorized(creator, "CREATE AGGREGATE udf_x.tot2(int) SFUNC st STYPE int FINALFUNC fin",
                "User udf_creator has no EXECUTE permission on <function udf_x.st(int, int)> or any of its parents");
        admin.execute("GRANT EXECUTE ON FUNCTION udf_x.st(int, int) TO udf_creator");
        unauthorized(creator, "CREATE AGGREGATE udf_x.tot2(int) SFUNC st STYPE int FINALFUNC fin",
                "User udf_creator has no EXECUTE permission on <function udf_x.fin(int)> or any of its parents");
        creator.execute("CREATE AGGREGATE udf_x.tot1(int) SFUNC st STYPE int");
        admin.execute("GRANT EXECUTE ON FUNCTION udf_x.fin(int) TO udf_creator");
        creator.execute("CREATE AGGREGATE udf_x.tot2(int) SFUNC st STYPE int FINALFUNC fin INITCOND 1");
        admin.execute("GRANT EXECUTE ON ALL FUNCTIONS IN KEYSPACE udf_x TO udf_creator");
        assertThat(creator.execute("SELECT udf_x.tot2(v) FROM udf_x.t WHERE k = 1").one().getInt(0)).isEqualTo(11);
    }

    private static void unauthorized(CqlSession session, String cql, String message) {
        assertThatThrownBy(() -> session.execute(cql)).isInstanceOf(UnauthorizedException.class).hasMessage(message);
    }
}
