package org.charybdis.server.cql.statements.select.paging;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.charybdis.server.cql.statements.select.ResultRows;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpPost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LIMIT, PER PARTITION LIMIT, ORDER BY ... DESC and paging on large partitions flushed into several SSTables with
 * more changes in the memtable (overwrites, row, range and partition deletions, expired TTLs, static cells): reads
 * of flushed partitions stop at the limit or the page, and every answer is the one the same writes give from a
 * table that was never flushed (its data all in the memtable), and, for a few, the one worked out by hand.
 */
class FlushedPartitionLimitsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static final int ROWS = 6000;
    private static final int PARTITIONS = 6;
    private static final String FLUSHED = "lim.flushed";
    private static final String UNFLUSHED = "lim.unflushed";
    private static CqlSession session;

    @BeforeAll
    static void data() throws InterruptedException {
        session = server.session();
        session.execute("CREATE KEYSPACE lim WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        for (String table : List.of(FLUSHED, UNFLUSHED))
            session.execute("CREATE TABLE " + table + " (pk int, ck int, v text, tag int, s int static, PRIMARY KEY (pk, ck))");
        // first SSTable: every row of partitions 0 to 4, and their static cells
        for (int pk = 0; pk < 5; pk++) {
            int p = pk;
            both("INSERT INTO %s (pk, ck, v, tag) VALUES (?, ?, ?, ?)", ROWS, ck -> true, ck -> new Object[]{p, ck, value("a", ck), ck % 50});
            both("UPDATE %s SET s = ? WHERE pk = ?", p, p);
        }
        flush();
        // second SSTable: overwrites, row deletions, cells and rows written with a TTL of one second
        for (int pk = 0; pk < 5; pk++) {
            int p = pk;
            both("UPDATE %s SET v = ? WHERE pk = ? AND ck = ?", ROWS, ck -> ck % 5 == 0, ck -> new Object[]{value("b", ck), p, ck});
            both("DELETE FROM %s WHERE pk = ? AND ck = ?", ROWS, ck -> ck % 7 == 0, ck -> new Object[]{p, ck});
        }
        long ttlWritten = System.nanoTime();
        both("UPDATE %s USING TTL 1 SET v = 'ttl' WHERE pk = 0 AND ck = ?", ROWS, ck -> ck >= 3000 && ck < 3200, ck -> new Object[]{ck});
        both("INSERT INTO %s (pk, ck, v, tag) VALUES (1, ?, 'ttl', 0) USING TTL 1", ROWS, ck -> ck < 200, ck -> new Object[]{ck});
        flush();
        // third SSTable: range deletions at both ends and in the middle, a partition deletion and rows written after it
        both("DELETE FROM %s WHERE pk = 0 AND ck < 100");
        both("DELETE FROM %s WHERE pk = 0 AND ck > 5900");
        both("DELETE FROM %s WHERE pk = 2 AND ck >= 1000 AND ck < 4000");
        both("DELETE FROM %s WHERE pk = 3");
        both("INSERT INTO %s (pk, ck, v, tag) VALUES (3, ?, ?, 0)", ROWS, ck -> ck >= 2500 && ck < 2600, ck -> new Object[]{ck, value("c", ck)});
        both("UPDATE %s SET s = 99 WHERE pk = 4");
        flush();
        // the memtable: more deletions and overwrites, a row back after a range deletion, new rows, a new partition
        both("DELETE FROM %s WHERE pk = 1 AND ck >= 200 AND ck < 400");
        both("DELETE FROM %s WHERE pk = 4 AND ck >= 0");
        both("UPDATE %s SET v = ? WHERE pk = 0 AND ck = ?", ROWS, ck -> ck >= 100 && ck < 120, ck -> new Object[]{value("m", ck), ck});
        both("INSERT INTO %s (pk, ck, v, tag) VALUES (0, 50, 'back', 0)");
        both("INSERT INTO %s (pk, ck, v, tag) VALUES (2, ?, ?, 0)", ROWS + 100, ck -> ck >= ROWS, ck -> new Object[]{ck, value("n", ck)});
        both("INSERT INTO %s (pk, ck, v, tag) VALUES (5, ?, ?, ?)", 300, ck -> true, ck -> new Object[]{ck, value("n", ck), ck % 50});
        long sinceTtl = (System.nanoTime() - ttlWritten) / 1_000_000;
        if (sinceTtl < 2_100) Thread.sleep(2_100 - sinceTtl); // let the one-second TTLs expire
    }

    @Test
    void limitsAtTheStartAndTheEndOfFlushedPartitions() {
        for (int pk = 0; pk < PARTITIONS; pk++) {
            for (int limit : new int[]{1, 10, 100, 1000}) {
                same("SELECT * FROM %s WHERE pk = " + pk + " LIMIT " + limit);
                same("SELECT * FROM %s WHERE pk = " + pk + " ORDER BY ck DESC LIMIT " + limit);
            }
            same("SELECT * FROM %s WHERE pk = " + pk + " AND ck > 2990 LIMIT 10");
            same("SELECT * FROM %s WHERE pk = " + pk + " AND ck < 3010 ORDER BY ck DESC LIMIT 10");
            same("SELECT ck, v FROM %s WHERE pk = " + pk + " AND ck >= 1000 AND ck <= 1100 LIMIT 5");
            same("SELECT DISTINCT pk, s FROM %s WHERE pk = " + pk);
            same("SELECT count(*) FROM %s WHERE pk = " + pk);
        }
        // worked out by hand: rows multiple of 7 are deleted, partition 0 lost ck < 100 and ck > 5900 but got 50 back
        assertThat(rows("SELECT ck, v FROM " + FLUSHED + " WHERE pk = 0 LIMIT 3")).containsExactly("50, back", "100, " + value("m", 100), "101, " + value("m", 101));
        assertThat(rows("SELECT ck FROM " + FLUSHED + " WHERE pk = 0 ORDER BY ck DESC LIMIT 2")).containsExactly("5900", "5899");
        assertThat(rows("SELECT ck, v FROM " + FLUSHED + " WHERE pk = 0 AND ck >= 3000 LIMIT 2")).containsExactly("3000, null", "3001, null");
        // partition 1's first 200 rows expired and the next 200 are deleted in the memtable
        assertThat(rows("SELECT ck FROM " + FLUSHED + " WHERE pk = 1 LIMIT 1")).containsExactly("400");
        // every row of partition 4 deleted in the memtable: its static row alone
        assertThat(rows("SELECT pk, ck, s FROM " + FLUSHED + " WHERE pk = 4 LIMIT 10")).containsExactly("4, null, 99");
        assertThat(rows("SELECT ck FROM " + FLUSHED + " WHERE pk = 3 LIMIT 1")).containsExactly("2500");
    }

    @Test
    void rowFiltersReadOnUntilTheLimit() {
        for (int pk = 0; pk < PARTITIONS; pk++) {
            same("SELECT * FROM %s WHERE pk = " + pk + " AND tag = 0 LIMIT 5 ALLOW FILTERING");
            same("SELECT * FROM %s WHERE pk = " + pk + " AND tag = 49 ORDER BY ck DESC LIMIT 7 ALLOW FILTERING");
        }
        assertThat(rows("SELECT ck FROM " + FLUSHED + " WHERE pk = 0 AND tag = 0 LIMIT 3 ALLOW FILTERING")).containsExactly("50", "100", "150");
    }

    @Test
    void perPartitionLimits() {
        same("SELECT * FROM %s WHERE pk IN (0, 1, 2, 3, 4, 5) PER PARTITION LIMIT 3");
        same("SELECT * FROM %s WHERE pk IN (0, 1, 2, 3, 4, 5) PER PARTITION LIMIT 40 LIMIT 100");
        same("SELECT * FROM %s WHERE pk IN (0, 2, 5) AND ck > 5990 PER PARTITION LIMIT 4");
        same("SELECT pk, ck FROM %s PER PARTITION LIMIT 2");
        assertThat(pages("SELECT * FROM " + FLUSHED + " WHERE pk IN (0, 1, 2, 3, 4, 5) PER PARTITION LIMIT 250", 100))
                .isEqualTo(pages("SELECT * FROM " + UNFLUSHED + " WHERE pk IN (0, 1, 2, 3, 4, 5) PER PARTITION LIMIT 250", 100));
    }

    @Test
    void pagingThroughFlushedPartitions() {
        for (int pk : new int[]{0, 1, 2}) {
            for (int pageSize : new int[]{7, 100, 999}) {
                List<List<String>> flushed = pages("SELECT * FROM " + FLUSHED + " WHERE pk = " + pk, pageSize);
                assertThat(flushed).as("pages of %d rows", pageSize)
                        .isEqualTo(pages("SELECT * FROM " + UNFLUSHED + " WHERE pk = " + pk, pageSize));
                // every page full but the last, and no empty page at the end
                for (List<String> page : flushed.subList(0, flushed.size() - 1)) assertThat(page).hasSize(pageSize);
                assertThat(flushed.getLast()).isNotEmpty();
            }
            assertThat(pages("SELECT * FROM " + FLUSHED + " WHERE pk = " + pk + " ORDER BY ck DESC", 50))
                    .isEqualTo(pages("SELECT * FROM " + UNFLUSHED + " WHERE pk = " + pk + " ORDER BY ck DESC", 50));
            assertThat(pages("SELECT ck, v FROM " + FLUSHED + " WHERE pk = " + pk + " AND ck > 1500 LIMIT 250", 100))
                    .isEqualTo(pages("SELECT ck, v FROM " + UNFLUSHED + " WHERE pk = " + pk + " AND ck > 1500 LIMIT 250", 100));
            assertThat(pages("SELECT ck FROM " + FLUSHED + " WHERE pk = " + pk + " AND tag = 3 ALLOW FILTERING", 20))
                    .isEqualTo(pages("SELECT ck FROM " + UNFLUSHED + " WHERE pk = " + pk + " AND tag = 3 ALLOW FILTERING", 20));
        }
    }

    @Test
    void rangeScansThroughFlushedPartitions() {
        for (int pageSize : new int[]{7, 100, 999, 5000}) {
            List<List<String>> flushed = pages("SELECT * FROM " + FLUSHED, pageSize);
            assertThat(flushed).as("pages of %d rows", pageSize).isEqualTo(pages("SELECT * FROM " + UNFLUSHED, pageSize));
            for (List<String> page : flushed.subList(0, flushed.size() - 1)) assertThat(page).hasSize(pageSize);
        }
        same("SELECT count(*) FROM %s");
        same("SELECT DISTINCT pk, s FROM %s");
        for (String cql : List.of("SELECT pk, ck, v FROM %s LIMIT 250", "SELECT pk, ck FROM %s PER PARTITION LIMIT 250",
                "SELECT pk, ck FROM %s WHERE tag = 3 ALLOW FILTERING", "SELECT pk, ck, v FROM %s WHERE ck > 5990 ALLOW FILTERING",
                "SELECT pk, ck FROM %s WHERE token(pk) > token(2)")) {
            assertThat(pages(cql.formatted(FLUSHED), 100)).as(cql).isEqualTo(pages(cql.formatted(UNFLUSHED), 100));
        }
    }

    /** The query gives the same rows from both tables ({@code %s} is the table). */
    private static void same(String cql) {
        assertThat(rows(cql.formatted(FLUSHED))).as(cql).isEqualTo(rows(cql.formatted(UNFLUSHED)));
    }

    private static List<String> rows(String cql) {
        return ResultRows.rows(session, cql);
    }

    private static List<List<String>> pages(String cql, int pageSize) {
        return ResultRows.pages(session, cql, pageSize);
    }

    private static String value(String prefix, int ck) {
        return prefix + ck + "-" + "x".repeat(90);
    }

    /** Runs the statement on both tables. */
    private static void both(String cql, Object... values) {
        for (String table : List.of(FLUSHED, UNFLUSHED)) session.execute(SimpleStatement.newInstance(cql.formatted(table), values));
    }

    /** Runs the statement on both tables for every clustering below {@code count} the filter keeps, in unlogged batches. */
    private static void both(String cql, int count, IntPredicate which, java.util.function.IntFunction<Object[]> values) {
        for (String table : List.of(FLUSHED, UNFLUSHED)) {
            PreparedStatement statement = session.prepare(cql.formatted(table));
            BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED);
            for (int ck = 0; ck < count; ck++) {
                if (!which.test(ck)) continue;
                batch.addStatement(statement.bind(values.apply(ck)));
                if (batch.getStatementsCount() == 200) {
                    session.execute(batch.build());
                    batch = BatchStatement.builder(DefaultBatchType.UNLOGGED);
                }
            }
            if (batch.getStatementsCount() > 0) session.execute(batch.build());
        }
    }

    private static void flush() {
        HttpPost.post(server.apiPort(), "/storage/flush?keyspace=lim&table=flushed");
    }
}
