package org.charybdis.server.view;

import com.datastax.oss.driver.api.core.CqlSession;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.ShardOf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.server.cql.statements.select.ResultRows.rows;

/**
 * Reads of materialized views through the Java driver after every kind of base write: inserts, updates of a non-key
 * column, updates that move a row to another view partition (and back), nulled view keys, row, range and partition
 * deletions, TTLs, batches, WHERE filters, views whose rows live on another shard than their base rows (two shards),
 * and a view built over rows the base held before it existed. Recorded from Apache Cassandra 5.0.6; the class also passes
 * against it ({@code -Dcharybdis.test.external=127.0.0.1:9043 -Dcharybdis.test.external.credentials=cassandra:cassandra}).
 */
class ViewMaintenanceTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        session = server.session();
        session.execute("DROP KEYSPACE IF EXISTS mv_data");
        session.execute("CREATE KEYSPACE mv_data WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    }

    /**
     * Writes with older timestamps than the view row's leave it as the base row is, as in Cassandra 5.0.6. Its view cells
     * keep the base's write times while the row stays in place; a row that moved keeps its values but not yet their
     * write times (Cassandra's shadowable view tombstones are not there yet: the moved row's cells take its timestamp).
     */
    @Test
    void olderWritesLeaveNothingStaleInTheView() {
        session.execute("CREATE TABLE mv_data.ts (k int, c int, v int, w text, x int, PRIMARY KEY (k, c))");
        session.execute("CREATE MATERIALIZED VIEW mv_data.ts_v AS SELECT * FROM mv_data.ts WHERE k IS NOT NULL AND c IS NOT NULL AND v IS NOT NULL"
                + " PRIMARY KEY (v, k, c)");
        session.execute("INSERT INTO mv_data.ts (k, c, v, w, x) VALUES (1, 1, 10, 'a', 1) USING TIMESTAMP 100");
        session.execute("UPDATE mv_data.ts USING TIMESTAMP 200 SET w = 'b' WHERE k = 1 AND c = 1");
        assertThat(view("SELECT v, w, writetime(w), writetime(x) FROM mv_data.ts_v")).containsExactly("10, b, 200, 100");
        String cells = "SELECT v, w, x FROM mv_data.ts_v";
        session.execute("UPDATE mv_data.ts USING TIMESTAMP 300 SET v = 20 WHERE k = 1 AND c = 1"); // moves the view row
        assertThat(view(cells)).containsExactly("20, b, 1");
        session.execute("UPDATE mv_data.ts USING TIMESTAMP 400 SET v = 10 WHERE k = 1 AND c = 1"); // and back
        assertThat(view(cells)).containsExactly("10, b, 1");
        session.execute("UPDATE mv_data.ts USING TIMESTAMP 150 SET w = 'old' WHERE k = 1 AND c = 1"); // older than the view's
        assertThat(view(cells)).containsExactly("10, b, 1");
        session.execute("UPDATE mv_data.ts USING TIMESTAMP 350 SET v = 30 WHERE k = 1 AND c = 1"); // older than the key's
        assertThat(view(cells)).containsExactly("10, b, 1");
        session.execute("UPDATE mv_data.ts USING TIMESTAMP 500 SET x = 5 WHERE k = 1 AND c = 1");
        session.execute("UPDATE mv_data.ts USING TIMESTAMP 450 SET x = 4 WHERE k = 1 AND c = 1");
        assertThat(view("SELECT v, x, writetime(x) FROM mv_data.ts_v")).containsExactly("10, 5, 500");

        session.execute("INSERT INTO mv_data.ts (k, c, v, w) VALUES (2, 1, 7, 'q') USING TIMESTAMP 1000");
        session.execute("INSERT INTO mv_data.ts (k, c, v, w) VALUES (2, 1, 8, 'r') USING TIMESTAMP 900");
        assertThat(view("SELECT v, k, w, writetime(w) FROM mv_data.ts_v WHERE v IN (7, 8)")).containsExactly("7, 2, q, 1000");
        session.execute("DELETE FROM mv_data.ts USING TIMESTAMP 800 WHERE k = 2 AND c = 1");
        assertThat(view("SELECT v, k, w FROM mv_data.ts_v WHERE v IN (7, 8)")).containsExactly("7, 2, q");
    }

    @Test
    void updatesMoveRowsBetweenViewPartitionsAndDeletionsFollow() {
        session.execute("CREATE TABLE mv_data.t (k int, c int, v int, w text, l list<int>, PRIMARY KEY (k, c))");
        session.execute("CREATE MATERIALIZED VIEW mv_data.t_by_v AS SELECT * FROM mv_data.t WHERE v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL"
                + " PRIMARY KEY (v, k, c)");
        session.execute("INSERT INTO mv_data.t (k, c, v, w, l) VALUES (1, 1, 10, 'a', [1, 2])");
        session.execute("INSERT INTO mv_data.t (k, c, v, w) VALUES (1, 2, 10, 'b')");
        session.execute("INSERT INTO mv_data.t (k, c, v, w) VALUES (2, 1, 20, 'c')");
        session.execute("INSERT INTO mv_data.t (k, c, w) VALUES (3, 1, 'no v')"); // no view row: v is null
        assertThat(view("SELECT v, k, c, w, l FROM mv_data.t_by_v WHERE v = 10")).containsExactly("10, 1, 1, a, [1, 2]", "10, 1, 2, b, []");
        assertThat(view("SELECT * FROM mv_data.t_by_v")).hasSize(3);

        session.execute("UPDATE mv_data.t SET w = 'a2', l = l + [3] WHERE k = 1 AND c = 1");
        assertThat(view("SELECT w, l FROM mv_data.t_by_v WHERE v = 10 AND k = 1 AND c = 1")).containsExactly("a2, [1, 2, 3]");

        session.execute("UPDATE mv_data.t SET v = 30 WHERE k = 1 AND c = 1"); // moves to another view partition
        assertThat(view("SELECT v, k, c, w, l FROM mv_data.t_by_v WHERE v = 10")).containsExactly("10, 1, 2, b, []");
        assertThat(view("SELECT v, k, c, w, l FROM mv_data.t_by_v WHERE v = 30")).containsExactly("30, 1, 1, a2, [1, 2, 3]");
        session.execute("UPDATE mv_data.t SET v = 10 WHERE k = 1 AND c = 1"); // and back
        assertThat(view("SELECT v, k, c, w, l FROM mv_data.t_by_v WHERE v = 10")).containsExactly("10, 1, 1, a2, [1, 2, 3]", "10, 1, 2, b, []");
        assertThat(view("SELECT * FROM mv_data.t_by_v WHERE v = 30")).isEmpty();

        session.execute("UPDATE mv_data.t SET v = 40 WHERE k = 3 AND c = 1"); // v set: the row joins the view
        assertThat(view("SELECT v, k, c, w FROM mv_data.t_by_v WHERE v = 40")).containsExactly("40, 3, 1, no v");
        session.execute("UPDATE mv_data.t SET v = null WHERE k = 3 AND c = 1"); // and leaves it
        assertThat(view("SELECT * FROM mv_data.t_by_v WHERE v = 40")).isEmpty();

        session.execute("DELETE w FROM mv_data.t WHERE k = 1 AND c = 2");
        assertThat(view("SELECT v, k, c, w FROM mv_data.t_by_v WHERE v = 10 AND k = 1")).containsExactly("10, 1, 1, a2", "10, 1, 2, null");
        session.execute("DELETE FROM mv_data.t WHERE k = 1 AND c = 2");
        assertThat(view("SELECT v, k, c FROM mv_data.t_by_v WHERE v = 10")).containsExactly("10, 1, 1");

        for (int c = 1; c <= 5; c++) session.execute("INSERT INTO mv_data.t (k, c, v) VALUES (5, " + c + ", " + (50 + c) + ")");
        session.execute("DELETE FROM mv_data.t WHERE k = 5 AND c >= 2 AND c < 4"); // range deletion
        assertThat(view("SELECT v FROM mv_data.t_by_v WHERE v IN (51, 52, 53, 54, 55)")).containsExactlyInAnyOrder("51", "54", "55");
        session.execute("DELETE FROM mv_data.t WHERE k = 5"); // partition deletion
        assertThat(view("SELECT v FROM mv_data.t_by_v WHERE v IN (51, 52, 53, 54, 55)")).isEmpty();

        session.execute("BEGIN BATCH INSERT INTO mv_data.t (k, c, v) VALUES (6, 1, 60); INSERT INTO mv_data.t (k, c, v) VALUES (7, 1, 60);"
                + " UPDATE mv_data.t SET v = 61 WHERE k = 2 AND c = 1; APPLY BATCH");
        assertThat(view("SELECT v, k, c FROM mv_data.t_by_v WHERE v IN (20, 60, 61)")).containsExactlyInAnyOrder("60, 6, 1", "60, 7, 1", "61, 2, 1");
        assertThat(view("SELECT v, k, c FROM mv_data.t_by_v")).containsExactlyInAnyOrder("10, 1, 1", "60, 6, 1", "60, 7, 1", "61, 2, 1");
    }

    @Test
    void lightweightTransactionsAndTruncateReachTheView() {
        session.execute("CREATE TABLE mv_data.lwt (k int PRIMARY KEY, v int, w text)");
        session.execute("CREATE MATERIALIZED VIEW mv_data.lwt_by_v AS SELECT * FROM mv_data.lwt WHERE v IS NOT NULL AND k IS NOT NULL PRIMARY KEY (v, k)");
        assertThat(session.execute("INSERT INTO mv_data.lwt (k, v, w) VALUES (1, 10, 'a') IF NOT EXISTS").wasApplied()).isTrue();
        assertThat(session.execute("INSERT INTO mv_data.lwt (k, v, w) VALUES (1, 11, 'b') IF NOT EXISTS").wasApplied()).isFalse();
        assertThat(view("SELECT v, k, w FROM mv_data.lwt_by_v")).containsExactly("10, 1, a");
        assertThat(session.execute("UPDATE mv_data.lwt SET v = 12 WHERE k = 1 IF w = 'a'").wasApplied()).isTrue();
        assertThat(view("SELECT v, k, w FROM mv_data.lwt_by_v")).containsExactly("12, 1, a");
        assertThat(session.execute("DELETE FROM mv_data.lwt WHERE k = 1 IF EXISTS").wasApplied()).isTrue();
        assertThat(view("SELECT * FROM mv_data.lwt_by_v")).isEmpty();

        session.execute("INSERT INTO mv_data.lwt (k, v, w) VALUES (2, 20, 'c')");
        session.execute("TRUNCATE mv_data.lwt");
        assertThat(view("SELECT * FROM mv_data.lwt_by_v")).isEmpty();
    }

    @Test
    void ttlsExpireViewRowsWithTheirBaseValues() throws InterruptedException {
        session.execute("CREATE TABLE mv_data.ttl (k int, c int, v int, w int, PRIMARY KEY (k, c))");
        session.execute("CREATE MATERIALIZED VIEW mv_data.ttl_by_v AS SELECT * FROM mv_data.ttl WHERE v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL"
                + " PRIMARY KEY (v, k, c)");
        session.execute("CREATE MATERIALIZED VIEW mv_data.ttl_by_c AS SELECT * FROM mv_data.ttl WHERE k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (c, k)");
        session.execute("INSERT INTO mv_data.ttl (k, c, v, w) VALUES (1, 1, 1, 1) USING TTL 2");
        session.execute("INSERT INTO mv_data.ttl (k, c, v, w) VALUES (2, 1, 2, 2)");
        session.execute("UPDATE mv_data.ttl USING TTL 2 SET v = 3 WHERE k = 2 AND c = 1"); // only the view key value expires
        assertThat(view("SELECT v, k, c, w FROM mv_data.ttl_by_v")).containsExactlyInAnyOrder("1, 1, 1, 1", "3, 2, 1, 2");
        Thread.sleep(3_000);
        assertThat(view("SELECT * FROM mv_data.ttl_by_v")).isEmpty();
        assertThat(view("SELECT c, k, v, w FROM mv_data.ttl_by_c")).containsExactly("1, 2, null, 2");
        assertThat(rows(session, "SELECT k, c, v, w FROM mv_data.ttl")).containsExactly("2, 1, null, 2");
    }

    @Test
    void viewRowsOnAnotherShardThanTheirBaseRowsAndFilters() {
        session.execute("CREATE TABLE mv_data.wide (k int, c int, v int, PRIMARY KEY (k, c))");
        session.execute("CREATE MATERIALIZED VIEW mv_data.wide_by_v AS SELECT * FROM mv_data.wide WHERE v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL"
                + " AND c > 1 PRIMARY KEY (v, k, c)");
        List<String> expected = new ArrayList<>();
        int crossing = 0;
        ShardOf shards = ShardOf.withDefaultIgnoreMsb(2);
        for (int k = 0; k < 40; k++) {
            int c = k % 3;
            session.execute("INSERT INTO mv_data.wide (k, c, v) VALUES (?, ?, ?)", k, c, 1000 + k);
            if (c > 1) expected.add((1000 + k) + ", " + k + ", " + c);
            if (shards.shard(token(k)) != shards.shard(token(1000 + k))) crossing++;
        }
        assertThat(crossing).as("view rows living on another shard than their base rows").isGreaterThan(5);
        assertThat(view("SELECT v, k, c FROM mv_data.wide_by_v")).containsExactlyInAnyOrderElementsOf(expected);
        for (int k = 0; k < 40; k++) session.execute("UPDATE mv_data.wide SET v = ? WHERE k = ? AND c = ?", 2000 + k, k, k % 3);
        for (int k = 0; k < 40; k++) {
            List<String> row = view("SELECT v, k FROM mv_data.wide_by_v WHERE v = " + (2000 + k));
            assertThat(row).as("k = " + k).isEqualTo(k % 3 > 1 ? List.of((2000 + k) + ", " + k) : List.of());
            assertThat(view("SELECT v FROM mv_data.wide_by_v WHERE v = " + (1000 + k))).isEmpty();
        }
    }

    @Test
    void viewBuiltOverExistingRows() throws InterruptedException {
        session.execute("CREATE TABLE mv_data.old (k int, c int, v int, w text, PRIMARY KEY (k, c))");
        for (int k = 0; k < 30; k++) session.execute("INSERT INTO mv_data.old (k, c, v, w) VALUES (?, 0, ?, ?)", k, k % 4, "w" + k);
        session.execute("DELETE FROM mv_data.old WHERE k = 3");
        var preparedBefore = session.prepare("INSERT INTO mv_data.old (k, c, v, w) VALUES (?, 1, ?, 'late')");
        session.execute("CREATE MATERIALIZED VIEW mv_data.old_by_v AS SELECT v, k, c FROM mv_data.old WHERE v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL"
                + " PRIMARY KEY (v, k, c)");
        for (int i = 0; i < 100 && rows(session, "SELECT view_name FROM system.built_views WHERE keyspace_name = 'mv_data' AND view_name = 'old_by_v'").isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(rows(session, "SELECT keyspace_name, view_name, status_replicated FROM system.built_views WHERE keyspace_name = 'mv_data'"
                + " AND view_name = 'old_by_v'")).containsExactly("mv_data, old_by_v, true");
        assertThat(rows(session, "SELECT view_name, status FROM system_distributed.view_build_status WHERE keyspace_name = 'mv_data'"
                + " AND view_name = 'old_by_v'")).containsExactly("old_by_v, SUCCESS");
        assertThat(view("SELECT k FROM mv_data.old_by_v WHERE v = 3")).containsExactlyInAnyOrder("7", "11", "15", "19", "23", "27");
        assertThat(view("SELECT * FROM mv_data.old_by_v")).hasSize(29);
        session.execute(preparedBefore.bind(100, 3)); // prepared before the view existed, written after
        assertThat(view("SELECT k, c FROM mv_data.old_by_v WHERE v = 3 AND k = 100")).containsExactly("100, 1");
        assertThat(rows(session, "SELECT column_name FROM system_schema.columns WHERE keyspace_name = 'mv_data' AND table_name = 'old_by_v'"))
                .containsExactly("c", "k", "v");
    }

    private static List<String> view(String cql) {
        return rows(session, cql);
    }

    private static long token(int key) {
        return DecoratedKey.of(ByteBuffer.allocate(4).putInt(0, key)).token();
    }
}
