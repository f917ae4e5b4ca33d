package org.charybdis.server.cql.json;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.type.DataTypes;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code SELECT JSON} and {@code toJson()} in selections through the Java driver. Every expected text and
 * error was recorded from Apache Cassandra 5.0.6 running the same statements (this class also passes
 * against it: {@code -Dcharybdis.test.external=127.0.0.1:9043 -Dcharybdis.test.external.credentials=cassandra:cassandra}).
 */
class SelectJsonTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        // no schema metadata: the driver would otherwise wait a debounce window after every DDL statement
        session = server.session(o -> o.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false));
        session.execute("CREATE KEYSPACE IF NOT EXISTS sj WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("DROP TABLE IF EXISTS sj.all_types");
        session.execute("DROP TABLE IF EXISTS sj.names");
        session.execute("DROP TABLE IF EXISTS sj.rows");
        session.execute("DROP TYPE IF EXISTS sj.addr");
        session.execute("DROP TYPE IF EXISTS sj.odd");
        session.execute("CREATE TYPE sj.addr (street text, \"Zip\" int, tags frozen<list<text>>)");
        session.execute("CREATE TYPE sj.odd (\"a b\" int, \"select\" int, \"Up\" int, \"q\"\"x\" int)");
        session.execute("CREATE TABLE sj.all_types (k int PRIMARY KEY, a ascii, b bigint, bl blob, bo boolean, d date, de decimal, "
                + "db double, du duration, f float, i inet, n int, si smallint, t text, ti time, ts timestamp, tu timeuuid, "
                + "tin tinyint, u uuid, vi varint, l list<text>, s set<int>, m map<int, text>, fl frozen<list<int>>, "
                + "tp tuple<int, text, boolean>, ud addr, fud frozen<addr>, ve vector<float, 3>, mk map<frozen<list<int>>, int>, "
                + "mt map<timestamp, boolean>, nested list<frozen<map<text, frozen<set<int>>>>>, o frozen<odd>, mb map<boolean, double>)");
        session.execute("CREATE TABLE sj.names (k int, c int, \"Quoted\" int, \"select\" int, \"Mixed Case\" text, \"with\"\"quote\" int, "
                + "PRIMARY KEY (k, c))");
        session.execute("CREATE TABLE sj.rows (k int, c int, s int static, v text, PRIMARY KEY (k, c))");
    }

    private static List<String> json(String cql) {
        List<String> rows = new ArrayList<>();
        for (Row row : session.execute(cql)) rows.add(row.getString(0));
        return rows;
    }

    @Test
    void everyTypeHasCassandrasJsonForm() {
        session.execute("INSERT INTO sj.all_types (k, a, b, bl, bo, d, de, db, du, f, i, n, si, t, ti, ts, tu, tin, u, vi, l, s, m, fl, "
                + "tp, ud, fud, ve, mk, mt, nested, o, mb) VALUES (1, 'asc\"ii', -9223372036854775808, 0xcafe, true, '2024-02-29', "
                + "123.456e-20, 1.5e300, 1y2mo3w4d5h6m7s8ms9us10ns, 3.25, '::1', 2147483647, -32768, 'tab\tnl\"q\\u00e9', "
                + "'13:45:01.123456789', '2024-03-01 12:34:56.789+0200', 6b3a2f70-d9a1-11ee-8000-000000000000, -128, "
                + "123e4567-e89b-12d3-a456-426614174000, 123456789012345678901234567890, ['x', 'y'], {3, 1, 2}, {2: 'two', 1: 'one'}, "
                + "[1, 2], (1, 'a', false), {street: 'main', \"Zip\": 123, tags: ['a']}, {street: 's'}, [1.0, 2.5, -3], {[1,2]: 3}, "
                + "{'2020-01-01': true}, [{'a': {1, 2}}], {\"a b\": 1, \"select\": 2, \"Up\": 3, \"q\"\"x\": 4}, {true: 1.5, false: 2})");
        assertThat(json("SELECT JSON * FROM sj.all_types WHERE k = 1")).containsExactly("{\"k\": 1, \"a\": \"asc\\\"ii\", "
                + "\"b\": -9223372036854775808, \"bl\": \"0xcafe\", \"bo\": true, \"d\": \"2024-02-29\", \"db\": 1.5E300, "
                + "\"de\": 1.23456E-18, \"du\": \"1y2mo25d5h6m7s8ms9us10ns\", \"f\": 3.25, \"fl\": [1, 2], "
                + "\"fud\": {\"street\": \"s\", \"\\\"Zip\\\"\": null, \"tags\": null}, \"i\": \"0:0:0:0:0:0:0:1\", \"l\": [\"x\", \"y\"], "
                + "\"m\": {\"1\": \"one\", \"2\": \"two\"}, \"mb\": {\"false\": 2.0, \"true\": 1.5}, \"mk\": {\"[1, 2]\": 3}, "
                + "\"mt\": {\"2020-01-01 00:00:00.000Z\": true}, \"n\": 2147483647, \"nested\": [{\"a\": [1, 2]}], "
                + "\"o\": {\"a b\": 1, \"select\": 2, \"\\\"Up\\\"\": 3, \"q\\\"x\": 4}, \"s\": [1, 2, 3], \"si\": -32768, "
                + "\"t\": \"tab\\tnl\\\"q\\\\u00e9\", \"ti\": \"13:45:01.123456789\", \"tin\": -128, \"tp\": [1, \"a\", false], "
                + "\"ts\": \"2024-03-01 10:34:56.789Z\", \"tu\": \"6b3a2f70-d9a1-11ee-8000-000000000000\", "
                + "\"u\": \"123e4567-e89b-12d3-a456-426614174000\", \"ud\": {\"street\": \"main\", \"\\\"Zip\\\"\": 123, \"tags\": [\"a\"]}, "
                + "\"ve\": [1.0, 2.5, -3.0], \"vi\": 123456789012345678901234567890}");
    }

    @Test
    void specialValuesNullsAndEmptyValues() {
        session.execute("INSERT INTO sj.all_types (k, db, f, de, vi, bl, t) VALUES (2, NaN, -Infinity, 0.1, -1, 0x, '')");
        assertThat(json("SELECT JSON k, db, f, de, vi, bl, t, n, l FROM sj.all_types WHERE k = 2"))
                .containsExactly("{\"k\": 2, \"db\": null, \"f\": null, \"de\": 0.1, \"vi\": -1, \"bl\": \"0x\", \"t\": \"\", \"n\": null, \"l\": null}");
        // Cassandra fails SELECT JSON on an empty boolean (a server error); toJson gives null for every empty value
        session.execute("INSERT INTO sj.all_types (k, n, b, ts, u, i, de, vi) VALUES (3, blobAsInt(0x), blobAsBigint(0x), "
                + "blobAsTimestamp(0x), blobAsUuid(0x), blobAsInet(0x), blobAsDecimal(0x), blobAsVarint(0x))");
        Row row = session.execute("SELECT toJson(n), toJson(b), toJson(i), toJson(de), toJson(vi), toJson(u) FROM sj.all_types WHERE k = 3").one();
        for (int i = 0; i < 6; i++) assertThat(row.getString(i)).isEqualTo("null");
    }

    @Test
    void keysAreResultColumnNamesQuotedWhenTheyHaveUpperCase() {
        session.execute("INSERT INTO sj.names (k, c, \"Quoted\", \"select\", \"with\"\"quote\") VALUES (1, 2, 3, 2, 3)");
        assertThat(json("SELECT JSON * FROM sj.names WHERE k = 1"))
                .containsExactly("{\"k\": 1, \"c\": 2, \"\\\"Mixed Case\\\"\": null, \"\\\"Quoted\\\"\": 3, \"select\": 2, \"with\\\"quote\": 3}");
        assertThat(json("SELECT JSON k AS \"Key\", c AS cc, \"select\" AS \"a b\", k AS \"x\"\"y\", toJson(k) AS tj FROM sj.names WHERE k = 1"))
                .containsExactly("{\"\\\"Key\\\"\": 1, \"cc\": 2, \"a b\": 2, \"x\\\"y\": 1, \"tj\": \"1\"}");
        assertThat(json("SELECT JSON k, k FROM sj.names WHERE k = 1")).containsExactly("{\"k\": 1, \"k\": 1}");
        assertThat(json("SELECT JSON k, ttl(\"Mixed Case\"), token(k), cast(c as text), c + 1, (bigint)5 FROM sj.names WHERE k = 1"))
                .containsExactly("{\"k\": 1, \"\\\"ttl(Mixed Case)\\\"\": null, \"system.token(k)\": -4069959284402364209, "
                        + "\"cast(c as text)\": \"2\", \"c + 1\": 3, \"(bigint)5\": 5}");
    }

    @Test
    void distinctLimitPagingAggregatesAndEmptyResults() {
        for (int c = 1; c <= 5; c++) session.execute("INSERT INTO sj.rows (k, c, v) VALUES (1, " + c + ", 'v" + c + "')");
        session.execute("INSERT INTO sj.rows (k, c, s, v) VALUES (2, 1, 7, 'w')");
        assertThat(json("SELECT JSON DISTINCT k, s FROM sj.rows")).containsExactly("{\"k\": 1, \"s\": null}", "{\"k\": 2, \"s\": 7}");
        assertThat(json("SELECT JSON DISTINCT s, k FROM sj.rows WHERE k = 2")).containsExactly("{\"s\": 7, \"k\": 2}");
        assertThat(json("SELECT JSON c, v FROM sj.rows WHERE k = 1 LIMIT 2")).containsExactly("{\"c\": 1, \"v\": \"v1\"}", "{\"c\": 2, \"v\": \"v2\"}");
        assertThat(json("SELECT JSON c FROM sj.rows WHERE k = 1 ORDER BY c DESC LIMIT 1")).containsExactly("{\"c\": 5}");
        assertThat(json("SELECT JSON count(*), max(c), sum(c), avg(c) FROM sj.rows WHERE k = 1"))
                .containsExactly("{\"count\": 5, \"system.max(c)\": 5, \"system.sum(c)\": 15, \"system.avg(c)\": 3}");
        assertThat(json("SELECT JSON count(*) FROM sj.rows WHERE k = 99")).containsExactly("{\"count\": 0}");
        assertThat(json("SELECT JSON k FROM sj.rows WHERE k = 99")).isEmpty();

        ResultSet paged = session.execute(SimpleStatement.newInstance("SELECT JSON c, s FROM sj.rows WHERE k = 1").setPageSize(2));
        assertThat(paged.getAvailableWithoutFetching()).isEqualTo(2);
        List<String> all = new ArrayList<>();
        for (Row row : paged) all.add(row.getString("[json]"));
        assertThat(all).containsExactly("{\"c\": 1, \"s\": null}", "{\"c\": 2, \"s\": null}", "{\"c\": 3, \"s\": null}",
                "{\"c\": 4, \"s\": null}", "{\"c\": 5, \"s\": null}");
    }

    @Test
    void resultIsOneTextColumnNamedJsonAlsoWhenPrepared() {
        session.execute("INSERT INTO sj.rows (k, c, v) VALUES (3, 1, 'x')");
        PreparedStatement prepared = session.prepare("SELECT JSON c, v FROM sj.rows WHERE k = ?");
        ColumnDefinitions columns = prepared.getResultSetDefinitions();
        assertThat(columns.size()).isEqualTo(1);
        assertThat(columns.get(0).getName().asInternal()).isEqualTo("[json]");
        assertThat(columns.get(0).getType()).isEqualTo(DataTypes.TEXT);
        assertThat(columns.get(0).getTable().asInternal()).isEqualTo("rows");
        assertThat(prepared.getVariableDefinitions().get(0).getName().asInternal()).isEqualTo("k");
        assertThat(session.execute(prepared.bind(3)).one().getString(0)).isEqualTo("{\"c\": 1, \"v\": \"x\"}");
    }

    @Test
    void toJsonInSelections() {
        session.execute("INSERT INTO sj.rows (k, c, v) VALUES (4, 1, 'a\"b')");
        Row row = session.execute("SELECT toJson(k), toJson(v), to_json(s), system.toJson(c), toJson(toJson(v)), toJson(1), "
                + "toJson((int)1), toJson(now()) FROM sj.rows WHERE k = 4").one();
        assertThat(row.getColumnDefinitions()).extracting(c -> c.getName().asInternal()).containsExactly("system.tojson(k)",
                "system.tojson(v)", "system.tojson(s)", "system.tojson(c)", "system.tojson(system.tojson(v))", "system.tojson(1)",
                "system.tojson((int)1)", "system.tojson(system.now())");
        assertThat(row.getString(0)).isEqualTo("4");
        assertThat(row.getString(1)).isEqualTo("\"a\\\"b\"");
        assertThat(row.getString(2)).isEqualTo("null");
        assertThat(row.getString(3)).isEqualTo("1");
        assertThat(row.getString(4)).isEqualTo("\"\\\"a\\\\\\\"b\\\"\"");
        assertThat(row.getString(5)).isEqualTo("1");
        assertThat(row.getString(6)).isEqualTo("1");
        assertThat(row.getString(7)).matches("\"[0-9a-f-]{36}\"");
        assertThat(json("SELECT JSON toJson(k), toJson(toJson(k)) FROM sj.rows WHERE k = 4"))
                .containsExactly("{\"system.tojson(k)\": \"4\", \"system.tojson(system.tojson(k))\": \"\\\"4\\\"\"}");
        Row count = session.execute("SELECT toJson(count(*)) FROM sj.rows WHERE k = 4").one();
        assertThat(count.getColumnDefinitions().get(0).getName().asInternal()).isEqualTo("system.tojson(count)");
        assertThat(count.getString(0)).isEqualTo("1");
    }

    @Test
    void jsonFunctionErrorsInSelections() {
        assertThatThrownBy(() -> session.execute("SELECT toJson() FROM sj.rows")).isInstanceOf(InvalidQueryException.class)
                .hasMessage("Invalid number of arguments for function system.tojson(any)");
        assertThatThrownBy(() -> session.execute("SELECT toJson(k, c) FROM sj.rows")).isInstanceOf(InvalidQueryException.class)
                .hasMessage("Invalid number of arguments for function system.tojson(any)");
        assertThatThrownBy(() -> session.prepare("SELECT toJson(?) FROM sj.rows")).isInstanceOf(InvalidQueryException.class)
                .hasMessage("Cannot infer type of argument ? in call to function system.tojson(any): use type casts to disambiguate");
        assertThatThrownBy(() -> session.execute("SELECT fromJson(v) FROM sj.rows")).isInstanceOf(InvalidQueryException.class)
                .hasMessage("fromjson() cannot be used in the selection clause of a SELECT statement");
        assertThatThrownBy(() -> session.execute("SELECT JSON fromJson('1') FROM sj.rows")).isInstanceOf(InvalidQueryException.class)
                .hasMessage("fromjson() cannot be used in the selection clause of a SELECT statement");
    }
}
