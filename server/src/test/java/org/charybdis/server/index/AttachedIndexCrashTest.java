package org.charybdis.server.index;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import org.charybdis.server.testing.ChildServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.server.cql.statements.select.ResultRows.rows;
import static org.charybdis.server.cql.statements.select.ResultRows.rowsOnceAvailable;

/**
 * Storage-attached indexes after a crash: the rows the commitlog replays (never flushed before the SIGKILL) are found
 * through the indexes of regular, static and clustering columns once the node is back.
 */
class AttachedIndexCrashTest {
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void replayedRowsAreFoundThroughTheirIndexes() throws Exception {
        Map<String, String> options = Map.of("commitlog_sync", "batch", "commitlog_sync_batch_window_in_ms", "1");
        try (ChildServerProcess child = ChildServerProcess.start(dir.resolve("node"), options, START)) {
            try (CqlSession session = child.session()) {
                session.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
                session.execute("CREATE TABLE ks.t (k int, c int, s int static, v int, PRIMARY KEY (k, c))");
                for (String column : List.of("c", "s", "v")) session.execute("CREATE INDEX ON ks.t (" + column + ") USING 'sai'");
                PreparedStatement insert = session.prepare("INSERT INTO ks.t (k, c, s, v) VALUES (?, ?, ?, ?)");
                for (int k = 0; k < 50; k++) for (int c = 0; c < 4; c++) session.execute(insert.bind(k, c, k % 5, k * 4 + c));
            }
            child.kill();
            child.restart(START);
            try (CqlSession session = child.session()) {
                assertThat(rowsOnceAvailable(session, "SELECT k, c FROM ks.t WHERE v >= 190")).containsExactlyInAnyOrder(
                        "47, 2", "47, 3", "48, 0", "48, 1", "48, 2", "48, 3", "49, 0", "49, 1", "49, 2", "49, 3");
                assertThat(rows(session, "SELECT k FROM ks.t WHERE s = 3 AND c = 1")).containsExactlyInAnyOrder(
                        "3", "8", "13", "18", "23", "28", "33", "38", "43", "48");
                assertThat(rows(session, "SELECT k, c FROM ks.t WHERE c = 3 AND v < 12")).containsExactlyInAnyOrder("0, 3", "1, 3", "2, 3");
            }
        }
    }
}
