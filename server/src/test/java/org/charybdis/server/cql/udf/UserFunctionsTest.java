package org.charybdis.server.cql.udf;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.FunctionFailureException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CREATE and DROP FUNCTION and calls of Java UDFs through the Java driver. Expected answers and errors recorded
 * from Apache Cassandra 5.0.6 (this class also passes against it, see {@link CharybdisServerExtension}).
 */
class UserFunctionsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension()
            .with(ServerConfig.USER_DEFINED_FUNCTIONS_ENABLED, true);
    private static CqlSession session;

    @BeforeAll
    static void keyspace() {
        session = server.session(options -> options.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false));
        session.execute("DROP KEYSPACE IF EXISTS udf_f");
        session.execute("CREATE KEYSPACE udf_f WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE udf_f.t (k int, c int, v int, l list<int>, PRIMARY KEY (k, c))");
        session.execute("INSERT INTO udf_f.t (k, c, v, l) VALUES (1, 1, 10, [1, 2, 3])");
        session.execute("INSERT INTO udf_f.t (k, c, v) VALUES (1, 2, 20)");
        session.execute("INSERT INTO udf_f.t (k, c) VALUES (1, 3)");
    }

    @Test
    void functionsRunInSelectionsAndTerms() {
        session.execute("CREATE FUNCTION udf_f.plus(a int, b int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a + b;'");
        session.execute("CREATE FUNCTION udf_f.total(l list<int>) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java "
                + "AS 'int s = 0; for (Object o : l) s += (Integer) o; return s;'");
        session.execute("CREATE FUNCTION udf_f.greet(name text) CALLED ON NULL INPUT RETURNS text LANGUAGE java "
                + "AS $$return name == null ? \"nobody\" : \"hello \" + name;$$");
        var rs = session.execute("SELECT c, udf_f.plus(c, v), udf_f.total(l), udf_f.greet(null) FROM udf_f.t WHERE k = 1");
        assertThat(rs.getColumnDefinitions().get(1).getName().asInternal()).isEqualTo("udf_f.plus(c, v)");
        List<Row> rows = rs.all();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).getObject(1)).isEqualTo(11);
        assertThat(rows.get(0).getObject(2)).isEqualTo(6);
        assertThat(rows.get(0).getString(3)).isEqualTo("nobody");
        assertThat(rows.get(2).getObject(1)).isNull(); // RETURNS NULL ON NULL INPUT: v is null
        assertThat(rows.get(2).getObject(2)).isNull();

        Row where = session.execute("SELECT v FROM udf_f.t WHERE k = 1 AND c = udf_f.plus(1, 1)").one();
        assertThat(where.getInt(0)).isEqualTo(20);
    }

    @Test
    void functionsComputeWrittenValuesAndPreparedStatementsFollowReplacements() {
        session.execute("CREATE FUNCTION udf_f.tenfold(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return 10 * a;'");
        session.execute("INSERT INTO udf_f.t (k, c, v) VALUES (2, 1, udf_f.tenfold(4))");
        assertThat(session.execute("SELECT v FROM udf_f.t WHERE k = 2 AND c = 1").one().getInt(0)).isEqualTo(40);

        var prepared = session.prepare("SELECT udf_f.tenfold(v) FROM udf_f.t WHERE k = ? AND c = ?");
        assertThat(session.execute(prepared.bind(2, 1)).one().getInt(0)).isEqualTo(400);
        session.execute("CREATE OR REPLACE FUNCTION udf_f.tenfold(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return 100 * a;'");
        assertThat(session.execute(prepared.bind(2, 1)).one().getInt(0)).isEqualTo(4000);
    }

    @Test
    void failuresOfTheBodyFailTheQuery() {
        session.execute("CREATE FUNCTION udf_f.nullplus(a int, b int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS 'return a + b;'");
        session.execute("CREATE FUNCTION udf_f.divide(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return 1 / 0;'");
        session.execute("CREATE FUNCTION udf_f.boom(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'throw new RuntimeException(\"boom\");'");
        assertThatThrownBy(() -> session.execute("SELECT udf_f.nullplus(c, v) FROM udf_f.t WHERE k = 1"))
                .isInstanceOf(FunctionFailureException.class)
                .hasMessage("java.lang.NullPointerException: Cannot invoke \"java.lang.Integer.intValue()\" because \"<parameter2>\" is null");
        assertThatThrownBy(() -> session.execute("SELECT udf_f.divide(v) FROM udf_f.t WHERE k = 1"))
                .isInstanceOf(FunctionFailureException.class).hasMessage("java.lang.ArithmeticException: / by zero");
        assertThatThrownBy(() -> session.execute("SELECT udf_f.boom(v) FROM udf_f.t WHERE k = 1"))
                .isInstanceOf(FunctionFailureException.class).hasMessage("java.lang.RuntimeException: boom");
    }

    @Test
    void bodiesThatDoNotCompileOrReachOutsideAreRefused() {
        invalid("CREATE FUNCTION udf_f.bad(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a +;'",
                "Java source compilation failed:\nLine 1: Syntax error on token \"+\", ++ expected\n");
        invalid("CREATE FUNCTION udf_f.bad(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a'",
                "Java source compilation failed:\nLine 1: Syntax error, insert \";\" to complete BlockStatements\n");
        invalid("CREATE FUNCTION udf_f.bad(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return \"x\";'",
                "Java source compilation failed:\nLine 1: Type mismatch: cannot convert from String to int\n");
        invalid("CREATE FUNCTION udf_f.bad(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java "
                + "AS 'return new java.io.File(\"x\").exists() ? 1 : 0;'",
                "Java source compilation failed:\nLine 1: java.io.File cannot be resolved to a type\n");
        invalid("CREATE FUNCTION udf_f.bad(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'new Thread().start(); return a;'",
                "Java source compilation failed:\nLine 1: Thread cannot be resolved to a type\n");
        invalid("CREATE FUNCTION udf_f.bad(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java "
                + "AS 'try { new java.net.Socket(\"x\", 1); } catch (Exception e) {} return a;'",
                "Java source compilation failed:\nLine 1: java.net.Socket cannot be resolved to a type\n");
        invalid("CREATE FUNCTION udf_f.bad(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'Runtime.getRuntime().gc(); return a;'",
                "Java source compilation failed:\nLine 1: Runtime cannot be resolved\n");
        invalid("CREATE FUNCTION udf_f.bad(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java "
                + "AS 'return new java.util.concurrent.atomic.AtomicInteger(a).get();'",
                "Java source compilation failed:\nLine 1: java.util.concurrent.atomic.AtomicInteger cannot be resolved to a type\n");
        invalid("CREATE FUNCTION udf_f.bad(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java "
                + "AS 'return java.lang.reflect.Array.getLength(new int[a]);'",
                "Java source compilation failed:\nLine 1: java.lang.reflect.Array cannot be resolved to a type\n");
        invalid("CREATE FUNCTION udf_f.bad(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'synchronized (this) { return a; }'",
                "Java UDF validation failed: [use of synchronized]");
        invalid("CREATE FUNCTION udf_f.bad(a text) RETURNS NULL ON NULL INPUT RETURNS text LANGUAGE java "
                + "AS 'try { return Class.forName(a).getName(); } catch (Exception e) { return null; }'",
                "Java UDF validation failed: [call to java.lang.Class.forName()]");
        invalid("CREATE FUNCTION udf_f.bad(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'try { wait(); } catch (Exception e) {} return a;'",
                "Java UDF validation failed: [call to java.lang.Object.wait()]");
        invalid("CREATE FUNCTION udf_f.bad(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE javascript AS 'a'",
                "Currently only Java UDFs are available in Cassandra. For more information - CASSANDRA-18252 and CASSANDRA-17281");
        assertThat(session.execute("SELECT * FROM system_schema.functions WHERE keyspace_name = 'udf_f' AND function_name = 'bad'").all()).isEmpty();
    }

    @Test
    void definitionsAreCheckedAsCassandraChecksThem() {
        session.execute("CREATE FUNCTION udf_f.sq(a int) RETURNS NULL ON NULL INPUT RETURNS double LANGUAGE java AS 'return Math.sqrt(a);'");
        invalid("CREATE FUNCTION udf_f.sq(a int) RETURNS NULL ON NULL INPUT RETURNS double LANGUAGE java AS 'return 1.0;'",
                "Function 'sq' already exists");
        session.execute("CREATE FUNCTION IF NOT EXISTS udf_f.sq(a int) RETURNS NULL ON NULL INPUT RETURNS double LANGUAGE java AS 'return 1.0;'");
        invalid("CREATE OR REPLACE FUNCTION IF NOT EXISTS udf_f.sq(a int) RETURNS NULL ON NULL INPUT RETURNS double LANGUAGE java AS 'return 1.0;'",
                "Cannot use both 'OR REPLACE' and 'IF NOT EXISTS' directives");
        invalid("CREATE OR REPLACE FUNCTION udf_f.sq(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return 1;'",
                "Cannot replace function 'sq', the new return type int is not compatible with the return type double of existing function");
        invalid("CREATE OR REPLACE FUNCTION udf_f.sq(b int) CALLED ON NULL INPUT RETURNS double LANGUAGE java AS 'return 2.0;'",
                "Function 'sq' must have CALLED ON NULL INPUT directive");
        session.execute("CREATE OR REPLACE FUNCTION udf_f.sq(b int) RETURNS NULL ON NULL INPUT RETURNS double LANGUAGE java AS 'return 2.0 * b;'");
        assertThat(session.execute("SELECT udf_f.sq(v) FROM udf_f.t WHERE k = 1 AND c = 1").one().getDouble(0)).isEqualTo(20.0);

        invalid("CREATE FUNCTION udf_f.bad(a int, a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a;'",
                "Duplicate argument names for given function bad with argument names [a, a]");
        invalid("CREATE FUNCTION udf_f.bad(a nosuchtype) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return 1;'",
                "Unknown type udf_f.nosuchtype");
        invalid("CREATE FUNCTION udf_f.bad(a frozen<list<int>>) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return 1;'",
                "Argument 'frozen<list<int>>' cannot be frozen; remove frozen<> modifier from 'frozen<list<int>>'");
        invalid("CREATE FUNCTION nosuchks.f(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return 1;'",
                "Keyspace 'nosuchks' doesn't exist");
        invalid("CREATE FUNCTION f(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return 1;'",
                "No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename");
        invalid("CREATE FUNCTION system.f(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return 1;'",
                "System keyspace 'system' is not user-modifiable");
    }

    @Test
    void overloadsAreDroppedBySignature() {
        session.execute("CREATE FUNCTION udf_f.cat(a int, b int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS 'return a + b;'");
        session.execute("CREATE FUNCTION udf_f.cat(a text, b text) CALLED ON NULL INPUT RETURNS text LANGUAGE java AS 'return a + b;'");
        Row both = session.execute("SELECT udf_f.cat('x', 'y'), udf_f.cat(1, 2) FROM udf_f.t WHERE k = 1 AND c = 1").one();
        assertThat(both.getString(0)).isEqualTo("xy");
        assertThat(both.getInt(1)).isEqualTo(3);
        invalid("DROP FUNCTION udf_f.cat", "'DROP FUNCTION cat' matches multiple function definitions; specify the argument types by issuing "
                + "a statement like 'DROP FUNCTION cat (type, type, ...)'. You can use cqlsh 'DESCRIBE FUNCTION cat' command to find all overloads");
        invalid("DROP FUNCTION udf_f.cat(text)", "Function 'udf_f.cat(text)' doesn't exist");
        invalid("DROP FUNCTION udf_f.nosuch", "Function 'udf_f.nosuch' doesn't exist");
        session.execute("DROP FUNCTION udf_f.cat(text, text)");
        session.execute("DROP FUNCTION udf_f.cat");
        session.execute("DROP FUNCTION IF EXISTS udf_f.cat");
        invalid("SELECT udf_f.cat(c, v) FROM udf_f.t", "Unknown function 'udf_f.cat'");
    }

    @Test
    void systemSchemaListsFunctions() {
        session.execute("CREATE FUNCTION udf_f.listed(a int, b text) CALLED ON NULL INPUT RETURNS text LANGUAGE java AS 'return b + a;'");
        Row row = session.execute("SELECT * FROM system_schema.functions WHERE keyspace_name = 'udf_f' AND function_name = 'listed'").one();
        assertThat(row.getList("argument_types", String.class)).containsExactly("int", "text");
        assertThat(row.getList("argument_names", String.class)).containsExactly("a", "b");
        assertThat(row.getString("body")).isEqualTo("return b + a;");
        assertThat(row.getBoolean("called_on_null_input")).isTrue();
        assertThat(row.getString("language")).isEqualTo("java");
        assertThat(row.getString("return_type")).isEqualTo("text");
    }

    private static void invalid(String cql, String message) {
        assertThatThrownBy(() -> session.execute(cql)).isInstanceOf(InvalidQueryException.class).hasMessage(message);
    }
}
