package org.charybdis.server.cql.udf;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CREATE and DROP AGGREGATE and aggregation with user-defined state and final functions, through the Java
 * driver. Expected answers and errors recorded from Apache Cassandra 5.0.6 (this class also passes against it).
 */
class UserAggregatesTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension()
            .with(ServerConfig.USER_DEFINED_FUNCTIONS_ENABLED, true);
    private static CqlSession session;

    @BeforeAll
    static void keyspace() {
        session = server.session(options -> options.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false));
        session.execute("DROP KEYSPACE IF EXISTS udf_a");
        session.execute("CREATE KEYSPACE udf_a WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE udf_a.t (k int, c int, v int, PRIMARY KEY (k, c))");
        session.execute("INSERT INTO udf_a.t (k, c, v) VALUES (1, 1, 10)");
        session.execute("INSERT INTO udf_a.t (k, c, v) VALUES (1, 2, 20)");
        session.execute("INSERT INTO udf_a.t (k, c) VALUES (1, 3)");
        session.execute("CREATE FUNCTION udf_a.st(s int, v int) CALLED ON NULL INPUT RETURNS int LANGUAGE java "
                + "AS 'return (s == null ? 0 : s) + (v == null ? 0 : v);'");
        session.execute("CREATE FUNCTION udf_a.fin(s int) RETURNS NULL ON NULL INPUT RETURNS text LANGUAGE java AS 'return \"total=\" + s;'");
    }

    @Test
    void aggregatesFoldRowsThroughTheirFunctions() {
        session.execute("CREATE AGGREGATE udf_a.tot(int) SFUNC st STYPE int FINALFUNC fin INITCOND 0");
        session.execute("CREATE AGGREGATE udf_a.tot2(int) SFUNC st STYPE int");
        Row row = session.execute("SELECT udf_a.tot(v), udf_a.tot2(v) FROM udf_a.t WHERE k = 1").one();
        assertThat(row.getString(0)).isEqualTo("total=30");
        assertThat(row.getInt(1)).isEqualTo(30);
        assertThat(session.execute("SELECT udf_a.tot(v) FROM udf_a.t WHERE k = 2").one().getString(0)).isEqualTo("total=0");
        assertThat(session.execute("SELECT udf_a.tot2(v) FROM udf_a.t WHERE k = 2").one().isNull(0)).isTrue();

        Row listed = session.execute("SELECT * FROM system_schema.aggregates WHERE keyspace_name = 'udf_a' AND aggregate_name = 'tot'").one();
        assertThat(listed.getList("argument_types", String.class)).containsExactly("int");
        assertThat(listed.getString("state_func")).isEqualTo("st");
        assertThat(listed.getString("state_type")).isEqualTo("int");
        assertThat(listed.getString("final_func")).isEqualTo("fin");
        assertThat(listed.getString("initcond")).isEqualTo("0");
        assertThat(listed.getString("return_type")).isEqualTo("text");

        invalid("CREATE AGGREGATE udf_a.tot(int) SFUNC st STYPE int FINALFUNC fin INITCOND 0", "Aggregate 'tot' already exists");
        session.execute("CREATE AGGREGATE IF NOT EXISTS udf_a.tot(int) SFUNC st STYPE int");
        invalid("CREATE AGGREGATE udf_a.bad(int) SFUNC st STYPE int INITCOND 'x'", "Invalid STRING constant (x) for \"(dummy)\" of type int");
    }

    @Test
    void aggregatesTakeAnyNumberOfArguments() {
        session.execute("CREATE TABLE udf_a.w (k int, c int, v int, w text, PRIMARY KEY (k, c))");
        session.execute("INSERT INTO udf_a.w (k, c, v, w) VALUES (1, 1, 10, 'a')");
        session.execute("INSERT INTO udf_a.w (k, c, v, w) VALUES (1, 2, 20, 'bb')");
        session.execute("INSERT INTO udf_a.w (k, c, v) VALUES (1, 3, 30)");
        session.execute("CREATE FUNCTION udf_a.both(s int, v int, w text) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java "
                + "AS 'return s + v * w.length();'");
        session.execute("CREATE AGGREGATE udf_a.weighted(int, text) SFUNC both STYPE int INITCOND 0");
        session.execute("CREATE FUNCTION udf_a.inc(s int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return s + 1;'");
        session.execute("CREATE AGGREGATE udf_a.rows() SFUNC inc STYPE int INITCOND 0");
        Row row = session.execute("SELECT udf_a.weighted(v, w), udf_a.rows() FROM udf_a.w WHERE k = 1").one();
        assertThat(row.getInt(0)).isEqualTo(50); // the row without w is skipped: the state function returns null on null input
        assertThat(row.getInt(1)).isEqualTo(3);
        assertThat(session.execute("SELECT argument_types FROM system_schema.aggregates WHERE keyspace_name = 'udf_a' AND aggregate_name = 'rows'")
                .one().getList(0, String.class)).isEmpty();
    }

    @Test
    void functionsInUseCannotBeDropped() {
        session.execute("CREATE FUNCTION udf_a.fin_used(s int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return s;'");
        session.execute("CREATE AGGREGATE udf_a.used(int) SFUNC st STYPE int FINALFUNC fin_used");
        invalid("DROP FUNCTION udf_a.fin_used(int)", "Function 'udf_a.fin_used(int)' is still referenced by aggregates udf_a.used");
        invalid("DROP AGGREGATE udf_a.nosuch", "Aggregate 'udf_a.nosuch' doesn't exist");
        invalid("DROP AGGREGATE udf_a.used(text)", "Aggregate 'udf_a.used(text)' doesn't exist");
        session.execute("DROP AGGREGATE udf_a.used");
        session.execute("DROP AGGREGATE IF EXISTS udf_a.used");
        assertThat(session.execute("SELECT * FROM system_schema.aggregates WHERE keyspace_name = 'udf_a' AND aggregate_name = 'used'").all())
                .isEmpty();
        session.execute("DROP FUNCTION udf_a.fin_used(int)");
    }

    @Test
    void describeRecreatesFunctionsAndAggregates() {
        session.execute("DROP KEYSPACE IF EXISTS udf_d");
        session.execute("CREATE KEYSPACE udf_d WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TYPE udf_d.ty (a int)");
        session.execute("CREATE TABLE udf_d.t (k int PRIMARY KEY)");
        session.execute("CREATE FUNCTION udf_d.st(s int, v int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS 'return s;'");
        session.execute("CREATE FUNCTION udf_d.st(s text, v text) RETURNS NULL ON NULL INPUT RETURNS text LANGUAGE java AS 'return s;'");
        session.execute("CREATE FUNCTION udf_d.\"Fin\"(s int) RETURNS NULL ON NULL INPUT RETURNS text LANGUAGE java AS 'return \"x\";'");
        session.execute("CREATE AGGREGATE udf_d.tot(int) SFUNC st STYPE int FINALFUNC \"Fin\" INITCOND 0");

        assertThat(session.execute("DESCRIBE FUNCTION udf_d.st").all()).extracting(row -> row.getString("name") + ": " + row.getString("create_statement"))
                .containsExactly("st(int, int): CREATE FUNCTION udf_d.st(s int, v int)\n    CALLED ON NULL INPUT\n    RETURNS int\n    LANGUAGE java\n"
                                + "    AS $$return s;$$;",
                        "st(text, text): CREATE FUNCTION udf_d.st(s text, v text)\n    RETURNS NULL ON NULL INPUT\n    RETURNS text\n"
                                + "    LANGUAGE java\n    AS $$return s;$$;");
        assertThat(session.execute("DESCRIBE AGGREGATE udf_d.tot").one().getString("create_statement"))
                .isEqualTo("CREATE AGGREGATE udf_d.tot(int)\n    SFUNC st\n    STYPE int\n    FINALFUNC \"Fin\"\n    INITCOND 0;");
        assertThat(session.execute("DESCRIBE KEYSPACE udf_d").all()).extracting(row -> row.getString("type") + " " + row.getString("name"))
                .containsExactly("keyspace udf_d", "type ty", "function \"Fin\"(int)", "function st(int, int)", "function st(text, text)",
                        "aggregate tot(int)", "table t");
        session.execute("USE udf_d");
        assertThat(session.execute("DESCRIBE AGGREGATES").all()).extracting(row -> row.getString("name")).containsExactly("tot(int)");
        invalid("DESCRIBE FUNCTION udf_d.nosuch", "User defined function 'nosuch' not found in 'udf_d'");
        invalid("DESCRIBE AGGREGATE udf_d.nosuch", "User defined aggregate 'nosuch' not found in 'udf_d'");
        session.execute("DROP KEYSPACE udf_d");
    }

    private static void invalid(String cql, String message) {
        assertThatThrownBy(() -> session.execute(cql)).isInstanceOf(InvalidQueryException.class).hasMessage(message);
    }
}
