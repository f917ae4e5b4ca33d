package org.charybdis.server.cql.statements.modification;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.SyntaxError;
import com.datastax.oss.driver.api.core.type.DataTypes;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code INSERT JSON} through the Java driver: every type's accepted forms, keys, DEFAULT NULL/UNSET, bind
 * markers and errors. Every expected text and error was recorded from Apache Cassandra 5.0.6 running the
 * same statements (this class also passes against it:
 * {@code -Dcharybdis.test.external=127.0.0.1:9043 -Dcharybdis.test.external.credentials=cassandra:cassandra}).
 */
class JsonInsertTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        // no schema metadata: the driver would otherwise wait a debounce window after every DDL statement
        session = server.session(o -> o.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false));
        session.execute("CREATE KEYSPACE IF NOT EXISTS ij WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        for (String table : List.of("types", "rows", "names", "cnt")) session.execute("DROP TABLE IF EXISTS ij." + table);
        session.execute("DROP TYPE IF EXISTS ij.addr");
        session.execute("CREATE TYPE ij.addr (street text, \"Zip\" int, tags frozen<list<text>>)");
        session.execute("CREATE TABLE ij.types (k int PRIMARY KEY, a ascii, b bigint, bl blob, bo boolean, d date, de decimal, "
                + "db double, du duration, f float, i inet, n int, si smallint, t text, ti time, ts timestamp, tu timeuuid, "
                + "tin tinyint, u uuid, vi varint, l list<text>, s set<int>, m map<int, text>, fl frozen<list<int>>, "
                + "tp tuple<int, text, boolean>, ud addr, fud frozen<addr>, ve vector<float, 3>, mk map<frozen<list<int>>, int>, "
                + "mt map<timestamp, boolean>, nested list<frozen<map<text, frozen<set<int>>>>>)");
        session.execute("CREATE TABLE ij.rows (k int, c int, s int static, v text, l list<int>, PRIMARY KEY (k, c))");
        session.execute("CREATE TABLE ij.names (k int, c int, \"Quoted\" int, \"with\"\"quote\" int, PRIMARY KEY (k, c))");
        session.execute("CREATE TABLE ij.cnt (k int PRIMARY KEY, n counter)");
    }

    private static String json(String cql) {
        Row row = session.execute(cql).one();
        return row == null ? null : row.getString(0);
    }

    private static void fails(String cql, String message) {
        assertThatThrownBy(() -> session.execute(cql)).as(cql).isInstanceOf(InvalidQueryException.class).hasMessage(message);
    }

    @Test
    void nativeTypesFromStringsAndNumbers() {
        session.execute("INSERT INTO ij.types JSON '{\"k\": 10, \"a\": \"x\\u0001y\", \"b\": \"12\", \"bl\": \"0xCAFE\", \"bo\": \"TRUE\", "
                + "\"d\": \"2020-01-01\", \"de\": \"1.5\", \"db\": \"2\", \"du\": \"1h\", \"f\": \"3\", \"i\": \"127.0.0.1\", \"n\": \"5\", "
                + "\"si\": \"7\", \"t\": \"txt\", \"ti\": \"10:00:00\", \"ts\": \"2020-01-01 00:00:00+0000\", "
                + "\"tu\": \"6b3a2f70-d9a1-11ee-8000-000000000000\", \"tin\": \"3\", \"u\": \"123e4567-e89b-12d3-a456-426614174000\", \"vi\": \"99\"}'");
        assertThat(json("SELECT JSON k, a, b, bl, bo, d, de, db, du, f, i, n, si, t, ti, ts, tu, tin, u, vi FROM ij.types WHERE k = 10"))
                .isEqualTo("{\"k\": 10, \"a\": \"x\\u0001y\", \"b\": 12, \"bl\": \"0xcafe\", \"bo\": true, \"d\": \"2020-01-01\", "
                        + "\"de\": 1.5, \"db\": 2.0, \"du\": \"1h\", \"f\": 3.0, \"i\": \"127.0.0.1\", \"n\": 5, \"si\": 7, \"t\": \"txt\", "
                        + "\"ti\": \"10:00:00.000000000\", \"ts\": \"2020-01-01 00:00:00.000Z\", \"tu\": \"6b3a2f70-d9a1-11ee-8000-000000000000\", "
                        + "\"tin\": 3, \"u\": \"123e4567-e89b-12d3-a456-426614174000\", \"vi\": 99}");
        // floats in JSON are doubles: a decimal keeps only a double's digits
        session.execute("INSERT INTO ij.types JSON '{\"k\": 11, \"b\": 12, \"de\": 3.14159265358979323846264338327950288, \"db\": 1, "
                + "\"f\": 2, \"ts\": \"1000\", \"vi\": 123456789012345678901234567890, \"d\": \"18000\", \"ti\": \"5000\", \"bo\": false}'");
        assertThat(json("SELECT JSON k, b, de, db, f, ts, vi, d, ti, bo FROM ij.types WHERE k = 11"))
                .isEqualTo("{\"k\": 11, \"b\": 12, \"de\": 3.141592653589793, \"db\": 1.0, \"f\": 2.0, \"ts\": \"1970-01-01 00:00:01.000Z\", "
                        + "\"vi\": 123456789012345678901234567890, \"d\": \"-5877592-10-03\", \"ti\": \"00:00:00.000005000\", \"bo\": false}");
        session.execute("INSERT INTO ij.types JSON '{\"k\": 14, \"de\": 5, \"vi\": 5, \"db\": 12345678901234567890, \"f\": 1e40, "
                + "\"ts\": 4000000000, \"d\": \"2147483648\", \"ti\": \"5000\", \"b\": \"-5\"}'");
        assertThat(json("SELECT JSON k, de, vi, db, f, ts, d, ti, b FROM ij.types WHERE k = 14"))
                .isEqualTo("{\"k\": 14, \"de\": 5, \"vi\": 5, \"db\": 1.2345678901234567E19, \"f\": null, \"ts\": \"1970-02-16 07:06:40.000Z\", "
                        + "\"d\": \"1970-01-01\", \"ti\": \"00:00:00.000005000\", \"b\": -5}");
        session.execute("INSERT INTO ij.types JSON '{\"k\": 15, \"de\": \"1e3\", \"db\": 1e400, \"f\": 12345678901234567890, "
                + "\"vi\": 12345678901234567890, \"du\": \"P1Y2M\", \"si\": -5, \"i\": \"::ffff:1.2.3.4\", \"n\": \"-0\"}'");
        assertThat(json("SELECT JSON k, de, db, f, vi, du, si, i, n FROM ij.types WHERE k = 15"))
                .isEqualTo("{\"k\": 15, \"de\": 1E+3, \"db\": null, \"f\": 1.2345679E19, \"vi\": 12345678901234567890, \"du\": \"1y2mo\", "
                        + "\"si\": -5, \"i\": \"1.2.3.4\", \"n\": 0}");
        session.execute("INSERT INTO ij.types JSON '{\"k\": 16, \"t\": \"\\ud83d\\ude00 \\u00e9 \\/\", \"ts\": \"2020-01-01T10:00:00.5+01:00\", "
                + "\"d\": \"4294967295\"}'");
        assertThat(json("SELECT JSON k, t, ts, d FROM ij.types WHERE k = 16"))
                .isEqualTo("{\"k\": 16, \"t\": \"\uD83D\uDE00 \u00e9 /\", \"ts\": \"2020-01-01 09:00:00.500Z\", \"d\": \"+5881580-07-11\"}");
        session.execute("INSERT INTO ij.types JSON '{\"k\": 17, \"ts\": -62135596800001, \"d\": \"0\", \"ti\": \"23:59:59.999999999\"}'");
        assertThat(json("SELECT JSON k, ts, d, ti FROM ij.types WHERE k = 17"))
                .isEqualTo("{\"k\": 17, \"ts\": \"0001-12-31 23:59:59.999Z\", \"d\": \"-5877641-06-23\", \"ti\": \"23:59:59.999999999\"}");
        session.execute("INSERT INTO ij.types JSON '{\"k\": 18, \"ts\": 253402300800000}'");
        assertThat(json("SELECT JSON ts FROM ij.types WHERE k = 18")).isEqualTo("{\"ts\": \"+10000-01-01 00:00:00.000Z\"}");
    }

    @Test
    void collectionsTuplesUserTypesAndVectors() {
        session.execute("INSERT INTO ij.types JSON '{\"k\": 20, \"l\": \"[\\\"a\\\"]\", \"s\": [3,3,1], \"m\": {\"1\": \"a\", \"2\": \"b\"}, "
                + "\"fl\": [4], \"tp\": [1, \"x\", null], \"ud\": {\"street\": \"s\", \"\\\"Zip\\\"\": 5}, \"fud\": {\"STREET\": \"u\"}, "
                + "\"ve\": [1, 2, 3], \"mk\": {\"[1, 2]\": 5}, \"mt\": {\"2020-01-01 00:00:00Z\": true}, \"nested\": [{\"q\": [1]}]}'");
        assertThat(json("SELECT JSON k, l, s, m, fl, tp, ud, fud, ve, mk, mt, nested FROM ij.types WHERE k = 20"))
                .isEqualTo("{\"k\": 20, \"l\": [\"a\"], \"s\": [1, 3], \"m\": {\"1\": \"a\", \"2\": \"b\"}, \"fl\": [4], \"tp\": [1, \"x\", null], "
                        + "\"ud\": {\"street\": \"s\", \"\\\"Zip\\\"\": 5, \"tags\": null}, \"fud\": {\"street\": \"u\", \"\\\"Zip\\\"\": null, \"tags\": null}, "
                        + "\"ve\": [1.0, 2.0, 3.0], \"mk\": {\"[1, 2]\": 5}, \"mt\": {\"2020-01-01 00:00:00.000Z\": true}, \"nested\": [{\"q\": [1]}]}");
        // composite values may come as strings holding their JSON
        session.execute("INSERT INTO ij.types JSON '{\"k\": 21, \"tp\": \"[1, \\\"a\\\", true]\", \"fl\": \"[3]\", \"s\": \"[5]\", "
                + "\"ud\": \"{\\\"street\\\": \\\"j\\\"}\", \"ve\": \"[1,2,3]\", \"m\": \"{\\\"3\\\": \\\"c\\\"}\", \"mt\": {\"1000\": false}}'");
        assertThat(json("SELECT JSON k, tp, fl, s, ud, ve, m, mt FROM ij.types WHERE k = 21"))
                .isEqualTo("{\"k\": 21, \"tp\": [1, \"a\", true], \"fl\": [3], \"s\": [5], \"ud\": {\"street\": \"j\", \"\\\"Zip\\\"\": null, \"tags\": null}, "
                        + "\"ve\": [1.0, 2.0, 3.0], \"m\": {\"3\": \"c\"}, \"mt\": {\"1970-01-01 00:00:01.000Z\": false}}");
        // empty non-frozen collections and UDTs are null, frozen ones are values
        session.execute("INSERT INTO ij.types JSON '{\"k\": 22, \"tp\": [null, null, null], \"ud\": {}, \"fud\": {}, \"l\": [], \"s\": [], "
                + "\"m\": {}, \"fl\": []}'");
        assertThat(json("SELECT JSON k, tp, ud, fud, l, s, m, fl FROM ij.types WHERE k = 22"))
                .isEqualTo("{\"k\": 22, \"tp\": [null, null, null], \"ud\": null, \"fud\": {\"street\": null, \"\\\"Zip\\\"\": null, \"tags\": null}, "
                        + "\"l\": null, \"s\": null, \"m\": null, \"fl\": []}");
    }

    @Test
    void valuesThatDoNotFitTheirTypes() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("\"n\": 2147483648", "n: Expected an int value, but got a Long: 2147483648");
        cases.put("\"n\": 1.5", "n: Expected an int value, but got a Double: 1.5");
        cases.put("\"n\": \" 5\"", "n: Unable to make int from ' 5'");
        cases.put("\"si\": 40000", "si: Unable to make short from '40000'");
        cases.put("\"si\": true", "si: Expected a short value, but got a Boolean: true");
        cases.put("\"tin\": 200", "tin: Unable to make byte from '200'");
        cases.put("\"tin\": true", "tin: Expected a byte value, but got a Boolean: true");
        cases.put("\"b\": 9223372036854775808", "b: Expected a bigint value, but got a BigInteger: 9223372036854775808");
        cases.put("\"b\": 1.0", "b: Expected a bigint value, but got a Double: 1.0");
        cases.put("\"b\": \"x\"", "b: Unable to make long from 'x'");
        cases.put("\"bo\": 1", "bo: Expected a boolean value, but got a Integer: 1");
        cases.put("\"bo\": \"yes\"", "bo: Unable to make boolean from 'yes'");
        cases.put("\"bl\": \"cafe\"", "bl: Value 'cafe' is not a valid blob representation: String representation of blob is missing 0x prefix: cafe");
        cases.put("\"bl\": \"0X0A\"", "bl: Value '0X0A' is not a valid blob representation: String representation of blob is missing 0x prefix: 0X0A");
        cases.put("\"bl\": \"0xcaf\"", "bl: Value '0xcaf' is not a valid blob representation: cannot parse 'caf' as hex bytes");
        cases.put("\"bl\": 5", "bl: Value '5' is not a valid blob representation: class java.lang.Integer cannot be cast to class java.lang.String "
                + "(java.lang.Integer and java.lang.String are in module java.base of loader 'bootstrap')");
        cases.put("\"d\": \"2020-13-01\"", "d: Unable to coerce '2020-13-01' to a formatted date (long)");
        cases.put("\"d\": 18000", "d: Expected a string representation of a date value, but got a Integer: 18000");
        cases.put("\"ts\": \"garbage\"", "ts: Unable to parse a date/time from 'garbage'");
        cases.put("\"ts\": 1000", "ts: Expected a long or a datestring representation of a timestamp value, but got a Integer: 1000");
        cases.put("\"ts\": 1.5", "ts: Expected a long or a datestring representation of a timestamp value, but got a Double: 1.5");
        cases.put("\"u\": \"nope\"", "u: Unable to make UUID from 'nope'");
        cases.put("\"u\": 5", "u: Expected a string representation of a uuid, but got a Integer: 5");
        cases.put("\"tu\": \"123e4567-e89b-42d3-a456-426614174000\"", "tu: TimeUUID supports only version 1 UUIDs");
        cases.put("\"tu\": \"zz\"", "tu: Unknown timeuuid representation: zz");
        cases.put("\"tu\": 5", "tu: Expected a string representation of a timeuuid, but got a Integer: 5");
        cases.put("\"i\": \"999.1.1.1\"", "i: Unable to make inet address from '999.1.1.1'");
        cases.put("\"i\": 5", "i: Expected a string representation of an inet value, but got a Integer: 5");
        cases.put("\"du\": 5", "du: Expected a string representation of a duration, but got a Integer: 5");
        cases.put("\"f\": \"abc\"", "f: Unable to make float from 'abc'");
        cases.put("\"f\": true", "f: Expected a float value, but got a Boolean: true");
        cases.put("\"db\": true", "db: Expected a double value, but got a Boolean: true");
        cases.put("\"db\": \"x\"", "db: Unable to make double from 'x'");
        cases.put("\"de\": \"abc\"", "de: Value 'abc' is not a valid representation of a decimal value");
        cases.put("\"de\": true", "de: Value 'true' is not a valid representation of a decimal value");
        cases.put("\"de\": 1e400", "de: Value 'Infinity' is not a valid representation of a decimal value");
        cases.put("\"vi\": 1.5", "vi: Value '1.5' is not a valid representation of a varint value");
        cases.put("\"vi\": \"x\"", "vi: Value 'x' is not a valid representation of a varint value");
        cases.put("\"ti\": \"25:00:00\"", "ti: (TimeType) Unable to coerce '25:00:00' to a formatted time (long)");
        cases.put("\"ti\": \"-1\"", "ti: Unable to make long (for time) from: '-1'");
        cases.put("\"ti\": 5000", "ti: Expected a string representation of a time value, but got a Integer: 5000");
        cases.put("\"a\": \"\u00e9\"", "a: Invalid ASCII character in string literal: java.nio.charset.UnmappableCharacterException: Input length = 1");
        cases.put("\"a\": 5", "a: Expected an ascii string, but got a Integer: 5");
        cases.put("\"t\": 5", "t: Expected a UTF-8 string, but got a Integer: 5");
        cases.put("\"l\": 5", "l: Expected a list, but got a Integer: 5");
        cases.put("\"l\": [null]", "l: Invalid null element in list");
        cases.put("\"s\": [1, null]", "s: Invalid null element in set");
        cases.put("\"s\": 5", "s: Expected a list (representing a set), but got a Integer: 5");
        cases.put("\"m\": [1]", "m: Expected a map, but got a ArrayList: [1]");
        cases.put("\"m\": {\"x\": \"a\"}", "m: Unable to make int from 'x'");
        cases.put("\"m\": {\"1\": 5}", "m: Expected a UTF-8 string, but got a Integer: 5");
        cases.put("\"m\": {\"1\": null}", "m: Invalid null value in map");
        cases.put("\"mk\": {\"[1, null]\": 5}", "mk: Invalid null element in list");
        cases.put("\"tp\": [1]", "tp: Tuple is missing items (expected 3): [1]");
        cases.put("\"tp\": [1, \"a\", true, 4]", "tp: Tuple contains extra items (expected 3): [1, a, true, 4]");
        cases.put("\"tp\": [1, 2, 3]", "tp: Expected a UTF-8 string, but got a Integer: 2");
        cases.put("\"tp\": {\"a\": 1}", "tp: Expected a list representation of a tuple, but got a LinkedHashMap: {a=1}");
        cases.put("\"tp\": 5", "tp: Expected a list representation of a tuple, but got a Integer: 5");
        cases.put("\"ud\": {\"nope\": 1}", "ud: Unknown field 'nope' in value of user defined type addr");
        cases.put("\"ud\": {\"zip\": 1}", "ud: Unknown field 'zip' in value of user defined type addr");
        cases.put("\"ud\": [1]", "ud: Expected a map, but got a ArrayList: [1]");
        cases.put("\"fud\": 5", "fud: Expected a map, but got a Integer: 5");
        cases.put("\"ve\": [1, 2]", "ve: List had incorrect size: expected 3 but given 2; [1, 2]");
        cases.put("\"ve\": [1, null, 2]", "ve: Invalid null element in list");
        cases.put("\"ve\": [\"a\", 1, 2]", "ve: Unable to make float from 'a'");
        cases.put("\"ve\": 5", "ve: Expected a list, but got a Integer: 5");
        cases.forEach((value, message) -> fails("INSERT INTO ij.types JSON '{\"k\": 13, " + value + "}'", "Error decoding JSON value for " + message));
        // an unparsable duration is reported without the column
        fails("INSERT INTO ij.types JSON '{\"k\": 13, \"du\": \"xx\"}'", "Unable to convert 'xx' to a duration");
        assertThatThrownBy(() -> session.execute("INSERT INTO ij.types JSON '{\"k\": 13, \"l\": \"notjson\"}'"))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageStartingWith("Error decoding JSON value for l: Error decoding JSON string: Unrecognized token 'notjson': was expecting "
                        + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
        assertThat(json("SELECT JSON k FROM ij.types WHERE k = 13")).isNull();
    }

    @Test
    void keysAreCaseInsensitiveUnlessQuoted() {
        session.execute("INSERT INTO ij.names JSON '{\"K\": 1, \"c\": 1, \"\\\"Quoted\\\"\": 3, \"with\\\"quote\": 4}'");
        session.execute("INSERT INTO ij.names JSON '{\"\\\"k\\\"\": 1, \"c\": 2, \"\\\"with\\\"quote\\\"\": 5}'");
        // the last of two keys naming the same column wins
        session.execute("INSERT INTO ij.names JSON '{\"k\": 1, \"c\": 3, \"C\": 4}'");
        assertThat(session.execute("SELECT JSON * FROM ij.names WHERE k = 1").all()).extracting(r -> r.getString(0)).containsExactly(
                "{\"k\": 1, \"c\": 1, \"\\\"Quoted\\\"\": 3, \"with\\\"quote\": 4}",
                "{\"k\": 1, \"c\": 2, \"\\\"Quoted\\\"\": null, \"with\\\"quote\": 5}",
                "{\"k\": 1, \"c\": 4, \"\\\"Quoted\\\"\": null, \"with\\\"quote\": null}");
        fails("INSERT INTO ij.names JSON '{\"k\": 1, \"c\": 3, \"Quoted\": 5}'", "JSON values map contains unrecognized column: quoted");
        fails("INSERT INTO ij.names JSON '{\"k\": 1, \"c\": 3, \"zz\": 5}'", "JSON values map contains unrecognized column: zz");
        fails("INSERT INTO ij.names JSON '{\"k\": 1, \"c\": 3, \"\\\"with\\\"\\\"quote\\\"\": 5}'",
                "JSON values map contains unrecognized column: with\"\"quote");
    }

    @Test
    void missingColumnsAreNullOrUnset() {
        session.execute("INSERT INTO ij.rows JSON '{\"k\": 1, \"c\": 1, \"v\": \"a\", \"s\": 9, \"l\": [1, 2]}'");
        session.execute("INSERT INTO ij.rows JSON '{\"k\": 1, \"c\": 1, \"l\": [3]}' DEFAULT UNSET");
        assertThat(json("SELECT JSON * FROM ij.rows WHERE k = 1")).isEqualTo("{\"k\": 1, \"c\": 1, \"s\": 9, \"l\": [3], \"v\": \"a\"}");
        session.execute("INSERT INTO ij.rows JSON '{\"k\": 1, \"c\": 1, \"v\": null}' DEFAULT UNSET");
        assertThat(json("SELECT JSON * FROM ij.rows WHERE k = 1")).isEqualTo("{\"k\": 1, \"c\": 1, \"s\": 9, \"l\": [3], \"v\": null}");
        session.execute("INSERT INTO ij.rows JSON '{\"k\": 1, \"c\": 1}' DEFAULT NULL");
        assertThat(json("SELECT JSON * FROM ij.rows WHERE k = 1")).isEqualTo("{\"k\": 1, \"c\": 1, \"s\": null, \"l\": null, \"v\": null}");

        fails("INSERT INTO ij.rows JSON '{\"k\": 1, \"s\": 5}'", "Invalid null value in condition for column c");
        fails("INSERT INTO ij.rows JSON '{\"c\": 1}'", "Invalid null value in condition for column k");
        fails("INSERT INTO ij.rows JSON '{\"k\": null, \"c\": 4}'", "Invalid null value in condition for column k");
        fails("INSERT INTO ij.rows JSON '{}'", "Invalid null value in condition for column k");
        fails("INSERT INTO ij.rows JSON '{\"k\": 1, \"s\": 1}' DEFAULT UNSET", "Invalid unset value for column c");
        fails("INSERT INTO ij.rows JSON '{\"c\": 4}' DEFAULT UNSET", "Invalid unset value for column k");
        fails("INSERT INTO ij.cnt JSON '{\"k\": 1, \"n\": 1}'", "INSERT statements are not allowed on counter tables, use UPDATE instead");
    }

    @Test
    void textThatIsNotAJsonObject() {
        fails("INSERT INTO ij.rows JSON 'null'", "Got null for INSERT JSON values");
        assertThatThrownBy(() -> session.execute("INSERT INTO ij.rows JSON '[1]'")).isInstanceOf(InvalidQueryException.class)
                .hasMessageStartingWith("Could not decode JSON string as a map: com.fasterxml.jackson.databind.exc.MismatchedInputException: "
                        + "Cannot deserialize value of type `java.util.LinkedHashMap<java.lang.Object,java.lang.Object>` from Array value "
                        + "(token `JsonToken.START_ARRAY`)")
                .hasMessageEndingWith(". (String was: [1])");
        assertThatThrownBy(() -> session.execute("INSERT INTO ij.rows JSON '{k: 1}'")).isInstanceOf(InvalidQueryException.class)
                .hasMessage("Could not decode JSON string as a map: com.fasterxml.jackson.core.JsonParseException: Unexpected character "
                        + "('k' (code 107)): was expecting double-quote to start field name\n at [Source: REDACTED "
                        + "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 2]. (String was: {k: 1})");
        assertThatThrownBy(() -> session.execute("INSERT INTO ij.rows JSON ''")).isInstanceOf(InvalidQueryException.class)
                .hasMessage("Could not decode JSON string as a map: com.fasterxml.jackson.databind.exc.MismatchedInputException: No content "
                        + "to map due to end-of-input\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); "
                        + "line: 1]. (String was: )");
        assertThatThrownBy(() -> session.execute("INSERT INTO ij.rows JSON 5")).isInstanceOf(SyntaxError.class)
                .hasMessageContaining("no viable alternative at input '5'");
        // what follows the object is ignored, as Jackson does
        session.execute("INSERT INTO ij.rows JSON '  {\"k\": 7, \"c\": 7}  xx'");
        assertThat(json("SELECT JSON k, c FROM ij.rows WHERE k = 7")).isEqualTo("{\"k\": 7, \"c\": 7}");
    }

    @Test
    void bindMarkersOptionsAndConditions() {
        PreparedStatement insert = session.prepare("INSERT INTO ij.rows JSON ?");
        assertThat(insert.getVariableDefinitions().get(0).getName().asInternal()).isEqualTo("[json]");
        assertThat(insert.getVariableDefinitions().get(0).getType()).isEqualTo(DataTypes.TEXT);
        assertThat(insert.getPartitionKeyIndices()).isEmpty();
        session.execute(insert.bind("{\"k\": 5, \"c\": 1, \"v\": \"p\"}"));
        session.execute(insert.bind("{\"k\": 5, \"c\": 2, \"l\": [1]}"));
        assertThatThrownBy(() -> session.execute(insert.bind((Object) null))).isInstanceOf(InvalidQueryException.class)
                .hasMessage("Got null for INSERT JSON values");
        assertThatThrownBy(() -> session.execute(insert.bind("{\"k\": 5}"))).isInstanceOf(InvalidQueryException.class)
                .hasMessage("Invalid null value in condition for column c");
        assertThatThrownBy(() -> session.execute(insert.bind())).isInstanceOf(InvalidQueryException.class)
                .hasMessageStartingWith("Could not decode JSON string as a map: com.fasterxml.jackson.databind.exc.MismatchedInputException: "
                        + "No content to map due to end-of-input");

        PreparedStatement named = session.prepare("INSERT INTO ij.rows JSON :j DEFAULT UNSET");
        assertThat(named.getVariableDefinitions().get(0).getName().asInternal()).isEqualTo("j");
        session.execute(named.bind("{\"k\": 5, \"c\": 1, \"l\": [2]}"));

        PreparedStatement ttl = session.prepare("INSERT INTO ij.rows JSON ? USING TTL ?");
        assertThat(ttl.getVariableDefinitions()).extracting(v -> v.getName().asInternal()).containsExactly("[json]", "[ttl]");
        session.execute(ttl.bind("{\"k\": 5, \"c\": 3, \"v\": \"t\"}", 1000));
        List<String> rows = new ArrayList<>();
        for (Row row : session.execute("SELECT JSON c, v, l FROM ij.rows WHERE k = 5")) rows.add(row.getString(0));
        assertThat(rows).containsExactly("{\"c\": 1, \"v\": \"p\", \"l\": [2]}", "{\"c\": 2, \"v\": null, \"l\": [1]}",
                "{\"c\": 3, \"v\": \"t\", \"l\": null}");
        assertThat(session.execute("SELECT ttl(v) FROM ij.rows WHERE k = 5 AND c = 3").one().getInt(0)).isBetween(990, 1000);

        ResultSet applied = session.execute("INSERT INTO ij.rows JSON '{\"k\": 6, \"c\": 1}' IF NOT EXISTS");
        assertThat(applied.wasApplied()).isTrue();
        ResultSet notApplied = session.execute(session.prepare("INSERT INTO ij.rows JSON ? IF NOT EXISTS").bind("{\"k\": 6, \"c\": 1, \"v\": \"z\"}"));
        assertThat(notApplied.wasApplied()).isFalse();
        assertThat(notApplied.one().getInt("c")).isEqualTo(1);
        session.execute("INSERT INTO ij.rows JSON '{\"k\": 6, \"c\": 2, \"v\": \"old\"}' USING TIMESTAMP 1000");
        session.execute("INSERT INTO ij.rows JSON '{\"k\": 6, \"c\": 2, \"v\": \"older\"}' USING TIMESTAMP 999");
        assertThat(json("SELECT JSON v, writetime(v) FROM ij.rows WHERE k = 6 AND c = 2")).isEqualTo("{\"v\": \"old\", \"writetime(v)\": 1000}");
    }
}
