package org.charybdis.server.service;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.data.CqlDuration;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.TruncateException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteType;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Request deadlines through the Java driver: ScyllaDB's {@code USING TIMEOUT} on every statement kind, its checks,
 * the configured timeouts, and work past its deadline abandoned rather than finished in the background.
 */
class RequestTimeoutTest {
    private static final String KS = "timeouts";
    private static final int SCAN_ROWS = 60_000;

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension()
            .with(ServerConfig.TRUNCATE_REQUEST_TIMEOUT_IN_MS, 0);

    private static CqlSession session;

    @BeforeAll
    static void schema() {
        session = server.session();
        session.execute("CREATE KEYSPACE " + KS + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE " + KS + ".t (k int, c int, v text, PRIMARY KEY (k, c))");
        session.execute("CREATE TABLE " + KS + ".counters (k int PRIMARY KEY, n counter)");
        session.execute("CREATE TABLE " + KS + ".big (k int PRIMARY KEY, v text)");
        session.execute("INSERT INTO " + KS + ".t (k, c, v) VALUES (1, 1, 'one')");
        PreparedStatement insert = session.prepare("INSERT INTO " + KS + ".big (k, v) VALUES (?, ?)");
        CompletableFuture<?>[] writes = new CompletableFuture<?>[SCAN_ROWS];
        for (int i = 0; i < SCAN_ROWS; i++) {
            writes[i] = session.executeAsync(insert.bind(i, "value " + i)).toCompletableFuture();
            if (i % 256 == 255) CompletableFuture.allOf(java.util.Arrays.copyOfRange(writes, i - 255, i + 1)).join();
        }
        CompletableFuture.allOf(writes).join();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM timeouts.t WHERE k = 1 USING TIMEOUT 0ms",
            "SELECT * FROM timeouts.t WHERE k = 1 AND c = 1 USING TIMEOUT 0ms",
            "SELECT * FROM timeouts.t USING TIMEOUT 0ms",
            "SELECT count(*) FROM timeouts.big USING TIMEOUT 0ms",
            "SELECT * FROM timeouts.t WHERE v = 'one' ALLOW FILTERING USING TIMEOUT 0ms"})
    void zeroTimeoutFailsEveryRead(String cql) {
        assertThatThrownBy(() -> session.execute(cql)).isInstanceOfSatisfying(ReadTimeoutException.class, e -> {
            assertThat(e.getReceived()).isZero();
            assertThat(e.getBlockFor()).isEqualTo(1);
            assertThat(e.wasDataPresent()).isFalse();
        });
    }

    @Test
    void zeroTimeoutFailsEveryWriteWithItsWriteType() {
        assertWriteTimeout("INSERT INTO timeouts.t (k, c, v) VALUES (2, 1, 'x') USING TIMEOUT 0ms", WriteType.SIMPLE);
        assertWriteTimeout("UPDATE timeouts.t USING TIMEOUT 0ms SET v = 'x' WHERE k = 2 AND c = 1", WriteType.SIMPLE);
        assertWriteTimeout("DELETE FROM timeouts.t USING TIMEOUT 0ms WHERE k = 2", WriteType.SIMPLE);
        assertWriteTimeout("BEGIN BATCH USING TIMEOUT 0ms INSERT INTO timeouts.t (k, c, v) VALUES (2, 1, 'x'); "
                + "INSERT INTO timeouts.t (k, c, v) VALUES (3, 1, 'x'); APPLY BATCH", WriteType.BATCH);
        assertWriteTimeout("BEGIN UNLOGGED BATCH USING TIMEOUT 0ms INSERT INTO timeouts.t (k, c, v) VALUES (2, 1, 'x'); APPLY BATCH",
                WriteType.UNLOGGED_BATCH);
        assertWriteTimeout("UPDATE timeouts.counters USING TIMEOUT 0ms SET n = n + 1 WHERE k = 1", WriteType.COUNTER);
        assertWriteTimeout("BEGIN COUNTER BATCH USING TIMEOUT 0ms UPDATE timeouts.counters SET n = n + 1 WHERE k = 1; APPLY BATCH",
                WriteType.COUNTER);
        assertWriteTimeout("INSERT INTO timeouts.t (k, c, v) VALUES (2, 1, 'x') IF NOT EXISTS USING TIMEOUT 0ms", WriteType.CAS);
        assertWriteTimeout("UPDATE timeouts.t USING TIMEOUT 0ms SET v = 'y' WHERE k = 1 AND c = 1 IF v = 'one'", WriteType.CAS);
        // nothing was written
        assertThat(session.execute("SELECT * FROM timeouts.t WHERE k IN (2, 3)").all()).isEmpty();
        assertThat(session.execute("SELECT v FROM timeouts.t WHERE k = 1 AND c = 1").one().getString("v")).isEqualTo("one");
        assertThat(session.execute("SELECT n FROM timeouts.counters WHERE k = 1").one()).isNull();
    }

    @Test
    void truncateTimesOutWithTheConfiguredTimeout() {
        assertThatThrownBy(() -> session.execute("TRUNCATE timeouts.counters")).isInstanceOf(TruncateException.class)
                .hasMessageContaining("truncate_request_timeout_in_ms");
    }

    @Test
    void timeoutCombinesWithTtlAndTimestamp() {
        session.execute("INSERT INTO timeouts.t (k, c, v) VALUES (5, 1, 'five') USING TTL 1000 AND TIMEOUT 5s AND TIMESTAMP 1234");
        session.execute("UPDATE timeouts.t USING TIMEOUT 5s AND TIMESTAMP 1235 SET v = 'cinq' WHERE k = 5 AND c = 2");
        Row row = session.execute("SELECT v, ttl(v), writetime(v) FROM timeouts.t WHERE k = 5 AND c = 1 USING TIMEOUT 5s").one();
        assertThat(row.getString(0)).isEqualTo("five");
        assertThat(row.getInt(1)).isBetween(900, 1000);
        assertThat(row.getLong(2)).isEqualTo(1234);
        session.execute("DELETE FROM timeouts.t USING TIMESTAMP 1236 AND TIMEOUT 1s WHERE k = 5");
        assertThat(session.execute("SELECT * FROM timeouts.t WHERE k = 5").all()).isEmpty();
    }

    @Test
    void boundTimeouts() {
        PreparedStatement select = session.prepare("SELECT v FROM timeouts.t WHERE k = ? USING TIMEOUT ?");
        assertThat(select.getVariableDefinitions().get(1).getName().asInternal()).isEqualTo("[timeout]");
        assertThat(session.execute(select.bind(1, CqlDuration.from("2s"))).one().getString("v")).isEqualTo("one");
        assertThatThrownBy(() -> session.execute(select.bind(1, CqlDuration.from("0ms")))).isInstanceOf(ReadTimeoutException.class);
        PreparedStatement insert = session.prepare("INSERT INTO timeouts.t (k, c, v) VALUES (?, ?, ?) USING TIMEOUT ?");
        assertThatThrownBy(() -> session.execute(insert.bind(9, 9, "x", CqlDuration.from("0ms"))))
                .isInstanceOf(WriteTimeoutException.class);
        assertThatThrownBy(() -> session.execute(insert.bind(9, 9, "x", CqlDuration.from("1d"))))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Timeout values cannot be expressed in days/months");
        session.execute(insert.bind(9, 9, "x", null).unset(3)); // an unset timeout: the configured one
        assertThat(session.execute("SELECT v FROM timeouts.t WHERE k = 9").one().getString("v")).isEqualTo("x");
    }

    @Test
    void invalidTimeoutsAreRefusedWithScyllaMessages() {
        assertThatThrownBy(() -> session.execute("SELECT * FROM timeouts.t USING TIMEOUT 1d"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Timeout values cannot be expressed in days/months");
        assertThatThrownBy(() -> session.execute("SELECT * FROM timeouts.t USING TIMEOUT 2mo"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Timeout values cannot be expressed in days/months");
        assertThatThrownBy(() -> session.execute("INSERT INTO timeouts.t (k, c) VALUES (1, 1) USING TIMEOUT 1500us"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Timeout values must be expressed in millisecond granularity");
        assertThatThrownBy(() -> session.execute("BEGIN BATCH INSERT INTO timeouts.t (k, c) VALUES (1, 1) USING TIMEOUT 1s; APPLY BATCH"))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("give the BATCH its USING TIMEOUT");
        assertThatThrownBy(() -> session.execute("DELETE FROM timeouts.t USING TTL 10 WHERE k = 1"))
                .hasMessageContaining("mismatched input 'TTL'");
    }

    @Test
    void aBatchMessageAndItsStatementsTimeOutTogether() {
        PreparedStatement insert = session.prepare("INSERT INTO timeouts.t (k, c, v) VALUES (?, ?, ?)");
        BatchStatement batch = BatchStatement.newInstance(DefaultBatchType.LOGGED, insert.bind(20, 1, "a"), insert.bind(21, 1, "b"));
        session.execute(batch);
        assertThat(session.execute("SELECT * FROM timeouts.t WHERE k IN (20, 21)").all()).hasSize(2);
    }

    @Test
    void aLongScanIsCutAtItsDeadline() throws Exception {
        TimeoutStats stats = server.server().context().timeouts().stats();
        long abandonedBefore = stats.abandoned(Deadline.Kind.RANGE);
        long timedOutBefore = stats.timedOut(Deadline.Kind.RANGE);
        // counting 60,000 rows takes far longer than 5 ms; the client hears of it at the deadline...
        long start = System.nanoTime();
        assertThatThrownBy(() -> session.execute(SimpleStatement.newInstance("SELECT count(*) FROM timeouts.big USING TIMEOUT 5ms")))
                .isInstanceOf(ReadTimeoutException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
        assertThat(stats.timedOut(Deadline.Kind.RANGE)).isGreaterThan(timedOutBefore);
        // ...and the scan stops at its next checkpoint instead of running on in the background
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stats.abandoned(Deadline.Kind.RANGE) == abandonedBefore && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(stats.abandoned(Deadline.Kind.RANGE)).isGreaterThan(abandonedBefore);
        // without a deadline this short, the same scan completes
        assertThat(session.execute("SELECT count(*) FROM timeouts.big USING TIMEOUT 60s").one().getLong(0)).isEqualTo(SCAN_ROWS);
    }

    private static void assertWriteTimeout(String cql, WriteType type) {
        assertThatThrownBy(() -> session.execute(cql)).as(cql).isInstanceOfSatisfying(WriteTimeoutException.class, e -> {
            assertThat(e.getWriteType()).as(cql).isEqualTo(type);
            assertThat(e.getReceived()).isZero();
            assertThat(e.getBlockFor()).isEqualTo(1);
        });
    }
}
