package org.charybdis.server.cql.terms;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.FunctionFailureException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Function calls and arithmetic as values of INSERT, UPDATE and WHERE, through the Java driver;
 * expectations are Cassandra 5.0.6's answers to the same statements.
 */
class FunctionTermsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        session = server.session();
        session.execute("CREATE KEYSPACE ft WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE ft.t (k int, c int, i int, b bigint, d double, tx text, ts timestamp, dt date, tm time, "
                + "tu timeuuid, u uuid, bl blob, PRIMARY KEY (k, c))");
    }

    private static void fails(String query, String message) {
        assertThatThrownBy(() -> session.execute(query)).isInstanceOf(InvalidQueryException.class).hasMessage(message);
    }

    @Test
    void functionsAndArithmeticAsInsertedValues() {
        session.execute("INSERT INTO ft.t (k, c, tu, u, ts, dt, tm, i, b, bl, tx) VALUES (5, 1, now(), uuid(), toTimestamp(now()), "
                + "currentDate(), currentTime(), 1 + 2, 3 * 4, intAsBlob(3), 'a' + 'b')");
        Row r = session.execute("SELECT tu, u, ts, dt, tm, i, b, bl, tx FROM ft.t WHERE k = 5 AND c = 1").one();
        assertThat(r.getUuid(0).version()).isEqualTo(1);
        assertThat(r.getUuid(1).version()).isEqualTo(4);
        assertThat(r.getInstant(2)).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(r.getLocalDate(3)).isEqualTo(LocalDate.now(ZoneOffset.UTC));
        assertThat(r.getLocalTime(4)).isNotNull();
        assertThat(r.getInt(5)).isEqualTo(3);
        assertThat(r.getLong(6)).isEqualTo(12);
        assertThat(r.getByteBuffer(7)).isEqualTo(ByteBuffer.wrap(new byte[] {0, 0, 0, 3}));
        assertThat(r.getString(8)).isEqualTo("ab");
    }

    @Test
    void receiverTypesDecideOverloadsAndLiteralTypes() {
        session.execute("INSERT INTO ft.t (k, c, i) VALUES (6, 1, -(2))");
        session.execute("INSERT INTO ft.t (k, c, ts) VALUES (6, 2, '2024-01-01' + 1d)");
        session.execute("INSERT INTO ft.t (k, c, ts) VALUES (6, 3, toTimestamp('2024-01-01'))");
        session.execute("INSERT INTO ft.t (k, c, u) VALUES (6, 5, now())");
        session.execute("INSERT INTO ft.t (k, c, d) VALUES (6, 8, abs(-3))");
        session.execute("INSERT INTO ft.t (k, c, b) VALUES (6, 11, 2147483647 + 1)");
        session.execute("INSERT INTO ft.t (k, c, i) VALUES (6, 16, (int)1 + (int)2)");
        session.execute("UPDATE ft.t SET b = abs(-5) WHERE k = 6 AND c = 1");
        List<Row> rows = session.execute("SELECT c, i, b, d, ts, u FROM ft.t WHERE k = 6").all();
        assertThat(rows).extracting(r -> r.getInt(0)).containsExactly(1, 2, 3, 5, 8, 11, 16);
        assertThat(rows.get(0).getInt(1)).isEqualTo(-2);
        assertThat(rows.get(0).getLong(2)).isEqualTo(5);
        assertThat(rows.get(1).getInstant(4)).isEqualTo(Instant.parse("2024-01-02T00:00:00Z"));
        assertThat(rows.get(2).getInstant(4)).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(rows.get(3).getUuid(5).version()).isEqualTo(1);
        assertThat(rows.get(4).getDouble(3)).isEqualTo(3.0);
        assertThat(rows.get(5).getLong(2)).isEqualTo(2147483648L); // computed as bigint, no int overflow
        assertThat(rows.get(6).getInt(1)).isEqualTo(3);
    }

    @Test
    void errorsInTerms() {
        fails("INSERT INTO ft.t (k, c, i) VALUES (7, 1, now())",
                "Type error: cannot assign result of function system.now (type timeuuid) to i (type int)");
        fails("INSERT INTO ft.t (k, c, i) VALUES (7, 1, foo(1))", "Unknown function foo called");
        fails("INSERT INTO ft.t (k, c, i) VALUES (7, 1, toDate(1))", "Invalid call to function todate, none of its type signatures "
                + "match (known type signatures: system.todate : (timeuuid) -> date, system.todate : (timestamp) -> date)");
        fails("INSERT INTO ft.t (k, c, i) VALUES (7, 1, blobAsInt(0x01))",
                "In call to function system.blobasint, value 0x01 is not a valid binary representation for type int");
        assertThatThrownBy(() -> session.prepare("INSERT INTO ft.t (k, c, ts) VALUES (7, 1, toTimestamp(?))"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Ambiguous call to function totimestamp (can be matched by "
                        + "following signatures: system.totimestamp : (timeuuid) -> timestamp, system.totimestamp : (date) -> timestamp): "
                        + "use type casts to disambiguate");
        assertThatThrownBy(() -> session.execute("INSERT INTO ft.t (k, c, i) VALUES (7, 1, 5 / 0)"))
                .isInstanceOf(FunctionFailureException.class).hasMessageContaining("the operation 'int / int' failed: / by zero");
    }

    @Test
    void functionsInWhereTerms() {
        session.execute("INSERT INTO ft.t (k, c, i, ts) VALUES (1, 1, 7, '2024-03-01 10:00:00+0000')");
        assertThat(session.execute("SELECT i FROM ft.t WHERE k = abs(-1) AND c = 1 + 0").one().getInt(0)).isEqualTo(7);
        assertThat(session.execute("SELECT i FROM ft.t WHERE k = blobAsInt(0x00000001) AND c = -(-1)").one().getInt(0)).isEqualTo(7);
        assertThat(session.execute("SELECT k FROM ft.t WHERE k = 1 AND ts < currentTimestamp() - 1d ALLOW FILTERING").all()).hasSize(1);
        assertThat(session.execute("SELECT k FROM ft.t WHERE k = 1 AND ts = toTimestamp(now()) ALLOW FILTERING").all()).isEmpty();
        assertThat(session.execute("SELECT k FROM ft.t WHERE k = 1 AND i = 7 + 0 ALLOW FILTERING").all()).hasSize(1);
        fails("SELECT i FROM ft.t WHERE k = 1 AND c = toUnixTimestamp(now())", "Invalid call to function tounixtimestamp, none of "
                + "its type signatures match (known type signatures: system.tounixtimestamp : (date) -> bigint, "
                + "system.tounixtimestamp : (timeuuid) -> bigint, system.tounixtimestamp : (timestamp) -> bigint)");
        // Cassandra 5.0: token(1) is -4069959284402364209, token(0) -3485513579396041028
        assertThat(session.execute("SELECT k FROM ft.t WHERE token(k) >= token(1) AND token(k) < token(0)").all())
                .extracting(r -> r.getInt(0)).containsExactly(1);
        fails("SELECT k FROM ft.t WHERE token(k) > token(0, 1)",
                "Invalid number of arguments in call to function system.token: 1 required but 2 provided");
        Row prepared = session.execute(session.prepare("SELECT i FROM ft.t WHERE k = ? AND c = abs(?)").bind(1, -1)).one();
        assertThat(prepared.getInt(0)).isEqualTo(7);
    }
}
