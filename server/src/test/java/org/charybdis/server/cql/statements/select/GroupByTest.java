package org.charybdis.server.cql.statements.select;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charybdis.server.cql.statements.select.ResultRows.columns;
import static org.charybdis.server.cql.statements.select.ResultRows.paged;
import static org.charybdis.server.cql.statements.select.ResultRows.rows;

/**
 * GROUP BY through the Java driver. Every expected result and error was recorded from Apache Cassandra
 * 5.0.6 running the same statements (the class also passes against it:
 * {@code -Dcharybdis.test.external=127.0.0.1:9043 -Dcharybdis.test.external.credentials=cassandra:cassandra}).
 */
class GroupByTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;
    /** Rows in the big partition: more than one internal page of the grouping reader. */
    private static final int BIG = 2_500;

    @BeforeAll
    static void schema() {
        session = server.session();
        session.execute("CREATE KEYSPACE IF NOT EXISTS gb WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("DROP TABLE IF EXISTS gb.t");
        session.execute("CREATE TABLE gb.t (a int, b int, c int, d int, v int, s int static, PRIMARY KEY ((a, b), c, d))");
        session.execute("INSERT INTO gb.t (a, b, c, d, v) VALUES (1, 1, 1, 1, 10)");
        session.execute("INSERT INTO gb.t (a, b, c, d, v) VALUES (1, 1, 1, 2, 20)");
        session.execute("INSERT INTO gb.t (a, b, c, d, v) VALUES (1, 1, 2, 1, 30)");
        session.execute("INSERT INTO gb.t (a, b, c, d, v) VALUES (1, 2, 1, 1, 40)");
        session.execute("INSERT INTO gb.t (a, b, c, d, v) VALUES (2, 1, 1, 1, 50)");
        session.execute("INSERT INTO gb.t (a, b, s) VALUES (3, 1, 7)");
        session.execute("DROP TABLE IF EXISTS gb.ts");
        session.execute("CREATE TABLE gb.ts (k int, t timestamp, v int, PRIMARY KEY (k, t))");
        session.execute("INSERT INTO gb.ts (k, t, v) VALUES (1, '2024-01-01 00:00:00+0000', 1)");
        session.execute("INSERT INTO gb.ts (k, t, v) VALUES (1, '2024-01-01 00:30:00+0000', 2)");
        session.execute("INSERT INTO gb.ts (k, t, v) VALUES (1, '2024-01-02 01:10:00+0000', 3)");
        session.execute("INSERT INTO gb.ts (k, t, v) VALUES (2, '2024-01-01 03:10:00+0000', 5)");
        session.execute("DROP TABLE IF EXISTS gb.tf");
        session.execute("CREATE TABLE gb.tf (k int, t timestamp, v int, PRIMARY KEY (k, t))");
        session.execute("INSERT INTO gb.tf (k, t, v) VALUES (1, '2024-01-01 00:00:00+0000', 1)");
        session.execute("INSERT INTO gb.tf (k, t, v) VALUES (1, '2024-01-01 00:30:00+0000', 2)");
        session.execute("INSERT INTO gb.tf (k, t, v) VALUES (1, '2024-01-01 01:10:00+0000', 3)");
        session.execute("INSERT INTO gb.tf (k, t, v) VALUES (1, '2024-01-01 03:10:00+0000', 4)");
        session.execute("INSERT INTO gb.tf (k, t, v) VALUES (2, '2024-01-01 03:10:00+0000', 5)");
        session.execute("DROP TABLE IF EXISTS gb.big");
        session.execute("CREATE TABLE gb.big (k int, c1 int, c2 int, v int, PRIMARY KEY (k, c1, c2))");
        PreparedStatement insert = session.prepare("INSERT INTO gb.big (k, c1, c2, v) VALUES (?, ?, ?, ?)");
        for (int from = 0; from < BIG; from += 250) {
            BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED);
            for (int i = from; i < from + 250; i++) batch.addStatement(insert.bind(1, i / 1000, i, 1));
            session.execute(batch.build());
        }
        for (int k = 2; k <= 12; k++) {
            for (int c1 = 0; c1 < 3; c1++) {
                for (int c2 = 0; c2 < k % 4 + 1; c2++) session.execute(insert.bind(k, c1, c2, k * 100 + c1 * 10 + c2));
            }
        }
    }

    @Test
    void groupsByPartitionKeyWithAggregates() {
        assertThat(rows(session, "SELECT a, b, count(*) FROM gb.t GROUP BY a, b")).containsExactly("2, 1, 1", "1, 2, 1", "1, 1, 3", "3, 1, 1");
        assertThat(rows(session, "SELECT count(*) FROM gb.t GROUP BY a, b")).containsExactly("1", "1", "3", "1");
        // a static column in a group reads the partition's value; count(s) counts rows with it
        assertThat(rows(session, "SELECT a, b, s, count(*) FROM gb.t GROUP BY a, b"))
                .containsExactly("2, 1, null, 1", "1, 2, null, 1", "1, 1, null, 3", "3, 1, 7, 1");
        assertThat(rows(session, "SELECT a, b, count(s), count(v) FROM gb.t GROUP BY a, b"))
                .containsExactly("2, 1, 0, 1", "1, 2, 0, 1", "1, 1, 0, 3", "3, 1, 1, 0");
        assertThat(columns(session, "SELECT a, b, count(*) AS n, max(v) FROM gb.t GROUP BY a, b"))
                .containsExactly("a:int", "b:int", "n:bigint", "system.max(v):int");
    }

    @Test
    void groupsByClusteringPrefix() {
        assertThat(rows(session, "SELECT a, b, c, count(*), max(v) FROM gb.t GROUP BY a, b, c"))
                .containsExactly("2, 1, 1, 1, 50", "1, 2, 1, 1, 40", "1, 1, 1, 2, 20", "1, 1, 2, 1, 30", "3, 1, null, 1, null");
        // selectors outside aggregates take the group's first row
        assertThat(rows(session, "SELECT a, b, c, d, v FROM gb.t GROUP BY a, b, c"))
                .containsExactly("2, 1, 1, 1, 50", "1, 2, 1, 1, 40", "1, 1, 1, 1, 10", "1, 1, 2, 1, 30", "3, 1, null, null, null");
        assertThat(rows(session, "SELECT * FROM gb.t GROUP BY a, b, c"))
                .containsExactly("2, 1, 1, 1, null, 50", "1, 2, 1, 1, null, 40", "1, 1, 1, 1, null, 10", "1, 1, 2, 1, null, 30",
                        "3, 1, null, null, 7, null");
    }

    @Test
    void columnsRestrictedByEqualityMayBeLeftOut() {
        assertThat(rows(session, "SELECT a, b, c, count(*) FROM gb.t WHERE a = 1 AND b = 1 GROUP BY c")).containsExactly("1, 1, 1, 2", "1, 1, 2, 1");
        assertThat(rows(session, "SELECT a, b, c, count(*) FROM gb.t WHERE a = 1 AND b = 1 AND c = 1 GROUP BY d"))
                .containsExactly("1, 1, 1, 1", "1, 1, 1, 1");
        assertThat(rows(session, "SELECT a, b, count(*) FROM gb.t WHERE a = 1 AND b IN (1) GROUP BY c")).containsExactly("1, 1, 2", "1, 1, 1");
        assertThat(rows(session, "SELECT a, b, count(*) FROM gb.t WHERE a = 1 GROUP BY b ALLOW FILTERING")).containsExactly("1, 2, 1", "1, 1, 3");
        assertThat(rows(session, "SELECT a, b, count(*) FROM gb.t WHERE a = 1 AND b = 1 AND (c, d) = (1, 1) GROUP BY c, d"))
                .containsExactly("1, 1, 1");
    }

    @Test
    void limitsCountGroups() {
        assertThat(rows(session, "SELECT a, b, c, count(*) FROM gb.t GROUP BY a, b, c LIMIT 2")).containsExactly("2, 1, 1, 1", "1, 2, 1, 1");
        assertThat(rows(session, "SELECT a, b, c, count(*) FROM gb.t GROUP BY a, b, c PER PARTITION LIMIT 1"))
                .containsExactly("2, 1, 1, 1", "1, 2, 1, 1", "1, 1, 1, 2", "3, 1, null, 1");
        assertThat(rows(session, "SELECT k, c1, count(*) FROM gb.big WHERE k IN (1, 2, 3) GROUP BY k, c1 PER PARTITION LIMIT 2 LIMIT 5"))
                .containsExactly("1, 0, 1000", "1, 1, 1000", "2, 0, 3", "2, 1, 3", "3, 0, 4");
    }

    @Test
    void orderFilteringAndInRestrictions() {
        assertThat(rows(session, "SELECT a, b, c, count(*) FROM gb.t WHERE a = 1 AND b = 1 GROUP BY c ORDER BY c DESC"))
                .containsExactly("1, 1, 2, 1", "1, 1, 1, 2");
        assertThat(rows(session, "SELECT a, b, count(*) FROM gb.t WHERE a = 1 AND b = 1 GROUP BY a, b, c ORDER BY c DESC, d DESC"))
                .containsExactly("1, 1, 1", "1, 1, 2");
        assertThat(rows(session, "SELECT a, b, count(*) FROM gb.t WHERE a = 1 AND b IN (1, 2) GROUP BY a, b")).containsExactly("1, 1, 3", "1, 2, 1");
        assertThat(rows(session, "SELECT a, b, c, count(*) FROM gb.t WHERE v > 10 GROUP BY a, b, c ALLOW FILTERING"))
                .containsExactly("2, 1, 1, 1", "1, 2, 1, 1", "1, 1, 1, 1", "1, 1, 2, 1");
        assertThat(rows(session, "SELECT a, b, count(*) FROM gb.t WHERE token(a, b) > 0 GROUP BY a, b")).containsExactly("2, 1, 1", "1, 2, 1", "1, 1, 3", "3, 1, 1");
        assertThat(rows(session, "SELECT DISTINCT a, b FROM gb.t GROUP BY a, b")).containsExactly("2, 1", "1, 2", "1, 1", "3, 1");
        assertThat(rows(session, "SELECT DISTINCT a, b, count(*) FROM gb.t GROUP BY a, b")).containsExactly("2, 1, 1", "1, 2, 1", "1, 1, 1", "3, 1, 1");
        // no rows, no groups (an aggregate without GROUP BY answers one row)
        assertThat(rows(session, "SELECT max(v) FROM gb.t WHERE a = 5 AND b = 5 GROUP BY a, b")).isEmpty();
        assertThat(rows(session, "SELECT max(v) FROM gb.t WHERE a = 5 AND b = 5")).containsExactly("null");
    }

    @Test
    void timeConversionFunctionsGroupTheLastClusteringColumn() {
        assertThat(rows(session, "SELECT k, count(*), sum(v) FROM gb.ts GROUP BY k, toDate(t)")).containsExactly("1, 2, 3", "1, 1, 3", "2, 1, 5");
        assertThat(rows(session, "SELECT k, count(*) FROM gb.ts GROUP BY k, tounixtimestamp(t)")).containsExactly("1, 1", "1, 1", "1, 1", "2, 1");
    }

    @Test
    void floorBucketsTimeSeries() {
        assertThat(columns(session, "SELECT k, floor(t, 1h), count(*), sum(v) FROM gb.tf GROUP BY k, floor(t, 1h)"))
                .containsExactly("k:int", "system.floor(t, 1h):timestamp", "count:bigint", "system.sum(v):int");
        assertThat(rows(session, "SELECT k, floor(t, 1h), count(*), sum(v) FROM gb.tf GROUP BY k, floor(t, 1h)")).containsExactly(
                "1, 2024-01-01T00:00:00Z, 2, 3", "1, 2024-01-01T01:00:00Z, 1, 3", "1, 2024-01-01T03:00:00Z, 1, 4", "2, 2024-01-01T03:00:00Z, 1, 5");
        // outside the function, the column is the group's first value
        assertThat(rows(session, "SELECT k, t, count(*) FROM gb.tf GROUP BY k, floor(t, 1h)")).containsExactly(
                "1, 2024-01-01T00:00:00Z, 2", "1, 2024-01-01T01:10:00Z, 1", "1, 2024-01-01T03:10:00Z, 1", "2, 2024-01-01T03:10:00Z, 1");
        assertThat(rows(session, "SELECT k, count(*) FROM gb.tf WHERE k = 1 GROUP BY floor(t, 2h)")).containsExactly("1, 3", "1, 1");
        assertThat(rows(session, "SELECT k, count(*) FROM gb.tf WHERE k = 1 GROUP BY floor(t, 2h) ORDER BY t DESC")).containsExactly("1, 1", "1, 3");
        assertThat(rows(session, "SELECT k, count(*) FROM gb.tf GROUP BY k, floor(t, 1mo)")).containsExactly("1, 4", "2, 1");
        assertThat(rows(session, "SELECT k, count(*) FROM gb.tf GROUP BY k, floor(t, 0h)")).containsExactly("1, 1", "1, 1", "1, 1", "1, 1", "2, 1");
        assertThat(rows(session, "SELECT k, count(*) FROM gb.tf GROUP BY k, floor(t, 1h) LIMIT 2")).containsExactly("1, 2", "1, 1");
        assertThat(rows(session, "SELECT k, count(*) FROM gb.tf GROUP BY k, floor(t, 1h) PER PARTITION LIMIT 1")).containsExactly("1, 2", "2, 1");
        for (int pageSize : new int[] {1, 2, 7}) {
            assertThat(paged(session, "SELECT k, count(*) FROM gb.tf GROUP BY k, floor(t, 1h)", pageSize)).containsExactly("1, 2", "1, 1", "1, 1", "2, 1");
        }
        assertRefused("SELECT k, count(*) FROM gb.tf GROUP BY k, floor(v, 2h)", "Group by functions are only supported on clustering columns, got v");
        assertRefused("SELECT k, count(*) FROM gb.tf GROUP BY k, floor(t, 1h), t", "Functions are only supported on the last element of the GROUP BY clause");
        assertRefused("SELECT k, count(*) FROM gb.tf GROUP BY k, floor(t, 1h), floor(t, 2h)",
                "Group by currently only support groups of columns following their declared order in the PRIMARY KEY");
        assertRefused("SELECT k, count(*) FROM gb.tf GROUP BY k, floor(t, 1h, t)",
                "Only monotonic functions are supported in the GROUP BY clause. Got: system.floor : (timestamp, duration(constant), timestamp) -> timestamp ");
    }

    @Test
    void aGroupSpanningInternalPagesAndClientPagesIsOneRow() {
        assertThat(rows(session, "SELECT k, c1, count(*), sum(v) FROM gb.big WHERE k = 1 GROUP BY k, c1"))
                .containsExactly("1, 0, 1000, 1000", "1, 1, 1000, 1000", "1, 2, 500, 500");
        assertThat(rows(session, "SELECT k, count(*) FROM gb.big WHERE k = 1 GROUP BY k")).containsExactly("1, 2500");
        String all = "SELECT k, c1, count(*), max(c2) FROM gb.big GROUP BY k, c1";
        List<String> unpaged = paged(session, all, 5000);
        assertThat(unpaged).hasSize(36).contains("1, 2, 500, 2499", "12, 2, 1, 0");
        for (int pageSize : new int[] {1, 2, 7, 100}) {
            assertThat(paged(session, all, pageSize)).as("page size %d", pageSize).isEqualTo(unpaged);
            assertThat(paged(session, all + " PER PARTITION LIMIT 2 LIMIT 13", pageSize)).as("page size %d", pageSize)
                    .isEqualTo(paged(session, all + " PER PARTITION LIMIT 2 LIMIT 13", 5000));
            assertThat(paged(session, "SELECT k, c1, c2 FROM gb.big WHERE k = 1 GROUP BY k, c1 ORDER BY c1 DESC", pageSize))
                    .containsExactly("1, 2, 2499", "1, 1, 1999", "1, 0, 999");
        }
    }

    @Test
    void refusals() {
        assertRefused("SELECT a, count(*) FROM gb.t GROUP BY a", "Group by is not supported on only a part of the partition key");
        assertRefused("SELECT a, b, count(*) FROM gb.t WHERE a = 1 AND b = 1 GROUP BY a", "Group by is not supported on only a part of the partition key");
        String order = "Group by currently only support groups of columns following their declared order in the PRIMARY KEY";
        assertRefused("SELECT a, b, c, count(*) FROM gb.t GROUP BY a, b, d", order);
        assertRefused("SELECT a, b, c, count(*) FROM gb.t GROUP BY a, c", order);
        assertRefused("SELECT a, b, c, count(*) FROM gb.t GROUP BY b", order);
        assertRefused("SELECT a, b, c, count(*) FROM gb.t GROUP BY a, b, c, c", order);
        assertRefused("SELECT a, b, count(*) FROM gb.t WHERE a = 1 AND b IN (1, 2) GROUP BY c", order);
        assertRefused("SELECT a, b, count(*) FROM gb.t WHERE a = 1 AND b = 1 AND c IN (1, 2) GROUP BY d", order);
        assertRefused("SELECT a, b, count(*) FROM gb.t WHERE a = 1 AND b = 1 AND c > 0 GROUP BY d", order);
        assertRefused("SELECT a, b, c, count(*) FROM gb.t GROUP BY v", "Group by is currently only supported on the columns of the PRIMARY KEY, got v");
        assertRefused("SELECT a, b, c, count(*) FROM gb.t GROUP BY s", "Group by is currently only supported on the columns of the PRIMARY KEY, got s");
        assertRefused("SELECT a, b, count(*) FROM gb.t GROUP BY a, b, zz", "Undefined column name zz in table gb.t");
        assertRefused("SELECT DISTINCT a, b FROM gb.t GROUP BY a, b, c", "Grouping on clustering columns is not allowed for SELECT DISTINCT queries");
        assertRefused("SELECT a, b, count(*) FROM gb.t GROUP BY a, b ORDER BY c", "ORDER BY is only supported when the partition key is restricted by an EQ or an IN.");
        assertRefused("SELECT a, b, c, count(*) FROM gb.t GROUP BY a, b, c LIMIT 0", "LIMIT must be strictly positive");
        assertRefused("SELECT a, b, count(*) FROM gb.t GROUP BY token(a, b)", "GROUP BY functions accept only one clustering column as parameter, got: a,b");
        assertRefused("SELECT a, b, count(*) FROM gb.t GROUP BY a, b, now()", "GROUP BY functions must have one clustering column name as parameter");
        assertRefused("SELECT a, b, count(*) FROM gb.t GROUP BY a, b, intasblob(c)",
                "Only monotonic functions are supported in the GROUP BY clause. Got: system.intasblob : (int) -> blob ");
        assertRefused("SELECT k, count(*) FROM gb.ts GROUP BY k, toDate(t), t", "Functions are only supported on the last element of the GROUP BY clause");
        assertRefused("SELECT k, count(*) FROM gb.big GROUP BY k, token(k)", "Group by functions are only supported on clustering columns, got k");
    }

    private static void assertRefused(String cql, String message) {
        assertThatThrownBy(() -> session.execute(cql)).as(cql).isInstanceOf(InvalidQueryException.class).hasMessage(message);
    }
}
