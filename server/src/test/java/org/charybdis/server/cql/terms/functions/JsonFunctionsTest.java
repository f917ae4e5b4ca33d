package org.charybdis.server.cql.terms.functions;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.FunctionFailureException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code fromJson()} and {@code toJson()} as values of INSERT, UPDATE and WHERE terms, through the Java
 * driver. Every expected result and error was recorded from Apache Cassandra 5.0.6 running the same
 * statements (this class also passes against it:
 * {@code -Dcharybdis.test.external=127.0.0.1:9043 -Dcharybdis.test.external.credentials=cassandra:cassandra}).
 */
class JsonFunctionsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        // no schema metadata: the driver would otherwise wait a debounce window after every DDL statement
        session = server.session(o -> o.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false));
        session.execute("CREATE KEYSPACE IF NOT EXISTS fj WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("DROP TABLE IF EXISTS fj.t");
        session.execute("DROP TYPE IF EXISTS fj.addr");
        session.execute("CREATE TYPE fj.addr (street text, num int)");
        session.execute("CREATE TABLE fj.t (k int, c int, v int, t text, l list<text>, m map<int, text>, a addr, PRIMARY KEY (k, c))");
    }

    private static String json(String cql) {
        return session.execute(cql).one().getString(0);
    }

    @Test
    void fromJsonValuesInInsertUpdateAndWhere() {
        session.execute("INSERT INTO fj.t (k, c, v) VALUES (fromJson('1'), fromJson('\"2\"'), from_json('4'))");
        session.execute("UPDATE fj.t SET t = fromJson('\"zz\"'), l = fromJson('[\"a\", \"b\"]'), m = fromJson('{\"1\": \"x\"}'), "
                + "a = fromJson('{\"street\": \"s\"}') WHERE k = fromJson('1') AND c = 2");
        session.execute("UPDATE fj.t SET m[2] = fromJson('\"y\"'), l = l + fromJson('[\"c\"]'), a.num = fromJson('7'), "
                + "v = (int)fromJson('5') WHERE k = 1 AND c = 2");
        assertThat(json("SELECT JSON k, c, v, t, l, m, a FROM fj.t WHERE k = 1 AND c = fromJson('2')")).isEqualTo("{\"k\": 1, \"c\": 2, "
                + "\"v\": 5, \"t\": \"zz\", \"l\": [\"a\", \"b\", \"c\"], \"m\": {\"1\": \"x\", \"2\": \"y\"}, \"a\": {\"street\": \"s\", \"num\": 7}}");
        assertThat(session.execute("SELECT c FROM fj.t WHERE k IN (fromJson('1'), fromJson('2'))").all()).hasSize(1);
        session.execute("UPDATE fj.t SET t = fromJson('null'), v = fromJson(null) WHERE k = 1 AND c = 2");
        assertThat(json("SELECT JSON t, v FROM fj.t WHERE k = 1 AND c = 2")).isEqualTo("{\"t\": null, \"v\": null}");
        assertThatThrownBy(() -> session.execute("SELECT k FROM fj.t WHERE k = fromJson('null')")).isInstanceOf(InvalidQueryException.class)
                .hasMessage("Invalid null value in condition for column k");
    }

    @Test
    void fromJsonWithBindMarkers() {
        PreparedStatement update = session.prepare("UPDATE fj.t SET v = fromJson(?) WHERE k = ? AND c = ?");
        assertThat(update.getVariableDefinitions()).extracting(v -> v.getName().asInternal())
                .containsExactly("arg0(system.fromjson)", "k", "c");
        session.execute(update.bind("7", 3, 1));
        assertThat(session.execute("SELECT v FROM fj.t WHERE k = 3 AND c = 1").one().getInt(0)).isEqualTo(7);
        assertThatThrownBy(() -> session.execute(update.bind("\"x\"", 3, 1))).isInstanceOf(FunctionFailureException.class)
                .hasMessage("org.apache.cassandra.serializers.MarshalException: Unable to make int from 'x'");
        PreparedStatement insert = session.prepare("INSERT INTO fj.t (k, c, t) VALUES (?, fromJson(?), fromJson(:named))");
        assertThat(insert.getVariableDefinitions()).extracting(v -> v.getName().asInternal())
                .containsExactly("k", "arg0(system.fromjson)", "named");
        session.execute(insert.bind(3, "2", "\"q\""));
        assertThat(session.execute("SELECT t FROM fj.t WHERE k = 3 AND c = 2").one().getString(0)).isEqualTo("q");
    }

    @Test
    void fromJsonErrors() {
        assertThatThrownBy(() -> session.execute("SELECT k FROM fj.t WHERE k = fromJson(1)")).isInstanceOf(InvalidQueryException.class)
                .hasMessage("Function system.fromjson requires an argument of type text, but found argument 1 of type int");
        assertThatThrownBy(() -> session.execute("SELECT k FROM fj.t WHERE k = fromJson()")).isInstanceOf(InvalidQueryException.class)
                .hasMessage("Invalid number of arguments for function system.fromjson(text)");
        assertThatThrownBy(() -> session.execute("SELECT k FROM fj.t WHERE k = fromJson('1', '2')")).isInstanceOf(InvalidQueryException.class)
                .hasMessage("Invalid number of arguments for function system.fromjson(text)");
        assertThatThrownBy(() -> session.execute("SELECT k FROM fj.t WHERE k = fromJson('1.5')")).isInstanceOf(FunctionFailureException.class)
                .hasMessage("org.apache.cassandra.serializers.MarshalException: Expected an int value, but got a Double: 1.5");
        assertThatThrownBy(() -> session.execute("UPDATE fj.t SET t = fromJson('1') WHERE k = 1 AND c = 2"))
                .isInstanceOf(FunctionFailureException.class)
                .hasMessage("org.apache.cassandra.serializers.MarshalException: Expected a UTF-8 string, but got a Integer: 1");
        assertThatThrownBy(() -> session.execute("SELECT k FROM fj.t WHERE k = fromJson('x')")).isInstanceOf(FunctionFailureException.class)
                .hasMessageStartingWith("execution of 'system.fromjson[text]' failed: Could not decode JSON string 'x': "
                        + "com.fasterxml.jackson.core.JsonParseException: Unrecognized token 'x': was expecting (JSON String, Number, "
                        + "Array, Object or token 'null', 'true' or 'false')");
        assertThatThrownBy(() -> session.execute("UPDATE fj.t SET v = fromJson('') WHERE k = 1 AND c = 2"))
                .isInstanceOf(FunctionFailureException.class)
                .hasMessage("execution of 'system.fromjson[text]' failed: Could not decode JSON string '': "
                        + "com.fasterxml.jackson.databind.exc.MismatchedInputException: No content to map due to end-of-input\n"
                        + " at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1]");
    }

    @Test
    void toJsonAsATextValue() {
        session.execute("INSERT INTO fj.t (k, c, t) VALUES (4, 1, toJson(4))");
        session.execute("UPDATE fj.t SET v = fromJson(toJson(4)) WHERE k = 4 AND c = 1");
        Row row = session.execute("SELECT t, v FROM fj.t WHERE k = 4 AND c = 1").one();
        assertThat(row.getString(0)).isEqualTo("4");
        assertThat(row.getInt(1)).isEqualTo(4);
        session.execute("UPDATE fj.t SET t = toJson('x') WHERE k = 4 AND c = 1");
        assertThat(session.execute("SELECT t FROM fj.t WHERE k = 4 AND c = 1").one().getString(0)).isEqualTo("\"x\"");
        assertThatThrownBy(() -> session.execute("UPDATE fj.t SET v = toJson(4) WHERE k = 4 AND c = 1"))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessage("Type error: cannot assign result of function system.tojson (type text) to v (type int)");
    }
}
