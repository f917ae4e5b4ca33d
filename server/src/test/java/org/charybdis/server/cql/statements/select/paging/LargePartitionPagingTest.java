package org.charybdis.server.cql.statements.select.paging;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.scheduler.io.IoClass;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.cql.statements.select.ResultRows;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpPost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partition far larger than a page, flushed into three SSTables whose rows interleave, with a range deletion and row
 * deletions spanning many row index blocks and more changes in the memtable, read through the Java driver page by
 * page, forward, with ORDER BY ck DESC and by clustering ranges: every live row comes back exactly once, in order. And
 * the first page of a partition costs about the same disk reads whether the partition is 3,000 rows or 24,000: rows
 * stream from the row index, which is searched, not read whole.
 */
class LargePartitionPagingTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension()
            .with(ServerConfig.WRITE_REQUEST_TIMEOUT_IN_MS, 10_000); // 40,000 writes on a busy machine
    private static final int ROWS = 24_000;
    private static CqlSession session;
    /** What the large partition holds: clustering to value. */
    private static final NavigableMap<Integer, String> expected = new TreeMap<>();

    @BeforeAll
    static void data() {
        session = server.session();
        session.execute("CREATE KEYSPACE big WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE big.wide (pk int, ck int, tag text, v text, s int static, PRIMARY KEY (pk, ck, tag))");
        session.execute("CREATE TABLE big.lazy (pk int, ck int, tag text, v text, PRIMARY KEY (pk, ck, tag))");

        // three SSTables, each every third row; the second deletes a range of all three's rows written before it
        insert("big.wide", 1, ck -> ck % 3 == 0, "a");
        session.execute("UPDATE big.wide SET s = 7 WHERE pk = 1");
        flush("wide");
        insert("big.wide", 1, ck -> ck % 3 == 1, "b");
        session.execute("DELETE FROM big.wide WHERE pk = 1 AND ck >= 5000 AND ck < 7000");
        expected.keySet().removeIf(ck -> ck >= 5000 && ck < 7000);
        flush("wide");
        insert("big.wide", 1, ck -> ck % 3 == 2, "c"); // after the range deletion: these stay
        deleteRows(ck -> ck % 101 == 0);
        flush("wide");
        // the memtable: overwrites, a range deletion, rows past the end
        insert("big.wide", 1, ck -> ck % 11 == 0 && ck < ROWS, "m");
        session.execute("DELETE FROM big.wide WHERE pk = 1 AND ck > 15000 AND ck <= 15500");
        expected.keySet().removeIf(ck -> ck > 15000 && ck <= 15500);
        insert("big.wide", 1, ck -> ck >= ROWS, "n");

        insert("big.lazy", 1, ck -> ck < ROWS / 8, "a");
        insert("big.lazy", 2, ck -> ck < ROWS, "a");
        flush("lazy");
    }

    @Test
    void pagesForwardBackwardAndByRangeHoldEveryRowOnceInOrder() {
        List<String> all = new ArrayList<>();
        expected.forEach((ck, v) -> all.add(ck + ", " + v));
        List<String> inRange = new ArrayList<>();
        expected.subMap(4000, true, 16_000, false).forEach((ck, v) -> inRange.add(ck + ", " + v));
        for (int pageSize : new int[] {5000, 333}) {
            assertThat(paged("SELECT ck, v FROM big.wide WHERE pk = 1", pageSize)).as("forward, pages of %d", pageSize).isEqualTo(all);
            assertThat(paged("SELECT ck, v FROM big.wide WHERE pk = 1 ORDER BY ck DESC", pageSize)).as("DESC, pages of %d", pageSize)
                    .isEqualTo(all.reversed());
            String range = "SELECT ck, v FROM big.wide WHERE pk = 1 AND ck >= 4000 AND ck < 16000";
            assertThat(paged(range, pageSize)).as("range, pages of %d", pageSize).isEqualTo(inRange);
            assertThat(paged(range + " ORDER BY ck DESC", pageSize)).as("range DESC, pages of %d", pageSize).isEqualTo(inRange.reversed());
        }
        assertThat(ResultRows.rows(session, "SELECT count(*) FROM big.wide WHERE pk = 1")).containsExactly(Integer.toString(expected.size()));
        assertThat(ResultRows.rows(session, "SELECT DISTINCT pk, s FROM big.wide WHERE pk = 1")).containsExactly("1, 7");
        assertThat(ResultRows.rows(session, "SELECT ck FROM big.wide WHERE pk = 1 AND ck > 14990 LIMIT 12"))
                .containsExactly("14991", "14992", "14993", "14994", "14995", "14996", "14997", "14998", "14999", "15000", "15501", "15502");
    }

    /**
     * Each partition's first pages at its start, its end and its middle, in either order: the 24,000-row partition's
     * row index alone is about 900 KB, which a read that loaded it whole would read.
     */
    @Test
    void theFirstPagesCostAboutTheSameWhateverThePartitionsSize() {
        long small = 0;
        long large = 0;
        for (String where : List.of("", " ORDER BY ck DESC", " AND ck >= %d", " AND ck <= %d ORDER BY ck DESC")) {
            small += firstPageBytes(1, where.formatted(ROWS / 16));
            large += firstPageBytes(2, where.formatted(ROWS / 2));
        }
        // far below the 24,000-row partition's row index alone (about 900 KB), which a read loading it whole would read;
        // measured 2.1x the small partition's on main after the memory, memtable and index cache changes met (1x on
        // their own branch): the difference is not understood yet (issue 11's note)
        assertThat(large).as("bytes read by the first pages of 24,000 rows, against %d for 3,000 rows", small).isLessThan(3 * small);
    }

    /** Bytes the shards' queries read from disk (or the page cache) for the first 20 rows of the partition. */
    private static long firstPageBytes(int pk, String where) {
        long before = queryBytesRead();
        ResultSet page = session.execute(SimpleStatement.newInstance("SELECT ck, v FROM big.lazy WHERE pk = " + pk + where).setPageSize(20));
        assertThat(page.getAvailableWithoutFetching()).isEqualTo(20);
        assertThat(page.getExecutionInfo().getPagingState()).isNotNull();
        return queryBytesRead() - before;
    }

    private static long queryBytesRead() {
        ShardRuntime runtime = server.server().runtime();
        long bytes = 0;
        for (int shard = 0; shard < runtime.shardCount(); shard++) {
            var stats = runtime.shard(shard).io().stats(IoClass.QUERY);
            bytes += stats.bytesCompleted() + stats.pageCacheBytes();
        }
        return bytes;
    }

    private static List<String> paged(String cql, int pageSize) {
        List<String> rows = new ArrayList<>();
        for (List<String> page : ResultRows.pages(session, cql, pageSize)) rows.addAll(page);
        return rows;
    }

    /** Writes the rows of {@code [0, ROWS + 100)} the filter keeps, 32 at a time; the large table's are expected. */
    private static void insert(String table, int pk, IntPredicate which, String version) {
        PreparedStatement statement = session.prepare("INSERT INTO " + table + " (pk, ck, tag, v) VALUES (?, ?, ?, ?)");
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (int ck = 0; ck < ROWS + 100; ck++) {
            if (!which.test(ck)) continue;
            String value = value(version, ck);
            if (table.equals("big.wide")) expected.put(ck, value);
            inFlight.acquireUninterruptibly();
            writes.add(session.executeAsync(statement.bind(pk, ck, tag(ck), value)).toCompletableFuture().whenComplete((r, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    }

    private static void deleteRows(IntPredicate which) {
        PreparedStatement statement = session.prepare("DELETE FROM big.wide WHERE pk = 1 AND ck = ?");
        for (Map.Entry<Integer, String> row : List.copyOf(expected.entrySet())) {
            if (!which.test(row.getKey())) continue;
            session.execute(statement.bind(row.getKey()));
            expected.remove(row.getKey());
        }
    }

    /** A 400-character clustering component of random hex digits: row index entries of 800 bytes that do not compress. */
    private static String tag(int ck) {
        byte[] bytes = new byte[200];
        new SplittableRandom(ck).nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String value(String version, int ck) {
        return version + ck + "-" + "v".repeat(290);
    }

    private static void flush(String table) {
        assertThat(HttpPost.post(server.apiPort(), "/storage/flush?keyspace=big&table=" + table).statusCode()).isEqualTo(200);
    }
}
