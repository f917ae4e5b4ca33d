package org.charybdis.server.itests;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.charybdis.server.testing.ChildServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A base table and its materialized view never part: a child server with two shards and {@code commitlog_sync: batch}
 * takes updates that move base rows between view partitions (most view rows live on another shard than their base row)
 * and deletions, and is killed with SIGKILL at a random moment. After each restart the view holds exactly the base's
 * rows, acknowledged or not: a base write and its view updates are in one commitlog entry, and the view updates of
 * other shards are sent there again after the replay.
 */
class ViewCrashTest {
    private static final Duration START = Duration.ofSeconds(90);
    private static final int KEYS = 300;

    @TempDir
    Path dir;

    @Test
    void baseAndViewAgreeAfterKills() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        Map<String, String> options = Map.of("commitlog_sync", "batch", "commitlog_sync_batch_window_in_ms", "1", "memory", "110M",
                "commitlog_segment_size_in_mb", "2");
        try (ChildServerProcess child = ChildServerProcess.start(dir.resolve("node"), options, START)) {
            try (CqlSession session = child.session()) {
                session.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
                session.execute("CREATE TABLE ks.t (k int, c int, v int, w text, PRIMARY KEY (k, c))");
                session.execute("CREATE MATERIALIZED VIEW ks.t_by_v AS SELECT * FROM ks.t WHERE v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL"
                        + " PRIMARY KEY (v, k, c)");
            }
            for (int round = 0; round < 3; round++) {
                writeUntilKilled(child, random);
                child.restart(START);
                verify(child, round);
            }
        }
    }

    private static void writeUntilKilled(ChildServerProcess child, SplittableRandom random) throws Exception {
        long killAfterMillis = 800 + random.nextInt(2000);
        AtomicBoolean killed = new AtomicBoolean();
        try (CqlSession session = child.session()) {
            PreparedStatement update = session.prepare("UPDATE ks.t SET v = ?, w = ? WHERE k = ? AND c = 0");
            PreparedStatement delete = session.prepare("DELETE FROM ks.t WHERE k = ?");
            Semaphore inFlight = new Semaphore(32);
            Thread killer = child.killAfter(killAfterMillis, killed);
            for (int i = 0; !killed.get(); i++) {
                inFlight.acquire();
                int key = random.nextInt(KEYS);
                var statement = i % 13 == 0 ? delete.bind(key) : update.bind(random.nextInt(1000), "w" + i, key);
                session.executeAsync(statement).whenComplete((r, e) -> inFlight.release());
            }
            killer.join();
            inFlight.acquire(32);
        }
    }

    private static void verify(ChildServerProcess child, int round) {
        try (CqlSession session = child.session()) {
            Map<Integer, String> base = new TreeMap<>();
            for (Row row : session.execute("SELECT k, v, w FROM ks.t")) {
                if (!row.isNull("v")) base.put(row.getInt("k"), row.getInt("v") + " " + row.getString("w"));
            }
            Map<Integer, String> view = new TreeMap<>();
            for (Row row : session.execute("SELECT k, v, w FROM ks.t_by_v")) {
                String previous = view.put(row.getInt("k"), row.getInt("v") + " " + row.getString("w"));
                assertThat(previous).as("round %d: base row %d has two view rows", round, row.getInt("k")).isNull();
            }
            assertThat(base).as("round %d wrote nothing before the kill", round).isNotEmpty();
            assertThat(view).as("view rows after kill -9 in round %d", round).isEqualTo(base);
            System.out.printf("view crash round %d: %d base rows, view in step%n", round, base.size());
        }
    }
}
