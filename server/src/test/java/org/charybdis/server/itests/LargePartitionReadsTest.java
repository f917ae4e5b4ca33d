package org.charybdis.server.itests;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.charybdis.cql.exceptions.ErrorCode;
import org.charybdis.cql.messages.ErrorResponse;
import org.charybdis.cql.messages.Response;
import org.charybdis.cql.messages.RowsResult;
import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.server.testing.ChildServerProcess;
import org.charybdis.server.testing.CqlTestClient;
import org.charybdis.server.testing.HttpPost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large flushed partition on a server in a child JVM, read as the probe did: LIMIT at its start and its
 * end, paging through it, and an unpaged read of all of it, which is refused at
 * max_memory_for_unlimited_query_hard_limit instead of being built as one response. Rows deleted in the memtable
 * over the flushed ones must not show, and every acknowledged write is there after a kill and restart.
 */
class LargePartitionReadsTest {
    private static final Duration START = Duration.ofSeconds(90);
    private static final int ROWS = 60_000;
    private static final int DELETED = 5;

    @TempDir
    Path dir;

    @Test
    void readsOfALargeFlushedPartitionStopWhereTheQueryDoes() throws Exception {
        try (ChildServerProcess child = ChildServerProcess.start(dir.resolve("node"),
                Map.of("max_memory_for_unlimited_query_hard_limit", Integer.toString(2 << 20)), START)) {
            try (CqlSession session = child.session()) {
                session.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
                session.execute("CREATE TABLE ks.wide (pk int, ck int, v text, PRIMARY KEY (pk, ck))");
                PreparedStatement insert = session.prepare("INSERT INTO ks.wide (pk, ck, v) VALUES (1, ?, ?)");
                Semaphore inFlight = new Semaphore(128);
                List<CompletableFuture<?>> writes = new ArrayList<>(ROWS);
                for (int ck = 0; ck < ROWS; ck++) {
                    inFlight.acquire();
                    writes.add(session.executeAsync(insert.bind(ck, value(ck))).toCompletableFuture().whenComplete((r, e) -> inFlight.release()));
                }
                CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
                assertThat(HttpPost.post(child.apiPort(), "/storage/flush?keyspace=ks").statusCode()).isEqualTo(200);
                for (int ck = 0; ck < DELETED; ck++) session.execute("DELETE FROM ks.wide WHERE pk = 1 AND ck = ?", ck); // in the memtable
                assertReads(session);
            }
            try (CqlTestClient raw = CqlTestClient.connect(child.nativePort())) {
                raw.startup(ProtocolVersion.V4);
                Response unpaged = raw.query("SELECT * FROM ks.wide WHERE pk = 1"); // ~6.5 MB, no page size
                assertThat(unpaged).as(CqlTestClient.describe(unpaged)).isInstanceOf(ErrorResponse.class);
                assertThat(((ErrorResponse) unpaged).error().code()).isEqualTo(ErrorCode.INVALID);
                assertThat(((ErrorResponse) unpaged).error().getMessage()).contains("max_memory_for_unlimited_query_hard_limit");
                RowsResult next = (RowsResult) raw.query("SELECT ck FROM ks.wide WHERE pk = 1 LIMIT 3"); // the connection goes on
                assertThat(next.rows()).hasSize(3);
                Response unpagedScan = raw.query("SELECT * FROM ks.wide");
                assertThat(unpagedScan).as(CqlTestClient.describe(unpagedScan)).isInstanceOf(ErrorResponse.class);
                assertThat(((ErrorResponse) unpagedScan).error().getMessage()).contains("max_memory_for_unlimited_query_hard_limit");
                assertThat(((RowsResult) raw.query("SELECT ck FROM ks.wide LIMIT 3")).rows()).hasSize(3);
            }

            child.kill();
            child.restart(START);
            try (CqlSession session = child.session()) {
                assertReads(session);
            }
        }
    }

    private static void assertReads(CqlSession session) {
        assertThat(cks(session.execute("SELECT ck, v FROM ks.wide WHERE pk = 1 LIMIT 10")))
                .isEqualTo(IntStream.range(DELETED, DELETED + 10).boxed().toList());
        assertThat(cks(session.execute("SELECT ck, v FROM ks.wide WHERE pk = 1 ORDER BY ck DESC LIMIT 10")))
                .isEqualTo(IntStream.range(0, 10).map(i -> ROWS - 1 - i).boxed().toList());
        ResultSet paged = session.execute(SimpleStatement.newInstance("SELECT ck, v FROM ks.wide WHERE pk = 1").setPageSize(999));
        assertThat(cks(paged)).isEqualTo(IntStream.range(DELETED, ROWS).boxed().toList());
        // range scans reach the partition through the scanner, which leaves it on disk for a read as far as the page
        assertThat(cks(session.execute("SELECT ck, v FROM ks.wide LIMIT 10"))).isEqualTo(IntStream.range(DELETED, DELETED + 10).boxed().toList());
        ResultSet scanned = session.execute(SimpleStatement.newInstance("SELECT ck, v FROM ks.wide").setPageSize(999));
        assertThat(cks(scanned)).isEqualTo(IntStream.range(DELETED, ROWS).boxed().toList());
    }

    /** The clustering keys, each row's value checked. */
    private static List<Integer> cks(ResultSet rows) {
        List<Integer> cks = new ArrayList<>();
        for (Row row : rows) {
            assertThat(row.getString("v")).isEqualTo(value(row.getInt("ck")));
            cks.add(row.getInt("ck"));
        }
        return cks;
    }

    private static String value(int ck) {
        return ("row " + ck + " ").repeat(10);
    }
}
