package org.charybdis.server.cql.udf;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.CqlDuration;
import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.driver.api.core.servererrors.FunctionFailureException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Java UDFs taking and returning UDTs, tuples, dates, durations, inets and the other types, with bodies written
 * for Cassandra 5.0 ({@code udfContext}, {@code UDTValue}, {@code TupleValue}); each answer and error recorded
 * from Apache Cassandra 5.0.6 with the same statements.
 */
class UserFunctionTypesTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension()
            .with(ServerConfig.USER_DEFINED_FUNCTIONS_ENABLED, true);
    private static CqlSession session;

    @BeforeAll
    static void keyspace() {
        session = server.session(options -> options.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false));
        session.execute("CREATE KEYSPACE udf_ty WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("USE udf_ty");
        session.execute("CREATE TYPE t5 (x int)");
        session.execute("CREATE TYPE pt (name text, at timestamp, tags set<text>)");
        session.execute("CREATE TABLE alltypes (k int PRIMARY KEY, d date, t time, i inet, du duration, vi varint, de decimal, si smallint, "
                + "ti tinyint, b blob, tu timeuuid, ts timestamp, tup frozen<tuple<int, text>>, u frozen<t5>, l list<date>, m map<text, frozen<t5>>, "
                + "p frozen<pt>)");
        session.execute("INSERT INTO alltypes (k, d, t, i, du, vi, de, si, ti, b, tu, ts, tup, u, l, m) VALUES (1, '2024-02-03', "
                + "'10:11:12.123456789', '10.1.2.3', 1mo2d3h, 12345678901234567890, 1.25, 7, 3, 0xcafe, 50554d6e-29bb-11e5-b345-feff819cdc9f, "
                + "'2024-02-03 04:05:06+0000', (1, 'x'), {x: 5}, ['2024-01-01'], {'a': {x: 9}})");
        session.execute("INSERT INTO alltypes (k, u, tup, p) VALUES (2, {x: null}, (null, 'it''s'), "
                + "{name: 'a', at: '2024-01-01 00:00:00+0000', tags: {'q', 'r'}})");
    }

    @Test
    void argumentsArriveAsCassandrasJavaUdfsSeeThem() {
        function("show_d(a date)", "text", "return a + \" \" + a.getYear() + \"-\" + a.getMonth() + \"-\" + a.getDay() + \" \" "
                + "+ a.getDaysSinceEpoch() + \" \" + a.add(java.util.Calendar.DAY_OF_MONTH, 1);");
        function("show_t(a time)", "text", "return \"\" + a;");
        function("show_i(a inet)", "text", "return \"\" + a;");
        function("show_du(a duration)", "text", "return a + \" \" + a.getMonths() + \" \" + a.getDays() + \" \" + a.getNanoseconds();");
        function("show_num(vi varint, de decimal, si smallint, ti tinyint)", "text", "return vi + \" \" + de + \" \" + si + \" \" + ti;");
        function("show_b(b blob, tu timeuuid, ts timestamp)", "text", "return b.remaining() + \" \" + tu.remaining() + \" \" + ts.getTime();");
        function("show_tup(a tuple<int, text>)", "text", "return a + \" \" + a.getInt(0) + a.getString(1) + \" \" + a.getType();");
        function("show_u(a t5)", "text", "return a + \" \" + a.getInt(\"x\") + \" \" + a.getType();");
        function("show_l(a list<date>, m map<text, frozen<t5>>)", "text", "return a + \" \" + m + \" \" + m.get(\"a\").getInt(\"x\");");
        Row row = session.execute("SELECT show_d(d), show_t(t), show_i(i), show_du(du), show_num(vi, de, si, ti), show_b(b, tu, ts), "
                + "show_tup(tup), show_u(u), show_l(l, m) FROM alltypes WHERE k = 1").one();
        assertThat(row.getString(0)).isEqualTo("2024-02-03 2024-2-3 19756 2024-02-04");
        assertThat(row.getString(1)).isEqualTo("36672123456789");
        assertThat(row.getString(2)).isEqualTo("/10.1.2.3");
        assertThat(row.getString(3)).isEqualTo("1mo2d3h 1 2 10800000000000");
        assertThat(row.getString(4)).isEqualTo("12345678901234567890 1.25 7 3");
        assertThat(row.getString(5)).isEqualTo("2 16 1706933106000");
        assertThat(row.getString(6)).isEqualTo("(1,'x') 1x frozen<tuple<int, text>>");
        assertThat(row.getString(7)).isEqualTo("{x:5} 5 frozen<udf_ty.t5>");
        assertThat(row.getString(8)).isEqualTo("[2024-01-01] {a={x:9}} 9");

        function("show_nulls(a t5, b tuple<int, text>)", "text", "return a + \" \" + b;");
        function("show_pt(p pt)", "text", "return p + \" \" + p.getSet(\"tags\", String.class).size();");
        row = session.execute("SELECT show_nulls(u, tup), show_pt(p) FROM alltypes WHERE k = 2").one();
        assertThat(row.getString(0)).isEqualTo("{x:NULL} (NULL,'it''s')");
        assertThat(row.getString(1)).isEqualTo("{name:'a',at:1704067200000,tags:{'q','r'}} 2");
    }

    @Test
    void udfContextBuildsReturnedUdtsAndTuples() {
        // the example of Cassandra's CQL reference (functions.adoc), unchanged
        session.execute("CREATE TYPE custom_type (txt text, i int)");
        session.execute("""
                CREATE FUNCTION fct_using_udt ( somearg int )
                    RETURNS NULL ON NULL INPUT
                    RETURNS custom_type
                    LANGUAGE java
                    AS $$
                        UDTValue udt = udfContext.newReturnUDTValue();
                        udt.setString("txt", "some string");
                        udt.setInt("i", 42);
                        return udt;
                    $$""");
        UdtValue custom = session.execute("SELECT fct_using_udt(k) FROM alltypes WHERE k = 1").one().getUdtValue(0);
        assertThat(custom.getString("txt")).isEqualTo("some string");
        assertThat(custom.getInt("i")).isEqualTo(42);

        function("r_tup(a int)", "tuple<int, text>", "TupleValue t = udfContext.newReturnTupleValue(); t.setInt(0, a); t.setString(1, \"v\"); return t;");
        function("r_tup2(a tuple<int, text>)", "tuple<int, text>",
                "TupleValue t = udfContext.newArgTupleValue(\"a\"); t.setInt(0, a.getInt(0) + 1); t.setString(1, a.getString(1) + \"!\"); return t;");
        function("r_u(a t5)", "t5", "UDTValue u = udfContext.newArgUDTValue(0); u.setInt(\"x\", a.getInt(\"x\") * 2); return u;");
        function("r_nested(a int)", "tuple<int, frozen<t5>>", "TupleValue t = udfContext.newReturnTupleValue(); "
                + "UDTValue u = udfContext.newUDTValue(\"t5\"); u.setInt(\"x\", a); t.setUDTValue(1, u); return t;");
        function("r_t3(a int)", "tuple<int, date>",
                "TupleValue t = udfContext.newTupleValue(\"tuple<int, date>\"); t.setInt(0, a); t.setDate(1, t.getDate(1)); return t;");
        function("dedupe(a int)", "set<frozen<t5>>", "Set<UDTValue> s = new HashSet(); "
                + "for (int i = 0; i < 3; i++) { UDTValue u = udfContext.newUDTValue(\"t5\"); u.setInt(\"x\", a); s.add(u); } return s;");
        Row row = session.execute("SELECT r_tup(k), r_tup2(tup), r_u(u), r_nested(k), r_t3(k), dedupe(k) FROM alltypes WHERE k = 1").one();
        assertThat(row.getSet(5, UdtValue.class)).hasSize(1);
        TupleValue tup = row.getTupleValue(0);
        assertThat(List.of(tup.getInt(0), tup.getString(1))).containsExactly(1, "v");
        TupleValue tup2 = row.getTupleValue(1);
        assertThat(List.of(tup2.getInt(0), tup2.getString(1))).containsExactly(2, "x!");
        assertThat(row.getUdtValue(2).getInt("x")).isEqualTo(10);
        TupleValue nested = row.getTupleValue(3);
        assertThat(nested.isNull(0)).isTrue();
        assertThat(nested.getUdtValue(1).getInt("x")).isEqualTo(1);
        assertThat(row.getTupleValue(4).getInt(0)).isEqualTo(1);
        assertThat(row.getTupleValue(4).isNull(1)).isTrue();
    }

    @Test
    void datesDurationsInetsAndCollectionsOfThemComeBack() {
        function("r_d(a date)", "date", "return a.add(java.util.Calendar.MONTH, 1);");
        function("r_l(a list<date>)", "list<date>", "return a;");
        function("r_dur(a duration)", "duration", "return a;");
        function("r_tu(a timeuuid)", "timeuuid", "return a;");
        function("r_i(a inet)", "inet", "return a.isLoopbackAddress() ? null : a;");
        Row row = session.execute("SELECT r_d(d), r_l(l), r_dur(du), r_tu(tu), r_i(i) FROM alltypes WHERE k = 1").one();
        assertThat(row.getLocalDate(0)).isEqualTo(LocalDate.of(2024, 3, 3));
        assertThat(row.getList(1, LocalDate.class)).containsExactly(LocalDate.of(2024, 1, 1));
        assertThat(row.getCqlDuration(2)).isEqualTo(CqlDuration.from("1mo2d3h"));
        assertThat(row.getUuid(3)).hasToString("50554d6e-29bb-11e5-b345-feff819cdc9f");
        assertThat(row.getInetAddress(4).getHostAddress()).isEqualTo("10.1.2.3");
    }

    @Test
    void aggregatesFoldTupleStates() {
        // the average example of Cassandra's CQL reference (functions.adoc), unchanged
        session.execute("CREATE FUNCTION averageState(state tuple<int,bigint>, val int) CALLED ON NULL INPUT RETURNS tuple<int,bigint> "
                + "LANGUAGE java AS 'if (val != null) { state.setInt(0, state.getInt(0)+1); state.setLong(1, state.getLong(1)+val.intValue()); } "
                + "return state;'");
        session.execute("CREATE FUNCTION averageFinal (state tuple<int,bigint>) CALLED ON NULL INPUT RETURNS double LANGUAGE java AS "
                + "'double r = 0; if (state.getInt(0) == 0) return null; r = state.getLong(1); r/= state.getInt(0); return Double.valueOf(r);'");
        session.execute("CREATE AGGREGATE average(int) SFUNC averageState STYPE tuple<int,bigint> FINALFUNC averageFinal INITCOND (0, 0)");
        session.execute("CREATE TABLE nums (k int, c int, v int, PRIMARY KEY (k, c))");
        session.execute("INSERT INTO nums (k, c, v) VALUES (1, 1, 10)");
        session.execute("INSERT INTO nums (k, c, v) VALUES (1, 2, 15)");
        session.execute("INSERT INTO nums (k, c) VALUES (1, 3)");
        assertThat(session.execute("SELECT average(v) FROM nums WHERE k = 1").one().getDouble(0)).isEqualTo(12.5);
        assertThat(session.execute("SELECT average(v) FROM nums WHERE k = 2").one().isNull(0)).isTrue();
    }

    @Test
    void alteredTypesReachTheFunctionsThatTakeThem() {
        session.execute("CREATE TYPE grows (x int)");
        session.execute("CREATE TABLE growing (k int PRIMARY KEY, g frozen<grows>)");
        session.execute("INSERT INTO growing (k, g) VALUES (1, {x: 5})");
        function("show_grows(a grows)", "text", "return \"\" + a;");
        function("make_grows(a int)", "grows", "UDTValue u = udfContext.newReturnUDTValue(); u.setInt(\"x\", a); return u;");
        session.execute("ALTER TYPE grows ADD y int");
        Row row = session.execute("SELECT show_grows(g), make_grows(k) FROM growing WHERE k = 1").one();
        assertThat(row.getString(0)).isEqualTo("{x:5,y:NULL}");
        assertThat(row.getUdtValue(1).getInt("x")).isEqualTo(1);
        assertThat(row.getUdtValue(1).isNull("y")).isTrue();
    }

    @Test
    void vectorsArriveAsLists() {
        function("show_vec(a vector<float, 2>)", "text", "return \"\" + a;");
        assertThat(session.execute("SELECT show_vec([1.0, 2.0]) FROM alltypes WHERE k = 1").one().getString(0)).isEqualTo("[1.0, 2.0]");
    }

    @Test
    void systemSchemaNamesTheTypesAsCassandraDoes() {
        function("sig_a(a tuple<int, text>, b t5, c map<text, frozen<t5>>)", "tuple<int, frozen<t5>>", "return null;");
        function("sig_b(v vector<float, 2>, d date)", "text", "return null;");
        session.execute("CREATE FUNCTION sig_state(s tuple<int, bigint>, v int) CALLED ON NULL INPUT RETURNS tuple<int, bigint> "
                + "LANGUAGE java AS 'return s;'");
        session.execute("CREATE AGGREGATE sig_agg(int) SFUNC sig_state STYPE tuple<int, bigint> INITCOND (0, 0)");
        List<String> functions = session.execute("SELECT function_name, argument_types, return_type FROM system_schema.functions "
                + "WHERE keyspace_name = 'udf_ty' AND function_name IN ('sig_a', 'sig_b')").all().stream()
                .map(r -> r.getString(0) + " " + r.getList(1, String.class) + " " + r.getString(2)).toList();
        assertThat(functions).containsExactly("sig_a [frozen<tuple<int, text>>, t5, map<text, frozen<t5>>] frozen<tuple<int, frozen<t5>>>",
                "sig_b [vector<float, 2>, date] text");
        Row aggregate = session.execute("SELECT argument_types, state_type, return_type, initcond FROM system_schema.aggregates "
                + "WHERE keyspace_name = 'udf_ty' AND aggregate_name = 'sig_agg'").one();
        assertThat(aggregate.getList(0, String.class) + " " + aggregate.getString(1) + " " + aggregate.getString(2) + " " + aggregate.getString(3))
                .isEqualTo("[int] frozen<tuple<int, bigint>> frozen<tuple<int, bigint>> (0, 0)");
    }

    @Test
    void misusedValuesFailTheCall() {
        function("udtbad(a t5)", "text", "return \"\" + a.getInt(\"nope\");");
        function("udtbad2(a t5)", "text", "return \"\" + a.getString(\"x\");");
        function("notudt(a int)", "text", "return \"\" + udfContext.newArgUDTValue(\"a\");");
        failure("SELECT udtbad({x: 1}) FROM alltypes WHERE k = 1", "java.lang.IllegalArgumentException: nope is not a field defined in this UDT");
        assertThatThrownBy(() -> session.execute("SELECT udtbad2({x: 1}) FROM alltypes WHERE k = 1")).isInstanceOf(FunctionFailureException.class)
                .hasMessageEndingWith("CodecNotFoundException: Codec not found for requested operation: [int <-> java.lang.String]");
        function("setbad(a t5)", "t5", "a.setString(\"x\", \"s\"); return a;");
        function("rt(a int)", "int", "return udfContext.newReturnTupleValue() == null ? 1 : 2;");
        function("nu(a int)", "int", "return udfContext.newUDTValue(\"nope\") == null ? 1 : 2;");
        function("an(a int)", "int", "return udfContext.newArgUDTValue(\"zz\") == null ? 1 : 2;");
        function("ai(a int)", "int", "return udfContext.newArgTupleValue(3) == null ? 1 : 2;");
        failure("SELECT notudt(k) FROM alltypes WHERE k = 1", "java.lang.IllegalStateException: Function argument is not a UDT but a int");
        failure("SELECT rt(k) FROM alltypes WHERE k = 1", "java.lang.IllegalStateException: Function argument is not a tuple type but a int");
        failure("SELECT nu(k) FROM alltypes WHERE k = 1", "java.lang.IllegalArgumentException: No UDT named nope in keyspace udf_ty");
        failure("SELECT an(k) FROM alltypes WHERE k = 1", "java.lang.IllegalArgumentException: Function does not declare an argument named 'zz'");
        failure("SELECT ai(k) FROM alltypes WHERE k = 1", "java.lang.IllegalArgumentException: Function does not declare an argument with index 3");
        assertThatThrownBy(() -> session.execute("SELECT setbad(u) FROM alltypes WHERE k = 1")).isInstanceOf(FunctionFailureException.class)
                .hasMessageEndingWith("CodecNotFoundException: Codec not found for requested operation: [int <-> java.lang.String]");
    }

    @Test
    void bodiesAreCompiledAgainstCassandrasTypes() {
        invalid("CREATE FUNCTION r_tu2(a int) CALLED ON NULL INPUT RETURNS timeuuid LANGUAGE java "
                + "AS 'return java.util.UUID.fromString(\"50554d6e-29bb-11e5-b345-feff819cdc9f\");'",
                "Java source compilation failed:\nLine 1: Type mismatch: cannot convert from UUID to ByteBuffer\n");
        invalid("CREATE FUNCTION r_date(a int) CALLED ON NULL INPUT RETURNS date LANGUAGE java AS 'return LocalDate.fromYearMonthDay(2020, 1, a);'",
                "Java source compilation failed:\nLine 1: LocalDate cannot be resolved\n");
        invalid("CREATE FUNCTION r_inet(a text) CALLED ON NULL INPUT RETURNS inet LANGUAGE java "
                + "AS 'try { return java.net.InetAddress.getByName(a); } catch (Exception e) { throw new RuntimeException(e); }'",
                "Java UDF validation failed: [call to java.net.InetAddress.getByName()]");
        invalid("CREATE FUNCTION r_inet(a int) CALLED ON NULL INPUT RETURNS inet LANGUAGE java AS 'try { return "
                + "java.net.InetAddress.getByAddress(new byte[] {1,2,3,a.byteValue()}); } catch (Exception e) { throw new RuntimeException(e); }'",
                "Java UDF validation failed: [call to java.net.InetAddress.getByAddress()]");
    }

    @Test
    void typesInUseByFunctionsCannotBeDropped() {
        session.execute("CREATE TYPE used (x int)");
        session.execute("CREATE TYPE state (x int)");
        function("takes(a int, b tuple<int, frozen<used>>)", "int", "return 1;");
        function("takes(a used)", "int", "return 1;");
        session.execute("CREATE FUNCTION st(s state, v int) CALLED ON NULL INPUT RETURNS state LANGUAGE java AS 'return s;'");
        session.execute("CREATE AGGREGATE ag(int) SFUNC st STYPE state");
        assertThatThrownBy(() -> session.execute("DROP TYPE used")).isInstanceOf(InvalidQueryException.class)
                .hasMessage("Cannot drop user type 'udf_ty.used' as it is still used by functions udf_ty.takes, udf_ty.takes");
        assertThatThrownBy(() -> session.execute("DROP TYPE state")).isInstanceOf(InvalidQueryException.class)
                .hasMessage("Cannot drop user type 'udf_ty.state' as it is still used by functions udf_ty.st, udf_ty.ag");
        session.execute("DROP FUNCTION takes(int, tuple<int, frozen<used>>)");
        session.execute("DROP FUNCTION takes(used)");
        session.execute("DROP TYPE used");
    }

    private static void function(String signature, String returnType, String body) {
        session.execute("CREATE FUNCTION " + signature + " CALLED ON NULL INPUT RETURNS " + returnType + " LANGUAGE java AS $$" + body + "$$");
    }

    private static void failure(String cql, String message) {
        assertThatThrownBy(() -> session.execute(cql)).isInstanceOf(FunctionFailureException.class).hasMessage(message);
    }

    private static void invalid(String cql, String message) {
        assertThatThrownBy(() -> session.execute(cql)).isInstanceOf(InvalidQueryException.class).hasMessage(message);
    }
}
