package org.charybdis.server.cql.statements.select;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charybdis.server.cql.statements.select.ResultRows.paged;
import static org.charybdis.server.cql.statements.select.ResultRows.rows;

/**
 * Queries answered by secondary indexes, legacy and SAI, through the Java driver: lookups on regular, static,
 * clustering and partition key columns and on collections, combined with key restrictions, filtering, LIMIT and
 * paging; stale entries after overwrites, deletions and TTL expiry; Cassandra's refusals. Every expected result
 * and error was recorded from Apache Cassandra 5.0.6 running the same statements (results in token order:
 * partitions 1, 2, 4, 3 for int keys). The class also passes against it:
 * {@code -Dcharybdis.test.external=127.0.0.1:9043 -Dcharybdis.test.external.credentials=cassandra:cassandra}.
 */
class IndexQueriesTest {
    private static final String FILTERING = "Cannot execute this query as it might involve data filtering";

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        session = server.session();
        session.execute("CREATE KEYSPACE IF NOT EXISTS iq WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("DROP TABLE IF EXISTS iq.q");
        session.execute("CREATE TABLE iq.q (pk int, c int, v int, w int, s int static, x int, PRIMARY KEY (pk, c))");
        session.execute("CREATE INDEX ON iq.q (v)");
        session.execute("CREATE INDEX ON iq.q (s)");
        session.execute("CREATE INDEX ON iq.q (c)");
        session.execute("INSERT INTO iq.q (pk, c, v, w, s, x) VALUES (1, 1, 10, 100, 7, 1)");
        session.execute("INSERT INTO iq.q (pk, c, v, w, x) VALUES (1, 2, 20, 200, 2)");
        session.execute("INSERT INTO iq.q (pk, c, v, w, x) VALUES (2, 1, 10, 100, 3)");
        session.execute("INSERT INTO iq.q (pk, c, v, w, s, x) VALUES (3, 5, 10, 300, 7, 4)");
        session.execute("INSERT INTO iq.q (pk, c, v, w, x) VALUES (4, 2, 20, 100, 5)");
        session.execute("DROP TABLE IF EXISTS iq.sq");
        session.execute("CREATE TABLE iq.sq (pk int, c int, v int, w int, t text, s int static, PRIMARY KEY (pk, c))");
        for (String column : new String[] {"v", "w", "t", "s", "c"}) session.execute("CREATE INDEX ON iq.sq (" + column + ") USING 'sai'");
        session.execute("INSERT INTO iq.sq (pk, c, v, w, t, s) VALUES (1, 1, 10, 100, 'abc', 7)");
        session.execute("INSERT INTO iq.sq (pk, c, v, w, t) VALUES (1, 2, 20, 200, 'abd')");
        session.execute("INSERT INTO iq.sq (pk, c, v, w, t) VALUES (2, 1, 10, 100, 'xyz')");
        session.execute("INSERT INTO iq.sq (pk, c, v, w, t, s) VALUES (3, 5, 30, 300, 'ab', 7)");
    }

    @Test
    void legacyIndexLookupsOnRegularStaticAndClusteringColumns() {
        assertThat(rows(session, "SELECT * FROM iq.q WHERE v = 10"))
                .containsExactly("1, 1, 7, 10, 100, 1", "2, 1, null, 10, 100, 3", "3, 5, 7, 10, 300, 4");
        assertThat(rows(session, "SELECT * FROM iq.q WHERE v = 10 LIMIT 2")).containsExactly("1, 1, 7, 10, 100, 1", "2, 1, null, 10, 100, 3");
        assertThat(rows(session, "SELECT * FROM iq.q WHERE v = ?", 10)).hasSize(3);
        assertThat(rows(session, "SELECT * FROM iq.q WHERE s = 7"))
                .containsExactly("1, 1, 7, 10, 100, 1", "1, 2, 7, 20, 200, 2", "3, 5, 7, 10, 300, 4");
        assertThat(rows(session, "SELECT * FROM iq.q WHERE c = 2")).containsExactly("1, 2, 7, 20, 200, 2", "4, 2, null, 20, 100, 5");
        assertThat(rows(session, "SELECT count(*) FROM iq.q WHERE v = 10")).containsExactly("3");
        assertThat(rows(session, "SELECT pk, c FROM iq.q WHERE v = 10 PER PARTITION LIMIT 1")).containsExactly("1, 1", "2, 1", "3, 5");
        assertThat(rows(session, "SELECT DISTINCT pk, s FROM iq.q WHERE s = 7")).containsExactly("1, 7", "3, 7");
        assertThat(rows(session, "SELECT * FROM iq.q WHERE v = 99")).isEmpty();
    }

    @Test
    void indexLookupsCombineWithKeyRestrictionsAndFiltering() {
        assertThat(rows(session, "SELECT * FROM iq.q WHERE v = 10 AND pk = 1")).containsExactly("1, 1, 7, 10, 100, 1");
        assertThat(rows(session, "SELECT * FROM iq.q WHERE v = 10 AND pk = 1 AND c = 1")).containsExactly("1, 1, 7, 10, 100, 1");
        assertThat(rows(session, "SELECT * FROM iq.q WHERE v = 10 AND pk = 1 AND c > 0")).containsExactly("1, 1, 7, 10, 100, 1");
        assertThat(rows(session, "SELECT * FROM iq.q WHERE token(pk) > 0 AND v = 10")).containsExactly("3, 5, 7, 10, 300, 4");
        assertThat(rows(session, "SELECT * FROM iq.q WHERE v = 10 AND w = 100 ALLOW FILTERING"))
                .containsExactly("1, 1, 7, 10, 100, 1", "2, 1, null, 10, 100, 3");
        assertThat(rows(session, "SELECT * FROM iq.q WHERE v = 10 AND c = 1 ALLOW FILTERING"))
                .containsExactly("1, 1, 7, 10, 100, 1", "2, 1, null, 10, 100, 3");
    }

    @Test
    void legacyIndexRefusals() {
        for (String where : new String[] {"v = 10 AND c = 1", "v = 10 AND c > 1", "v = 10 AND w = 100", "v > 10", "v IN (10, 20)",
                "c = 2 AND v = 20", "c > 1", "v = 10 AND s = 7", "v = 10 AND pk = 1 AND w = 100", "v = 10 AND pk > 1"}) {
            assertThatThrownBy(() -> session.execute("SELECT * FROM iq.q WHERE " + where)).as(where)
                    .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith(FILTERING);
        }
        assertThatThrownBy(() -> session.execute("SELECT * FROM iq.q WHERE v != 10"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Unsupported \"!=\" relation: v != 10");
        assertThatThrownBy(() -> session.execute("SELECT * FROM iq.q WHERE pk IN (1, 2) AND v = 10"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Select on indexed columns and with IN clause for the PRIMARY KEY are not supported");
        assertThatThrownBy(() -> session.execute("SELECT * FROM iq.q WHERE v = 10 ORDER BY c DESC"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("ORDER BY with 2ndary indexes is not supported, except for ANN queries.");
        assertThatThrownBy(() -> session.execute("SELECT DISTINCT pk FROM iq.q WHERE v = 10")).isInstanceOf(InvalidQueryException.class)
                .hasMessage("SELECT DISTINCT with WHERE clause only supports restriction by partition key and/or static columns.");
        assertThatThrownBy(() -> session.execute("SELECT * FROM iq.q WHERE v = null"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Unsupported null value for column v");
    }

    @Test
    void saiIndexesServeRangesAndCombine() {
        assertThat(rows(session, "SELECT * FROM iq.sq WHERE v = 10")).containsExactly("1, 1, 7, abc, 10, 100", "2, 1, null, xyz, 10, 100");
        assertThat(rows(session, "SELECT * FROM iq.sq WHERE v > 10")).containsExactly("1, 2, 7, abd, 20, 200", "3, 5, 7, ab, 30, 300");
        assertThat(rows(session, "SELECT * FROM iq.sq WHERE v >= 10 AND v < 30"))
                .containsExactly("1, 1, 7, abc, 10, 100", "1, 2, 7, abd, 20, 200", "2, 1, null, xyz, 10, 100");
        assertThat(rows(session, "SELECT * FROM iq.sq WHERE v = 10 AND w = 100")).containsExactly("1, 1, 7, abc, 10, 100", "2, 1, null, xyz, 10, 100");
        assertThat(rows(session, "SELECT * FROM iq.sq WHERE t = 'ab'")).containsExactly("3, 5, 7, ab, 30, 300");
        assertThat(rows(session, "SELECT * FROM iq.sq WHERE c = 1 AND v = 10")).containsExactly("1, 1, 7, abc, 10, 100", "2, 1, null, xyz, 10, 100");
        assertThat(rows(session, "SELECT * FROM iq.sq WHERE c > 1")).containsExactly("1, 2, 7, abd, 20, 200", "3, 5, 7, ab, 30, 300");
        assertThat(rows(session, "SELECT * FROM iq.sq WHERE s = 7"))
                .containsExactly("1, 1, 7, abc, 10, 100", "1, 2, 7, abd, 20, 200", "3, 5, 7, ab, 30, 300");
        assertThat(rows(session, "SELECT * FROM iq.sq WHERE pk = 1 AND v > 10")).containsExactly("1, 2, 7, abd, 20, 200");
        assertThat(rows(session, "SELECT * FROM iq.sq WHERE v > 10 LIMIT 1")).containsExactly("1, 2, 7, abd, 20, 200");
        for (String where : new String[] {"v IN (10, 30)", "t > 'ab'"}) {
            assertThatThrownBy(() -> session.execute("SELECT * FROM iq.sq WHERE " + where)).as(where)
                    .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith(FILTERING);
        }
        assertThatThrownBy(() -> session.execute("SELECT * FROM iq.sq WHERE t LIKE 'ab%'")).isInstanceOf(InvalidQueryException.class)
                .hasMessage("LIKE restriction is only supported on properly indexed columns. t LIKE 'ab%' is not valid.");
        assertThatThrownBy(() -> session.execute("SELECT * FROM iq.sq WHERE pk IN (1, 2) AND v = 10"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Select on indexed columns and with IN clause for the PRIMARY KEY are not supported");
    }

    @Test
    void collectionIndexes() {
        session.execute("DROP TABLE IF EXISTS iq.col");
        session.execute("CREATE TABLE iq.col (pk int, c int, l list<int>, st set<text>, m map<text, int>, m2 map<text, int>, "
                + "fl frozen<list<int>>, PRIMARY KEY (pk, c))");
        session.execute("CREATE INDEX ON iq.col (l)");
        session.execute("CREATE INDEX ON iq.col (st)");
        session.execute("CREATE INDEX ON iq.col (keys(m))");
        session.execute("CREATE INDEX ON iq.col (entries(m2))");
        session.execute("CREATE INDEX ON iq.col (full(fl))");
        session.execute("INSERT INTO iq.col (pk, c, l, st, m, m2, fl) VALUES (1, 1, [1, 2, 2], {'a', 'b'}, {'k1': 1, 'k2': 2}, {'k1': 1}, [1, 2])");
        session.execute("INSERT INTO iq.col (pk, c, l, st, m, m2, fl) VALUES (2, 1, [3], {'b'}, {'k2': 5}, {'k1': 2}, [3])");
        assertThat(rows(session, "SELECT pk, c FROM iq.col WHERE l CONTAINS 2")).containsExactly("1, 1");
        assertThat(rows(session, "SELECT pk, c FROM iq.col WHERE st CONTAINS 'b'")).containsExactly("1, 1", "2, 1");
        assertThat(rows(session, "SELECT pk, c FROM iq.col WHERE m CONTAINS KEY 'k2'")).containsExactly("1, 1", "2, 1");
        assertThat(rows(session, "SELECT pk, c FROM iq.col WHERE m2['k1'] = 2")).containsExactly("2, 1");
        assertThat(rows(session, "SELECT pk, c FROM iq.col WHERE fl = [1, 2]")).containsExactly("1, 1");
        for (String where : new String[] {"m CONTAINS 2", "m2 CONTAINS KEY 'k1'", "fl CONTAINS 1", "st CONTAINS 'b' AND l CONTAINS 2",
                "st CONTAINS 'b' AND st CONTAINS 'a'"}) {
            assertThatThrownBy(() -> session.execute("SELECT pk, c FROM iq.col WHERE " + where)).as(where)
                    .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith(FILTERING);
        }
        assertThatThrownBy(() -> session.execute("SELECT pk, c FROM iq.col WHERE m2['k1'] > 1"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Only EQ relations are supported on map entries");
        session.execute("UPDATE iq.col SET st = st - {'b'} WHERE pk = 1 AND c = 1");
        assertThat(rows(session, "SELECT pk, c FROM iq.col WHERE st CONTAINS 'b'")).containsExactly("2, 1");
        session.execute("DELETE FROM iq.col WHERE pk = 2");
        assertThat(rows(session, "SELECT pk, c FROM iq.col WHERE st CONTAINS 'b'")).isEmpty();
    }

    @Test
    void staleEntriesNeverAnswerAfterOverwritesDeletesAndExpiry() throws InterruptedException {
        session.execute("DROP TABLE IF EXISTS iq.st");
        session.execute("CREATE TABLE iq.st (pk int, c int, v text, PRIMARY KEY (pk, c))");
        session.execute("CREATE INDEX ON iq.st (v)");
        session.execute("INSERT INTO iq.st (pk, c, v) VALUES (1, 1, 'a')");
        session.execute("INSERT INTO iq.st (pk, c, v) VALUES (1, 2, 'a')");
        session.execute("INSERT INTO iq.st (pk, c, v) VALUES (2, 1, 'a')");
        session.execute("UPDATE iq.st SET v = 'b' WHERE pk = 1 AND c = 1");
        session.execute("DELETE FROM iq.st WHERE pk = 1 AND c = 2");
        session.execute("DELETE v FROM iq.st WHERE pk = 2 AND c = 1");
        assertThat(rows(session, "SELECT pk, c FROM iq.st WHERE v = 'a'")).isEmpty();
        assertThat(rows(session, "SELECT pk, c FROM iq.st WHERE v = 'b'")).containsExactly("1, 1");
        session.execute("UPDATE iq.st SET v = 'a' WHERE pk = 1 AND c = 1");
        assertThat(rows(session, "SELECT pk, c, v FROM iq.st WHERE v = 'a'")).containsExactly("1, 1, a");
        session.execute("INSERT INTO iq.st (pk, c, v) VALUES (3, 1, 'ttl') USING TTL 1");
        assertThat(rows(session, "SELECT pk, c FROM iq.st WHERE v = 'ttl'")).containsExactly("3, 1");
        Thread.sleep(2100);
        assertThat(rows(session, "SELECT pk, c FROM iq.st WHERE v = 'ttl'")).isEmpty();
    }

    @Test
    void indexResultsPageAcrossPartitionsAndRows() {
        session.execute("DROP TABLE IF EXISTS iq.pg");
        session.execute("CREATE TABLE iq.pg (pk int, c int, v int, s int static, PRIMARY KEY (pk, c))");
        session.execute("CREATE INDEX ON iq.pg (v)");
        session.execute("CREATE INDEX ON iq.pg (s)");
        PreparedStatement insert = session.prepare("INSERT INTO iq.pg (pk, c, v, s) VALUES (?, ?, ?, ?)");
        for (int pk = 0; pk < 20; pk++) for (int c = 0; c < 5; c++) session.execute(insert.bind(pk, c, c % 2, pk % 3));
        var all = rows(session, "SELECT pk, c FROM iq.pg WHERE v = 1");
        assertThat(all).hasSize(40);
        for (int pageSize : new int[] {1, 3, 7, 100}) {
            assertThat(paged(session, "SELECT pk, c FROM iq.pg WHERE v = 1", pageSize)).as("page size " + pageSize).isEqualTo(all);
        }
        var statics = rows(session, "SELECT pk, c FROM iq.pg WHERE s = 2");
        assertThat(statics).hasSize(6 * 5);
        for (int pageSize : new int[] {1, 4, 100}) {
            assertThat(paged(session, "SELECT pk, c FROM iq.pg WHERE s = 2", pageSize)).as("page size " + pageSize).isEqualTo(statics);
        }
        assertThat(rows(session, "SELECT pk, c FROM iq.pg WHERE v = 1 LIMIT 3")).isEqualTo(all.subList(0, 3));
    }
}
