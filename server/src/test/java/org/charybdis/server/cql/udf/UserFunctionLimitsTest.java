package org.charybdis.server.cql.udf;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.schema.FunctionMetadata;
import com.datastax.oss.driver.api.core.servererrors.FunctionFailureException;
import com.datastax.oss.driver.api.core.type.DataTypes;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.RunsAlone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What only Charybdis can be asked (never run against the shared Cassandra: its fail timeout stops its JVM):
 * the time and allocation limits of a running UDF, and definitions surviving a restart and reaching the driver's metadata.
 */
@RunsAlone
class UserFunctionLimitsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension()
            .with(ServerConfig.USER_DEFINED_FUNCTIONS_ENABLED, true)
            .with(ServerConfig.USER_DEFINED_FUNCTIONS_FAIL_TIMEOUT_IN_MS, 300)
            .with(ServerConfig.USER_DEFINED_FUNCTIONS_FAIL_ALLOCATION_IN_KB, 8192);

    @Test
    void aRunawayFunctionFailsItsQueryAndLeavesTheShardServing() {
        CqlSession session = server.session(options -> options.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false));
        session.execute("CREATE KEYSPACE IF NOT EXISTS udf_l WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE IF NOT EXISTS udf_l.t (k int PRIMARY KEY, v int)");
        session.execute("INSERT INTO udf_l.t (k, v) VALUES (1, 10)");
        session.execute("CREATE FUNCTION udf_l.spin(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'while (true) { a = a + 1; }'");
        session.execute("CREATE FUNCTION udf_l.stubborn(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java "
                + "AS 'while (true) { try { while (true) { a++; } } catch (Throwable t) { a--; } }'");
        for (String function : new String[] {"spin", "stubborn"}) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> session.execute("SELECT udf_l." + function + "(v) FROM udf_l.t WHERE k = 1"))
                    .isInstanceOf(FunctionFailureException.class)
                    .hasMessage("User defined function udf_l." + function + " : (int) -> int ran longer than 300ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(session.execute("SELECT v FROM udf_l.t WHERE k = 1").one().getInt(0)).isEqualTo(10);
    }

    @Test
    void aFunctionAllocatingPastItsAllowanceFailsItsQuery() {
        CqlSession session = server.session(options -> options.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false));
        session.execute("CREATE KEYSPACE IF NOT EXISTS udf_l WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE IF NOT EXISTS udf_l.t (k int PRIMARY KEY, v int)");
        session.execute("INSERT INTO udf_l.t (k, v) VALUES (1, 10)");
        session.execute("CREATE FUNCTION udf_l.hoard(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java "
                + "AS 'long[][] kept = new long[100000][]; for (int i = 0; ; i++) { try { kept[i] = new long[1024]; } catch (Throwable t) { } }'");
        session.execute("CREATE FUNCTION udf_l.modest(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java "
                + "AS 'long[][] kept = new long[100][]; for (int i = 0; i < 100; i++) kept[i] = new long[1024]; return kept.length;'");
        assertThatThrownBy(() -> session.execute("SELECT udf_l.hoard(v) FROM udf_l.t WHERE k = 1"))
                .isInstanceOf(FunctionFailureException.class)
                .hasMessage("User defined function udf_l.hoard : (int) -> int allocated more than 8192kB");
        // the allowance is per call: each call of an aggregate's or a selection's function starts afresh
        for (int i = 0; i < 20; i++) {
            assertThat(session.execute("SELECT udf_l.modest(v) FROM udf_l.t WHERE k = 1").one().getInt(0)).isEqualTo(100);
        }
    }

    @Test
    void codeThatWouldRunOutsideTheDeadlineIsRefused() {
        CqlSession session = server.session(options -> options.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false));
        session.execute("CREATE KEYSPACE IF NOT EXISTS udf_l WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        assertThatThrownBy(() -> session.execute("CREATE FUNCTION udf_l.fin(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java "
                + "AS 'Object o = new Object() { protected void finalize() { while (true) {} } }; return a;'"))
                .hasMessage("Java UDF validation failed: [use of finalize]");
    }

    @Test
    void definitionsSurviveARestartAndReachTheDriver() {
        CqlSession session = server.session(options -> options.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false));
        session.execute("CREATE KEYSPACE IF NOT EXISTS udf_r WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE IF NOT EXISTS udf_r.t (k int PRIMARY KEY, v int)");
        session.execute("INSERT INTO udf_r.t (k, v) VALUES (1, 10)");
        session.execute("CREATE OR REPLACE FUNCTION udf_r.twice(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return 2 * a;'");
        session.execute("CREATE OR REPLACE FUNCTION udf_r.plus_state(s int, v int) CALLED ON NULL INPUT RETURNS int LANGUAGE java "
                + "AS 'return (s == null ? 0 : s) + (v == null ? 0 : v);'");
        session.execute("CREATE OR REPLACE AGGREGATE udf_r.total(int) SFUNC plus_state STYPE int INITCOND 5");
        session.execute("CREATE TYPE IF NOT EXISTS udf_r.pt (x int)");
        session.execute("CREATE TABLE IF NOT EXISTS udf_r.u (k int PRIMARY KEY, p frozen<pt>, t tuple<int, text>)");
        session.execute("INSERT INTO udf_r.u (k, p, t) VALUES (1, {x: 1}, (2, 'b'))");
        session.execute("CREATE OR REPLACE FUNCTION udf_r.show(p pt, t tuple<int, text>) CALLED ON NULL INPUT RETURNS text LANGUAGE java "
                + "AS 'return p + \" \" + t;'");
        session.execute("CREATE OR REPLACE FUNCTION udf_r.count_state(s tuple<int, text>, v int) CALLED ON NULL INPUT RETURNS tuple<int, text> "
                + "LANGUAGE java AS 's.setInt(0, s.getInt(0) + 1); return s;'");
        session.execute("CREATE OR REPLACE AGGREGATE udf_r.counted(int) SFUNC count_state STYPE tuple<int, text> INITCOND (0, 'rows')");
        server.restart();

        CqlSession after = server.session();
        Row row = after.execute("SELECT udf_r.twice(v), udf_r.total(v) FROM udf_r.t WHERE k = 1").one();
        assertThat(row.getInt(0)).isEqualTo(20);
        assertThat(row.getInt(1)).isEqualTo(15);
        assertThat(after.execute("SELECT udf_r.show(p, t) FROM udf_r.u WHERE k = 1").one().getString(0)).isEqualTo("{x:1} (2,'b')");
        row = after.execute("SELECT udf_r.counted(v) FROM udf_r.t WHERE k = 1").one();
        assertThat(row.getTupleValue(0).getInt(0)).isEqualTo(1);
        assertThat(row.getTupleValue(0).getString(1)).isEqualTo("rows");
        FunctionMetadata twice = after.getMetadata().getKeyspace("udf_r").orElseThrow()
                .getFunction("twice", DataTypes.INT).orElseThrow();
        assertThat(twice.getBody()).isEqualTo("return 2 * a;");
        assertThat(twice.getReturnType()).isEqualTo(DataTypes.INT);
        assertThat(twice.isCalledOnNullInput()).isFalse();
        assertThat(after.getMetadata().getKeyspace("udf_r").orElseThrow().getAggregate("total", DataTypes.INT)).isPresent();
    }

    @Test
    void userFunctionsAreOffUnlessEnabled() throws Exception {
        CharybdisServerExtension off = new CharybdisServerExtension();
        try {
            off.start();
            CqlSession session = off.session(options -> options.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false));
            session.execute("CREATE KEYSPACE udf_o WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            assertThatThrownBy(() -> session.execute("CREATE FUNCTION udf_o.f(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a;'"))
                    .hasMessage("User defined functions are disabled in cassandra.yaml - set user_defined_functions_enabled=true to enable");
        } finally {
            off.stop();
        }
    }
}
