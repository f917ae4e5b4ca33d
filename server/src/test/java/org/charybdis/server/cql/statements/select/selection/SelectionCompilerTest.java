package org.charybdis.server.cql.statements.select.selection;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.FunctionFailureException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.cql.statements.select.ResultRows;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SELECT clauses with native functions, CAST, arithmetic, writetime/ttl and aggregates through the
 * Java driver. Expected names, types, values and errors are Cassandra 5.0.6's answers to the same
 * statements.
 */
class SelectionCompilerTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        session = server.session();
        session.execute("CREATE KEYSPACE fn WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE fn.t (k int, c int, i int, b bigint, s smallint, ty tinyint, f float, d double, dec decimal, "
                + "v varint, tx text, a ascii, ts timestamp, dt date, tm time, tu timeuuid, u uuid, bl blob, bo boolean, "
                + "du duration, ip inet, l list<int>, st set<text>, m map<text, int>, fl frozen<list<int>>, PRIMARY KEY (k, c))");
        session.execute("INSERT INTO fn.t (k, c, i, b, s, ty, f, d, dec, v, tx, a, ts, dt, tm, tu, u, bl, bo, du, ip, l, st, m, fl) "
                + "VALUES (1, 1, 7, 100, 3, 2, 1.5, 2.25, 1.1, 12345678901234567890, 'héllo', 'abc', '2024-03-01 10:00:00+0000', "
                + "'2024-03-01', '10:00:00', 50554d6e-29bb-11e5-b345-feff819cdc9f, 62c36092-82a1-3a00-93d1-46196ee77204, 0xcafe, "
                + "true, 1h30m, '127.0.0.1', [1,2,3], {'a','b'}, {'x':1,'y':2}, [4,5]) USING TIMESTAMP 1000");
        session.execute("INSERT INTO fn.t (k, c, i, b, d) VALUES (1, 2, -3, 5, -0.5) USING TIMESTAMP 2000 AND TTL 1000");
        session.execute("INSERT INTO fn.t (k, c) VALUES (2, 1)");
    }

    private static Row one(String query) {
        return session.execute(query).one();
    }

    private static List<String> names(ResultSet rs) {
        List<String> names = new ArrayList<>();
        for (ColumnDefinition c : rs.getColumnDefinitions()) names.add(c.getName().asInternal() + " " + c.getType().asCql(false, true));
        return names;
    }

    private static void fails(String query, String message) {
        assertThatThrownBy(() -> session.execute(query)).isInstanceOf(InvalidQueryException.class).hasMessage(message);
    }

    @Test
    void timeConversionFunctionsUnderBothNames() {
        ResultSet rs = session.execute("SELECT toDate(ts), toDate(tu), toTimestamp(tu), toTimestamp(dt), toUnixTimestamp(ts), "
                + "toUnixTimestamp(dt), toUnixTimestamp(tu), to_date(ts) FROM fn.t WHERE k = 1 AND c = 1");
        assertThat(names(rs)).containsExactly("system.todate(ts) date", "system.todate(tu) date", "system.totimestamp(tu) timestamp",
                "system.totimestamp(dt) timestamp", "system.tounixtimestamp(ts) bigint", "system.tounixtimestamp(dt) bigint",
                "system.tounixtimestamp(tu) bigint", "system.to_date(ts) date");
        Row r = rs.one();
        assertThat(r.getLocalDate(0)).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(r.getLocalDate(1)).isEqualTo(LocalDate.ofEpochDay(16630));
        assertThat(r.getInstant(2)).isEqualTo(Instant.parse("2015-07-14T00:00:18.805Z"));
        assertThat(r.getInstant(3)).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
        assertThat(r.getLong(4)).isEqualTo(1709287200000L);
        assertThat(r.getLong(5)).isEqualTo(1709251200000L);
        assertThat(r.getLong(6)).isEqualTo(1436832018805L);
        assertThat(r.getLocalDate(7)).isEqualTo(LocalDate.of(2024, 3, 1));
    }

    @Test
    void timeuuidBoundsAndCurrentValues() {
        Row r = one("SELECT minTimeuuid(ts), maxTimeuuid(ts), min_timeuuid('2013-01-01 00:05+0000'), minTimeuuid(1000), "
                + "now(), uuid(), currentTimestamp(), current_date() FROM fn.t WHERE k = 1 AND c = 1");
        assertThat(r.getUuid(0)).isEqualTo(UUID.fromString("77419000-d7b2-11ee-8080-808080808080"));
        assertThat(r.getUuid(1)).isEqualTo(UUID.fromString("7741b70f-d7b2-11ee-7f7f-7f7f7f7f7f7f"));
        assertThat(r.getUuid(2)).isEqualTo(UUID.fromString("e23f1e00-53a6-11e2-8080-808080808080"));
        assertThat(r.getUuid(3)).isEqualTo(UUID.fromString("1419d680-1dd2-11b2-8080-808080808080"));
        assertThat(r.getUuid(4).version()).isEqualTo(1);
        assertThat(r.getUuid(5).version()).isEqualTo(4);
        assertThat(r.getInstant(6)).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(r.getLocalDate(7)).isNotNull();
        assertThat(r.getColumnDefinitions().get(4).getName().asInternal()).isEqualTo("system.now()");
    }

    @Test
    void removedAndUnknownFunctions() {
        // Cassandra 5.0 removed dateOf and unixTimestampOf
        fails("SELECT dateOf(tu) FROM fn.t", "Unknown function 'dateof'");
        fails("SELECT unixTimestampOf(tu) FROM fn.t", "Unknown function 'unixtimestampof'");
        fails("SELECT fn.foo(ts) FROM fn.t", "Unknown function 'fn.foo'");
        fails("SELECT toDate(i) FROM fn.t", "Invalid call to function todate, none of its type signatures match "
                + "(known type signatures: system.todate : (timeuuid) -> date, system.todate : (timestamp) -> date)");
        fails("SELECT intAsBlob(b) FROM fn.t", "Type error: b cannot be passed as argument 0 of function system.intasblob of type int");
        fails("SELECT uuid(1) FROM fn.t", "Invalid number of arguments in call to function system.uuid: 0 required but 1 provided");
    }

    @Test
    void blobConversions() {
        Row r = one("SELECT intAsBlob(i), blob_as_int(int_as_blob(i)), blobAsBigint(0x0000000000000003), bigintAsBlob(3), "
                + "blobAsText(textAsBlob(tx)) FROM fn.t WHERE k = 1 AND c = 1");
        assertThat(r.getByteBuffer(0)).isEqualTo(ByteBuffer.wrap(new byte[] {0, 0, 0, 7}));
        assertThat(r.getInt(1)).isEqualTo(7);
        assertThat(r.getLong(2)).isEqualTo(3);
        assertThat(r.getByteBuffer(3)).isEqualTo(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 0, 0, 0, 3}));
        assertThat(r.getString(4)).isEqualTo("héllo");
        fails("SELECT blobAsInt(bl) FROM fn.t WHERE k = 1 AND c = 1",
                "In call to function system.blobasint, value 0xcafe is not a valid binary representation for type int");
    }

    @Test
    void mathFunctionsKeepTheArgumentType() {
        ResultSet rs = session.execute("SELECT abs(i), abs(d), round(d), round(f), round(dec), exp(i), log(i), log10(d), exp(dec), "
                + "log(dec), abs(-5) FROM fn.t WHERE k = 1");
        assertThat(names(rs)).containsExactly("system.abs(i) int", "system.abs(d) double", "system.round(d) double",
                "system.round(f) float", "system.round(dec) decimal", "system.exp(i) int", "system.log(i) int", "system.log10(d) double",
                "system.exp(dec) decimal", "system.log(dec) decimal", "system.abs(-5) int");
        Row first = rs.one();
        assertThat(first.getInt(0)).isEqualTo(7);
        assertThat(first.getDouble(2)).isEqualTo(2.0);
        assertThat(first.getFloat(3)).isEqualTo(2.0f);
        assertThat(first.getBigDecimal(4)).isEqualTo(new BigDecimal("1"));
        assertThat(first.getInt(5)).isEqualTo(1096);
        assertThat(first.getInt(6)).isEqualTo(1);
        assertThat(first.getDouble(7)).isEqualTo(0.3521825181113625);
        assertThat(first.getBigDecimal(8)).isEqualTo(new BigDecimal("3.0041660239464331120584079535887"));
        assertThat(first.getBigDecimal(9)).isEqualTo(new BigDecimal("0.095310179804324860043952123280765"));
        assertThat(first.getInt(10)).isEqualTo(5);
        Row second = rs.one();
        assertThat(second.getInt(0)).isEqualTo(3);
        assertThat(second.getDouble(1)).isEqualTo(0.5);
        assertThat(second.getDouble(2)).isEqualTo(0.0); // Math.round(-0.5)
        assertThat(second.getInt(5)).isZero();
        assertThat(second.isNull(3)).isTrue();
    }

    @Test
    void arithmeticPromotesLikeCassandra() {
        ResultSet rs = session.execute("SELECT i + 1, i - b, i * d, b / 2, i % 2, i + f, s + ty, dec + i, v + i, f * b, v * d, "
                + "ty * 100, i + 1.5, i + 3000000000, i + 2147483647, - i, abs(i) + 1 AS x, (i + 2) * 3 FROM fn.t WHERE k = 1 AND c = 1");
        assertThat(names(rs)).containsExactly("i + 1 int", "i - b bigint", "i * d double", "b / 2 bigint", "i % 2 int", "i + f float",
                "s + ty smallint", "dec + i decimal", "v + i varint", "f * b double", "v * d decimal", "ty * 100 int", "i + 1.5 double",
                "i + 3000000000 bigint", "i + 2147483647 int", "-i int", "x int", "(i + 2) * 3 int");
        Row r = rs.one();
        assertThat(r.getInt(0)).isEqualTo(8);
        assertThat(r.getLong(1)).isEqualTo(-93);
        assertThat(r.getDouble(2)).isEqualTo(15.75);
        assertThat(r.getLong(3)).isEqualTo(50);
        assertThat(r.getInt(4)).isEqualTo(1);
        assertThat(r.getFloat(5)).isEqualTo(8.5f);
        assertThat(r.getShort(6)).isEqualTo((short) 5);
        assertThat(r.getBigDecimal(7)).isEqualTo(new BigDecimal("8.1"));
        assertThat(r.getBigInteger(8)).isEqualTo(new BigInteger("12345678901234567897"));
        assertThat(r.getDouble(9)).isEqualTo(150.0);
        assertThat(r.getBigDecimal(10)).isEqualTo(new BigDecimal("27777777527777777752.50"));
        assertThat(r.getInt(11)).isEqualTo(200);
        assertThat(r.getDouble(12)).isEqualTo(8.5);
        assertThat(r.getLong(13)).isEqualTo(3000000007L);
        assertThat(r.getInt(14)).isEqualTo(-2147483642); // int overflow wraps
        assertThat(r.getInt(15)).isEqualTo(-7);
        assertThat(r.getInt(16)).isEqualTo(8);
        assertThat(r.getInt(17)).isEqualTo(27);
    }

    @Test
    void temporalAndTextOperations() {
        ResultSet rs = session.execute("SELECT ts + 1d, ts - 2h, dt + 1d, dt - 1mo, tx + 'x', a + 'y', tx + a, dec / 3, d / 0 "
                + "FROM fn.t WHERE k = 1 AND c = 1");
        assertThat(names(rs)).containsExactly("ts + 1d timestamp", "ts - 2h timestamp", "dt + 1d date", "dt - 1mo date",
                "tx + 'x' text", "a + 'y' ascii", "tx + a text", "dec / 3 decimal", "d / 0 double");
        Row r = rs.one();
        assertThat(r.getInstant(0)).isEqualTo(Instant.parse("2024-03-02T10:00:00Z"));
        assertThat(r.getInstant(1)).isEqualTo(Instant.parse("2024-03-01T08:00:00Z"));
        assertThat(r.getLocalDate(2)).isEqualTo(LocalDate.of(2024, 3, 2));
        assertThat(r.getLocalDate(3)).isEqualTo(LocalDate.of(2024, 2, 1));
        assertThat(r.getString(4)).isEqualTo("héllox");
        assertThat(r.getString(5)).isEqualTo("abcy");
        assertThat(r.getString(6)).isEqualTo("hélloabc");
        assertThat(r.getBigDecimal(7)).isEqualTo(new BigDecimal("0.36666666666666666666666666666667"));
        assertThat(r.getDouble(8)).isInfinite();
        fails("SELECT tx + i FROM fn.t", "the '+' operation is not supported between tx and i");
        fails("SELECT now() + 1 FROM fn.t", "the '+' operation is not supported between system.now() and 1");
        assertThatThrownBy(() -> session.execute("SELECT i / 0 FROM fn.t WHERE k = 1 AND c = 1"))
                .isInstanceOf(FunctionFailureException.class).hasMessageContaining("the operation 'int / int' failed: / by zero");
    }

    @Test
    void literalsNeedATypeInSelections() {
        fails("SELECT 1 FROM fn.t", "Cannot infer type for term 1 in selection clause (try using a cast to force a type)");
        fails("SELECT CAST(1 AS text) FROM fn.t", "Cannot infer type for term 1 in selection clause (try using a cast to force a type)");
        ResultSet rs = session.execute("SELECT (int)1, (text)'a' AS z, 1 + 1 FROM fn.t WHERE k = 1 AND c = 1");
        assertThat(names(rs)).containsExactly("(int)1 int", "z text", "1 + 1 int");
        Row r = rs.one();
        assertThat(r.getInt(0)).isEqualTo(1);
        assertThat(r.getString(1)).isEqualTo("a");
        assertThat(r.getInt(2)).isEqualTo(2);
    }

    @Test
    void castsFollowCassandrasConversions() {
        ResultSet rs = session.execute("SELECT CAST(i AS text), CAST(i AS double), CAST(d AS int), CAST(ts AS date), CAST(dt AS timestamp), "
                + "CAST(tu AS timestamp), CAST(bo AS text), CAST(ip AS text), CAST(tm AS text), CAST(f AS text), CAST(v AS int), "
                + "CAST(ts AS text), CAST(ts AS bigint), CAST(CAST(i AS bigint) AS text), CAST(abs(i) AS text), CAST(i AS int) "
                + "FROM fn.t WHERE k = 1 AND c = 1");
        assertThat(names(rs)).containsExactly("cast(i as text) text", "cast(i as double) double", "cast(d as int) int",
                "cast(ts as date) date", "cast(dt as timestamp) timestamp", "cast(tu as timestamp) timestamp", "cast(bo as text) text",
                "cast(ip as text) text", "cast(tm as text) text", "cast(f as text) text", "cast(v as int) int", "cast(ts as text) text",
                "cast(ts as bigint) bigint", "cast(cast(i as bigint) as text) text", "cast(system.abs(i) as text) text", "i int");
        Row r = rs.one();
        assertThat(r.getString(0)).isEqualTo("7");
        assertThat(r.getDouble(1)).isEqualTo(7.0);
        assertThat(r.getInt(2)).isEqualTo(2);
        assertThat(r.getLocalDate(3)).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(r.getInstant(4)).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
        assertThat(r.getInstant(5)).isEqualTo(Instant.parse("2015-07-14T00:00:18.805Z"));
        assertThat(r.getString(6)).isEqualTo("true");
        assertThat(r.getString(7)).isEqualTo("127.0.0.1");
        assertThat(r.getString(8)).isEqualTo("10:00:00.000000000");
        assertThat(r.getString(9)).isEqualTo("1.5");
        assertThat(r.getInt(10)).isEqualTo(-350287150);
        assertThat(r.getString(11)).isEqualTo("2024-03-01T10:00:00.000Z");
        assertThat(r.getLong(12)).isEqualTo(1709287200000L);
        assertThat(r.getString(13)).isEqualTo("7");
        assertThat(r.getString(14)).isEqualTo("7");
        assertThat(r.getInt(15)).isEqualTo(7);
        fails("SELECT CAST(a AS varchar) FROM fn.t", "a cannot be cast to varchar");
        fails("SELECT CAST(u AS timeuuid) FROM fn.t", "u cannot be cast to timeuuid");
        assertThatThrownBy(() -> session.execute("SELECT CAST(bl AS text) FROM fn.t")).isInstanceOf(InvalidQueryException.class)
                .hasMessageStartingWith("Invalid call to function system.cast_as_text, none of its type signatures match");
    }

    @Test
    void aggregatesHaveCassandrasResultTypes() {
        ResultSet rs = session.execute("SELECT count(*), count(1), count(i), count(tx), min(i), max(i), sum(i), avg(i), sum(b), avg(b), "
                + "sum(d), avg(d), min(tx), max(tx), sum(ty), avg(s), sum(f), avg(dec), sum(v) FROM fn.t");
        assertThat(names(rs)).containsExactly("count bigint", "count bigint", "system.count(i) bigint", "system.count(tx) bigint",
                "system.min(i) int", "system.max(i) int", "system.sum(i) int", "system.avg(i) int", "system.sum(b) bigint",
                "system.avg(b) bigint", "system.sum(d) double", "system.avg(d) double", "system.min(tx) text", "system.max(tx) text",
                "system.sum(ty) tinyint", "system.avg(s) smallint", "system.sum(f) float", "system.avg(dec) decimal", "system.sum(v) varint");
        List<Row> rows = rs.all();
        assertThat(rows).hasSize(1);
        Row r = rows.get(0);
        assertThat(List.of(r.getLong(0), r.getLong(1), r.getLong(2), r.getLong(3))).containsExactly(3L, 3L, 2L, 1L);
        assertThat(List.of(r.getInt(4), r.getInt(5), r.getInt(6), r.getInt(7))).containsExactly(-3, 7, 4, 2);
        assertThat(List.of(r.getLong(8), r.getLong(9))).containsExactly(105L, 52L);
        assertThat(List.of(r.getDouble(10), r.getDouble(11))).containsExactly(1.75, 0.875);
        assertThat(r.getString(12)).isEqualTo("héllo");
        assertThat(r.getByte(14)).isEqualTo((byte) 2);
        assertThat(r.getShort(15)).isEqualTo((short) 3);
        assertThat(r.getFloat(16)).isEqualTo(1.5f);
        assertThat(r.getBigDecimal(17)).isEqualTo(new BigDecimal("1.1"));
        assertThat(r.getBigInteger(18)).isEqualTo(new BigInteger("12345678901234567890"));
    }

    @Test
    void aggregatesOverNoRowsAndWithOtherSelectors() {
        Row empty = one("SELECT count(*), min(i), sum(i), avg(i), avg(d), sum(dec), k FROM fn.t WHERE k = 3");
        assertThat(empty.getLong(0)).isZero();
        assertThat(empty.isNull(1)).isTrue();
        assertThat(empty.getInt(2)).isZero();
        assertThat(empty.getInt(3)).isZero();
        assertThat(empty.getDouble(4)).isZero();
        assertThat(empty.getBigDecimal(5)).isEqualTo(BigDecimal.ZERO);
        assertThat(empty.isNull(6)).isTrue();
        // other selectors take the first row's values
        Row mixed = one("SELECT k, c, max(i) FROM fn.t");
        assertThat(List.of(mixed.getInt(0), mixed.getInt(1), mixed.getInt(2))).containsExactly(1, 1, 7);
        ResultSet rs = session.execute("SELECT abs(sum(i)), sum(i) + 1, CAST(count(*) AS int), max(i) + i, sum(abs(i)), max(i + 1), "
                + "count(abs(i)), count(*) AS n FROM fn.t");
        assertThat(names(rs)).containsExactly("system.abs(system.sum(i)) int", "system.sum(i) + 1 int", "cast(count as int) int",
                "system.max(i) + i int", "system.sum(system.abs(i)) int", "system.max(i + 1) int", "system.count(system.abs(i)) bigint",
                "n bigint");
        Row r = rs.one();
        assertThat(List.of(r.getInt(0), r.getInt(1), r.getInt(2), r.getInt(3), r.getInt(4), r.getInt(5)))
                .containsExactly(4, 5, 3, 14, 10, 8);
        assertThat(r.getLong(6)).isEqualTo(2);
        fails("SELECT sum(count(*)) FROM fn.t", "aggregate functions cannot be used as arguments of aggregate functions");
        fails("SELECT count(k, c) FROM fn.t", "Invalid number of arguments in call to function system.count: 1 required but 2 provided");
        assertThatThrownBy(() -> session.execute("SELECT sum(tx) FROM fn.t")).isInstanceOf(InvalidQueryException.class)
                .hasMessageStartingWith("Invalid call to function sum, none of its type signatures match (known type signatures: ");
    }

    @Test
    void aggregatesReadEveryPageAndReturnOneRow() {
        session.execute("CREATE TABLE fn.many (k int, c int, v int, PRIMARY KEY (k, c))");
        for (int k = 0; k < 30; k++) {
            for (int c = 0; c < 10; c++) session.execute("INSERT INTO fn.many (k, c, v) VALUES (" + k + ", " + c + ", " + c + ")");
        }
        List<Row> rows = session.execute(SimpleStatement.newInstance("SELECT count(*), sum(v), max(k), avg(v) FROM fn.many").setPageSize(7)).all();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getLong(0)).isEqualTo(300);
        assertThat(rows.get(0).getInt(1)).isEqualTo(30 * 45);
        assertThat(rows.get(0).getInt(2)).isEqualTo(29);
        assertThat(rows.get(0).getInt(3)).isEqualTo(4);
    }

    @Test
    void writetimeAndTtlFollowCassandra5() {
        ResultSet rs = session.execute("SELECT writetime(i), ttl(i), maxwritetime(i), writetime(l), writetime(m), writetime(fl), ttl(fl), "
                + "maxwritetime(l), WRITETIME(d) AS w FROM fn.t WHERE k = 1");
        assertThat(names(rs)).containsExactly("writetime(i) bigint", "ttl(i) int", "maxwritetime(i) bigint", "writetime(l) list<bigint>",
                "writetime(m) list<bigint>", "writetime(fl) bigint", "ttl(fl) int", "maxwritetime(l) bigint", "w bigint");
        Row first = rs.one();
        assertThat(first.getLong(0)).isEqualTo(1000);
        assertThat(first.isNull(1)).isTrue();
        assertThat(first.getList(3, Long.class)).containsExactly(1000L, 1000L, 1000L);
        assertThat(first.getList(4, Long.class)).containsExactly(1000L, 1000L);
        assertThat(first.getLong(5)).isEqualTo(1000);
        assertThat(first.getLong(7)).isEqualTo(1000);
        Row second = rs.one();
        assertThat(second.getLong(0)).isEqualTo(2000);
        assertThat(second.getInt(1)).isBetween(900, 1000);
        assertThat(second.isNull(3)).isTrue();
        Row folded = one("SELECT max(writetime(i)), min(ttl(i)), writetime(i) + 1 FROM fn.t WHERE k = 1");
        assertThat(folded.getLong(0)).isEqualTo(2000);
        assertThat(folded.getInt(1)).isBetween(900, 1000);
        assertThat(folded.getLong(2)).isEqualTo(1001);
        fails("SELECT writetime(k) FROM fn.t", "Cannot use selection function writetime on PRIMARY KEY part k");
        fails("SELECT maxwritetime(c) FROM fn.t", "Cannot use selection function maxwritetime on PRIMARY KEY part c");
        fails("SELECT ttl(k) FROM fn.t", "Cannot use selection function ttl on PRIMARY KEY part k");
    }

    /** Recorded from Cassandra 5.0.6. */
    @Test
    void writetimeAndTtlOfElementsAndSlices() {
        session.execute("CREATE TABLE IF NOT EXISTS fn.wt (k int PRIMARY KEY, s set<int>, m map<text, int>, l list<int>, fs frozen<set<int>>)");
        session.execute("INSERT INTO fn.wt (k, s, m, l, fs) VALUES (1, {1, 2, 3}, {'a': 1, 'b': 2}, [7, 8], {4}) USING TIMESTAMP 1000 AND TTL 5000");
        session.execute("UPDATE fn.wt USING TIMESTAMP 2000 SET s = s + {4}, m['c'] = 3 WHERE k = 1");
        ResultSet rs = session.execute("SELECT writetime(s[1]), writetime(s[4]), writetime(s[9]), writetime(m['a']), writetime(m['c']), "
                + "ttl(s[4]), ttl(m['c']), writetime(s[2..4]), writetime(m['a'..'b']), maxwritetime(s[1]), writetime(fs[4]), ttl(s[1]), "
                + "writetime(fs[9]) FROM fn.wt WHERE k = 1");
        assertThat(names(rs)).containsExactly("writetime(s[1]) bigint", "writetime(s[4]) bigint", "writetime(s[9]) bigint",
                "writetime(m['a']) bigint", "writetime(m['c']) bigint", "ttl(s[4]) int", "ttl(m['c']) int", "writetime(s[2..4]) list<bigint>",
                "writetime(m['a'..'b']) list<bigint>", "maxwritetime(s[1]) bigint", "writetime(fs[4]) bigint", "ttl(s[1]) int", "writetime(fs[9]) bigint");
        Row row = rs.one();
        assertThat(List.of(row.getLong(0), row.getLong(1), row.getLong(3), row.getLong(4))).containsExactly(1000L, 2000L, 1000L, 2000L);
        assertThat(row.isNull(2)).isTrue();
        assertThat(row.isNull(5)).isTrue();
        assertThat(row.isNull(6)).isTrue();
        assertThat(row.getList(7, Long.class)).containsExactly(1000L, 1000L, 2000L);
        assertThat(row.getList(8, Long.class)).containsExactly(1000L, 1000L);
        assertThat(row.getLong(9)).isEqualTo(1000);
        assertThat(row.getLong(10)).isEqualTo(1000);
        assertThat(row.getInt(11)).isBetween(4800, 5000);
        assertThat(row.isNull(12)).isTrue();
        fails("SELECT writetime(l[0]) FROM fn.wt", "Element selection is only allowed on sets and maps, but l is a list");
    }

    /** Recorded from Cassandra 5.0.6. */
    @Test
    void bindMarkersAsFunctionArguments() {
        session.execute("CREATE TABLE IF NOT EXISTS fn.bm (k int PRIMARY KEY, txt text, n int)");
        session.execute("INSERT INTO fn.bm (k, txt, n) VALUES (1, 'hello', 5)");
        PreparedStatement prepared = session.prepare("SELECT k, intAsBlob(?), mask_inner(txt, ?, ?), token(?) FROM fn.bm WHERE k = ?");
        List<String> variables = new ArrayList<>();
        for (ColumnDefinition c : prepared.getVariableDefinitions()) variables.add(c.getName().asInternal() + " " + c.getType().asCql(false, true));
        assertThat(variables).containsExactly("[selection] int", "[selection] int", "[selection] int", "[selection] int", "k int");
        ResultSet rs = session.execute(prepared.bind(7, 1, 2, 1, 1));
        assertThat(names(rs)).containsExactly("k int", "system.intasblob(?) blob", "system.mask_inner(txt, ?, ?) text", "system.token(?) bigint");
        assertThat(ResultRows.render(rs)).containsExactly("1, 0x00000007, h**lo, -4069959284402364209");
        assertThat(ResultRows.render(session.execute(session.prepare("SELECT blobAsInt(?) FROM fn.bm WHERE k = 1").bind((Object) null))))
                .containsExactly("null");
        fails("SELECT mask_null(?) FROM fn.bm", "Cannot infer type of argument ? in call to function system.mask_null(any): "
                + "use type casts to disambiguate");
    }

    @Test
    void tokenOfAnyValueOfThePartitionKeyType() {
        ResultSet rs = session.execute("SELECT token(k), token(k) + 1, system.token(k), token(c), token(1) FROM fn.t WHERE k = 1 AND c = 1");
        assertThat(names(rs)).containsExactly("system.token(k) bigint", "system.token(k) + 1 bigint", "system.token(k) bigint",
                "system.token(c) bigint", "system.token(1) bigint");
        Row r = rs.one();
        assertThat(List.of(r.getLong(0), r.getLong(1), r.getLong(3), r.getLong(4)))
                .containsExactly(-4069959284402364209L, -4069959284402364208L, -4069959284402364209L, -4069959284402364209L);
        fails("SELECT token(k, c) FROM fn.t", "Invalid number of arguments in call to function system.token: 1 required but 2 provided");
    }
    @Test
    void tupleSelectorsPackTheirElements() {
        ResultSet rs = session.execute("SELECT (k, i), (tuple<int, text, int>)(c, 'a'), (tuple<int, int>)(i, null) FROM fn.t WHERE k = 1 AND c = 1");
        assertThat(names(rs)).containsExactly("(k, i) tuple<int, int>", "(tuple<int, text, int>)(c, 'a') tuple<int, text, int>",
                "(tuple<int, int>)(i, NULL) tuple<int, int>");
        Row row = rs.one();
        assertThat(row.getTupleValue(0).getInt(0)).isEqualTo(1);
        assertThat(row.getTupleValue(0).getInt(1)).isEqualTo(7);
        assertThat(row.getTupleValue(1).getString(1)).isEqualTo("a");
        assertThat(row.getTupleValue(1).isNull(2)).isTrue();
        assertThat(row.getTupleValue(2).isNull(1)).isTrue();
        assertThatThrownBy(() -> session.execute("SELECT (k, 1) FROM fn.t")).isInstanceOf(InvalidQueryException.class)
                .hasMessage("Cannot infer type for term (k, 1) in selection clause (try using a cast to force a type)");
        assertThatThrownBy(() -> session.execute("SELECT (tuple<text, int>)(k, 1) FROM fn.t")).isInstanceOf(InvalidQueryException.class)
                .hasMessage("Cannot assign value (tuple<text, int>)(k, 1) to (tuple<text, int>)(k, 1) of type frozen<tuple<text, int>>");
    }
    @Test
    void collectionSelectorsBuildOneValuePerRow() {
        ResultSet rs = session.execute(session.prepare("SELECT [i, 1], {tx, a}, (map<text, int>){'x': i, tx: c}, [i, ?] "
                + "FROM fn.t WHERE k = 1 AND c = 1").bind(9));
        assertThat(names(rs)).containsExactly("[i, 1] list<int>", "{tx, a} set<text>",
                "(map<text, int>){'x': i, tx: c} map<text, int>", "[i, ?] list<int>");
        Row row = rs.one();
        assertThat(row.getList(0, Integer.class)).containsExactly(7, 1);
        assertThat(row.getSet(1, String.class)).containsExactly("abc", "héllo");
        assertThat(row.getMap(2, String.class, Integer.class)).containsEntry("x", 7).containsEntry("héllo", 1);
        assertThat(row.getList(3, Integer.class)).containsExactly(7, 9);
        fails("SELECT [1, 2] FROM fn.t", "Cannot infer type for term [1, 2] in selection clause (try using a cast to force a type)");
        fails("SELECT {'a': i} FROM fn.t", "Cannot infer type for term {'a': i} in selection clause (try using a cast to force a type)");
        fails("SELECT {k: i} FROM fn.t", "Cannot infer type for term {k: i} in selection clause (try using a cast to force a type)");
        fails("SELECT (list<bigint>)[i, k] FROM fn.t",
                "Cannot assign value (list<bigint>)[i, k] to (list<bigint>)[i, k] of type frozen<list<bigint>>");
    }
}
