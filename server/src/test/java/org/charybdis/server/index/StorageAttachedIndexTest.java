package org.charybdis.server.index;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpPost;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charybdis.server.cql.statements.select.ResultRows.paged;
import static org.charybdis.server.cql.statements.select.ResultRows.rows;

/**
 * Storage-attached indexes answered from their terms (memtables and each SSTable's SAI.db) through the Java driver:
 * ranges on every numeric and temporal type (negative values, decimals and varints included), equality on text,
 * CONTAINS and CONTAINS KEY on collections, several indexes intersected, paging; the same answers from memtables,
 * after a flush, after overwrites and deletions the SSTables' terms do not know of, after compaction and after a
 * restart; an index created over existing SSTables. Every expected result and error was recorded from Apache
 * Cassandra 5.0.6 running the same statements, and the class passes against it (flushes, compactions and restarts
 * are then left out):
 * {@code -Dcharybdis.test.external=127.0.0.1:9043 -Dcharybdis.test.external.credentials=cassandra:cassandra}.
 */
class StorageAttachedIndexTest {
    private static final String FILTERING = "Cannot execute this query as it might involve data filtering";
    private static final boolean EXTERNAL = System.getProperty("charybdis.test.external") != null;

    @RegisterExtension
    static final CharybdisServerExtension NODE = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void schema() {
        session = NODE.session();
        session.execute("DROP KEYSPACE IF EXISTS sai_q");
        session.execute("CREATE KEYSPACE sai_q WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE sai_q.n (pk int, c int, i int, b bigint, d double, f float, dec decimal, vi varint, ts timestamp, "
                + "t text, x int, tags set<text>, l list<int>, m map<text, int>, PRIMARY KEY (pk, c))");
        for (String target : List.of("i", "b", "d", "f", "dec", "vi", "ts", "t", "tags", "l", "keys(m)", "values(m)")) {
            session.execute("CREATE INDEX ON sai_q.n (" + target + ") USING 'sai'");
        }
        PreparedStatement insert = session.prepare("INSERT INTO sai_q.n (pk, c, i, b, d, f, dec, vi, ts, t, x, tags, l, m) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (int pk = 0; pk < 4; pk++) {
            for (int c = 0; c < 3; c++) {
                int i = pk * 3 + c - 6; // -6 .. 5
                session.execute(insert.bind(pk, c, i, i * 10_000_000_000L, i / 4.0, i / 2.0f, new java.math.BigDecimal(i).movePointLeft(1),
                        java.math.BigInteger.valueOf(i).shiftLeft(70), java.time.Instant.ofEpochSecond(1_700_000_000L + i), "t" + (i & 3), c,
                        java.util.Set.of(i % 2 == 0 ? "even" : "odd"), List.of(i, i + 100), java.util.Map.of("k" + c, i)));
            }
        }
    }

    @AfterAll
    static void dropKeyspace() {
        session.execute("DROP KEYSPACE IF EXISTS sai_q");
    }

    @Test
    void rangesEqualitiesAndCollectionsFromMemtablesSSTablesAndAfterCompaction() {
        assertAnswers();
        flush();
        assertAnswers();
        session.execute("INSERT INTO sai_q.n (pk, c, i, b, d, f, dec, vi, ts, t, x, tags, l, m) VALUES (0, 0, -6, -60000000000, -1.5, -3, -0.6, "
                + "-7083549724304467820544, '2023-11-14 22:13:14+0000', 't2', 0, {'even'}, [-6, 94], {'k0': -6})"); // same row again, newer
        flush();
        compact();
        assertAnswers();
    }

    @Test
    void overwritesAndDeletionsHideStaleTerms() {
        session.execute("CREATE TABLE sai_q.o (pk int, c int, v int, s set<int>, PRIMARY KEY (pk, c))");
        session.execute("CREATE INDEX ON sai_q.o (v) USING 'sai'");
        session.execute("CREATE INDEX ON sai_q.o (s) USING 'sai'");
        for (int pk = 0; pk < 3; pk++) {
            for (int c = 0; c < 3; c++) {
                session.execute("INSERT INTO sai_q.o (pk, c, v, s) VALUES (?, ?, ?, ?)", pk, c, pk * 3 + c, java.util.Set.of(c));
            }
        }
        flush();
        session.execute("UPDATE sai_q.o SET v = 100 WHERE pk = 1 AND c = 1");     // the SSTable still says 4
        session.execute("DELETE FROM sai_q.o WHERE pk = 2 AND c = 0");            // and 6
        session.execute("DELETE v FROM sai_q.o WHERE pk = 0 AND c = 2");          // and 2
        session.execute("UPDATE sai_q.o SET s = s - {1} WHERE pk = 0 AND c = 1");
        session.execute("DELETE FROM sai_q.o WHERE pk = 1");
        assertThat(rows(session, "SELECT pk, c, v FROM sai_q.o WHERE v >= 2 AND v <= 7")).containsExactly("2, 1, 7");
        assertThat(rows(session, "SELECT pk, c, v FROM sai_q.o WHERE v < 3")).containsExactly("0, 0, 0", "0, 1, 1");
        assertThat(rows(session, "SELECT pk, c FROM sai_q.o WHERE s CONTAINS 1")).containsExactly("2, 1");
        flush();
        compact();
        assertThat(rows(session, "SELECT pk, c, v FROM sai_q.o WHERE v >= 2")).containsExactly("2, 1, 7", "2, 2, 8");
        assertThat(rows(session, "SELECT pk, c FROM sai_q.o WHERE s CONTAINS 1")).containsExactly("2, 1");
    }

    @Test
    void partitionKeyClusteringAndStaticColumnsFromTheirTerms() {
        session.execute("CREATE TABLE sai_q.k (a int, b int, c int, d text, s int static, v int, PRIMARY KEY ((a, b), c, d))");
        for (String column : List.of("b", "c", "d", "s", "v")) session.execute("CREATE INDEX ON sai_q.k (" + column + ") USING 'sai'");
        session.execute("INSERT INTO sai_q.k (a, b, c, d, s, v) VALUES (1, 1, 1, 'x', 10, 100)");
        session.execute("INSERT INTO sai_q.k (a, b, c, d, v) VALUES (1, 1, 2, 'y', 200)");
        session.execute("INSERT INTO sai_q.k (a, b, c, d, s, v) VALUES (1, 2, 1, 'y', 20, 100)");
        flush();
        session.execute("INSERT INTO sai_q.k (a, b, c, d, v) VALUES (2, 1, 3, 'x', 300)");
        session.execute("INSERT INTO sai_q.k (a, b, s) VALUES (3, 1, 10)");
        session.execute("INSERT INTO sai_q.k (a, b, s) VALUES (4, 4, 40)");
        assertKeyAndStaticAnswers();
        flush();
        assertKeyAndStaticAnswers();
        session.execute("DELETE FROM sai_q.k WHERE a = 1 AND b = 1 AND c = 1 AND d = 'x'");
        session.execute("UPDATE sai_q.k SET s = 11 WHERE a = 1 AND b = 1");
        flush();
        compact();
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(rows(session, "SELECT * FROM sai_q.k WHERE c = 1")).containsExactly("1, 2, 1, y, 20, 100");
            soft.assertThat(rows(session, "SELECT * FROM sai_q.k WHERE b = 1"))
                    .containsExactly("2, 1, 3, x, null, 300", "1, 1, 2, y, 11, 200", "3, 1, null, null, 10, null");
            soft.assertThat(rows(session, "SELECT * FROM sai_q.k WHERE s = 10")).containsExactly("3, 1, null, null, 10, null");
            soft.assertThat(rows(session, "SELECT * FROM sai_q.k WHERE s = 11")).containsExactly("1, 1, 2, y, 11, 200");
        });
    }

    private static void assertKeyAndStaticAnswers() {
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(rows(session, "SELECT * FROM sai_q.k WHERE b = 1")).containsExactly("2, 1, 3, x, null, 300",
                    "1, 1, 1, x, 10, 100", "1, 1, 2, y, 10, 200", "3, 1, null, null, 10, null");
            soft.assertThat(rows(session, "SELECT * FROM sai_q.k WHERE b >= 2")).containsExactly("1, 2, 1, y, 20, 100", "4, 4, null, null, 40, null");
            soft.assertThat(rows(session, "SELECT * FROM sai_q.k WHERE c = 1")).containsExactly("1, 2, 1, y, 20, 100", "1, 1, 1, x, 10, 100");
            soft.assertThat(rows(session, "SELECT * FROM sai_q.k WHERE c > 1")).containsExactly("2, 1, 3, x, null, 300", "1, 1, 2, y, 10, 200");
            soft.assertThat(rows(session, "SELECT * FROM sai_q.k WHERE d = 'y'")).containsExactly("1, 2, 1, y, 20, 100", "1, 1, 2, y, 10, 200");
            soft.assertThat(rows(session, "SELECT * FROM sai_q.k WHERE s = 10"))
                    .containsExactly("1, 1, 1, x, 10, 100", "1, 1, 2, y, 10, 200", "3, 1, null, null, 10, null");
            soft.assertThat(rows(session, "SELECT * FROM sai_q.k WHERE s > 15")).containsExactly("1, 2, 1, y, 20, 100", "4, 4, null, null, 40, null");
            soft.assertThat(rows(session, "SELECT * FROM sai_q.k WHERE s = 10 AND v = 200")).containsExactly("1, 1, 2, y, 10, 200");
            soft.assertThat(rows(session, "SELECT * FROM sai_q.k WHERE b = 1 AND c = 1")).containsExactly("1, 1, 1, x, 10, 100");
            soft.assertThat(rows(session, "SELECT * FROM sai_q.k WHERE b = 1 AND s = 10"))
                    .containsExactly("1, 1, 1, x, 10, 100", "1, 1, 2, y, 10, 200", "3, 1, null, null, 10, null");
            soft.assertThat(rows(session, "SELECT * FROM sai_q.k WHERE a = 1 AND b = 1 AND c = 2")).containsExactly("1, 1, 2, y, 10, 200");
            soft.assertThat(rows(session, "SELECT * FROM sai_q.k WHERE d = 'x' AND v = 300")).containsExactly("2, 1, 3, x, null, 300");
            soft.assertThat(rows(session, "SELECT * FROM sai_q.k WHERE c = 1 AND d = 'y'")).containsExactly("1, 2, 1, y, 20, 100");
            soft.assertThat(rows(session, "SELECT DISTINCT a, b, s FROM sai_q.k WHERE s = 10")).containsExactly("1, 1, 10", "3, 1, 10");
            soft.assertThat(rows(session, "SELECT DISTINCT a, b FROM sai_q.k WHERE b = 1")).containsExactly("2, 1", "1, 1", "3, 1");
            soft.assertThat(rows(session, "SELECT count(*) FROM sai_q.k WHERE b = 1")).containsExactly("4");
            for (String cql : List.of("SELECT * FROM sai_q.k WHERE b = 1", "SELECT * FROM sai_q.k WHERE s = 10", "SELECT * FROM sai_q.k WHERE c >= 1")) {
                soft.assertThat(paged(session, cql, 1)).as(cql).isEqualTo(rows(session, cql));
            }
        });
    }

    @Test
    void pagesGoOnPastStaleHitsAndThroughLargePartitions() {
        session.execute("CREATE TABLE sai_q.deep (k int, c int, v int, s int static, PRIMARY KEY (k, c))");
        session.execute("CREATE INDEX ON sai_q.deep (v) USING 'sai'");
        session.execute("CREATE INDEX ON sai_q.deep (s) USING 'sai'");
        PreparedStatement insert = session.prepare("INSERT INTO sai_q.deep (k, c, v, s) VALUES (?, ?, ?, ?)");
        for (int k = 0; k < 40; k++) {
            int rowsOfPartition = k == 7 ? 600 : 10; // partition 7 alone holds more hits than a round asks for
            for (int c = 0; c < rowsOfPartition; c++) session.execute(insert.bind(k, c, 0, k % 2));
        }
        flush();
        for (int k = 0; k < 40; k += 4) if (k != 8) session.execute("DELETE FROM sai_q.deep WHERE k = ?", k); // stale hits in the SSTables
        List<String> expected = new java.util.ArrayList<>();
        for (String row : rows(session, "SELECT k, c FROM sai_q.deep WHERE v = 0")) expected.add(row);
        assertThat(expected).hasSize(600 + 39 * 10 - 9 * 10);
        for (int pageSize : new int[] {3, 50, 700}) {
            assertThat(paged(session, "SELECT k, c FROM sai_q.deep WHERE v = 0", pageSize)).as("page size " + pageSize).isEqualTo(expected);
        }
        List<String> odd = rows(session, "SELECT k, c FROM sai_q.deep WHERE v = 0 AND s = 1");
        assertThat(odd).hasSize(600 + 19 * 10);
        assertThat(paged(session, "SELECT k, c FROM sai_q.deep WHERE v = 0 AND s = 1", 7)).isEqualTo(odd);
    }

    @Test
    void indexCreatedOverExistingSSTablesAndMemtables() {
        session.execute("CREATE TABLE sai_q.late (k int PRIMARY KEY, v bigint)");
        for (int k = 0; k < 20; k++) session.execute("INSERT INTO sai_q.late (k, v) VALUES (?, ?)", k, (long) k - 10);
        flush();
        for (int k = 20; k < 25; k++) session.execute("INSERT INTO sai_q.late (k, v) VALUES (?, ?)", k, (long) k - 10);
        session.execute("CREATE INDEX late_v ON sai_q.late (v) USING 'sai'");
        assertThat(rows(session, "SELECT k FROM sai_q.late WHERE v > 7")).containsExactlyInAnyOrder("18", "19", "20", "21", "22", "23", "24");
        assertThat(rows(session, "SELECT k FROM sai_q.late WHERE v < -8")).containsExactlyInAnyOrder("0", "1");
    }

    @Test
    void droppedAndRecreatedIndexes() {
        session.execute("CREATE TABLE sai_q.d (k int PRIMARY KEY, v int)");
        session.execute("CREATE INDEX d_v ON sai_q.d (v) USING 'sai'");
        for (int k = 0; k < 10; k++) session.execute("INSERT INTO sai_q.d (k, v) VALUES (?, ?)", k, k);
        flush();
        session.execute("DROP INDEX sai_q.d_v");
        assertThatThrownBy(() -> session.execute("SELECT k FROM sai_q.d WHERE v > 7"))
                .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith(FILTERING);
        session.execute("INSERT INTO sai_q.d (k, v) VALUES (10, 10)");
        session.execute("CREATE INDEX d_v ON sai_q.d (v) USING 'sai'");
        assertThat(rows(session, "SELECT k FROM sai_q.d WHERE v > 7")).containsExactlyInAnyOrder("8", "9", "10");
    }

    @Test
    void textAnalyzersMatchCaseAndAccentsAsTheIndexOptionsSay() {
        session.execute("CREATE TABLE sai_q.a (k int PRIMARY KEY, plain text, folded text, accents text, tags set<text>, names map<text, int>)");
        session.execute("CREATE INDEX ON sai_q.a (tags) USING 'sai' WITH OPTIONS = {'case_sensitive': 'false'}");
        session.execute("CREATE INDEX ON sai_q.a (keys(names)) USING 'sai' WITH OPTIONS = {'case_sensitive': 'false'}");
        session.execute("INSERT INTO sai_q.a (k, tags, names) VALUES (1, {'Red', 'blue'}, {'alice': 1})");
        session.execute("INSERT INTO sai_q.a (k, tags, names) VALUES (2, {'RED'}, {'Bob': 2})");
        session.execute("CREATE INDEX ON sai_q.a (plain) USING 'sai'");
        session.execute("CREATE INDEX ON sai_q.a (folded) USING 'sai' WITH OPTIONS = {'case_sensitive': 'false'}");
        session.execute("CREATE INDEX ON sai_q.a (accents) USING 'sai' WITH OPTIONS = {'case_sensitive': 'false', 'normalize': 'true', 'ascii': 'true'}");
        session.execute("INSERT INTO sai_q.a (k, plain, folded, accents) VALUES (1, 'Café', 'Café', 'Café')");
        session.execute("INSERT INTO sai_q.a (k, plain, folded, accents) VALUES (2, 'cafe', 'cafe', 'cafe')");
        session.execute("INSERT INTO sai_q.a (k, plain, folded, accents) VALUES (3, 'CAFÉ', 'CAFÉ', 'CAFE\u0301')");
        flush();
        session.execute("INSERT INTO sai_q.a (k, plain, folded, accents) VALUES (4, 'CaFe', 'CaFe', 'CaFe')");
        session.execute("CREATE TABLE sai_q.sa (k int, c int, st text static, PRIMARY KEY (k, c))");
        session.execute("CREATE INDEX ON sai_q.sa (st) USING 'sai' WITH OPTIONS = {'case_sensitive': 'false'}");
        session.execute("INSERT INTO sai_q.sa (k, c, st) VALUES (1, 1, 'Xy')");
        session.execute("INSERT INTO sai_q.sa (k, c, st) VALUES (2, 1, 'Xyz')");
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(rows(session, "SELECT k FROM sai_q.a WHERE plain = 'Café'")).containsExactly("1");
            soft.assertThat(rows(session, "SELECT k FROM sai_q.a WHERE folded = 'café'")).containsExactlyInAnyOrder("1", "3");
            soft.assertThat(rows(session, "SELECT k FROM sai_q.a WHERE folded = 'CAFE'")).containsExactlyInAnyOrder("2", "4");
            soft.assertThat(rows(session, "SELECT k FROM sai_q.a WHERE accents = 'cafe'")).containsExactlyInAnyOrder("1", "2", "3", "4");
            soft.assertThat(rows(session, "SELECT k FROM sai_q.a WHERE accents = 'CAFÉ' AND folded = 'cafe'")).containsExactlyInAnyOrder("2", "4");
            soft.assertThat(rows(session, "SELECT k FROM sai_q.a WHERE tags CONTAINS 'red'")).containsExactlyInAnyOrder("1", "2");
            soft.assertThat(rows(session, "SELECT k FROM sai_q.a WHERE names CONTAINS KEY 'BOB'")).containsExactlyInAnyOrder("2");
            soft.assertThat(rows(session, "SELECT k, c, st FROM sai_q.sa WHERE st = 'XY'")).containsExactly("1, 1, Xy");
        });
    }

    @Test
    void indexOptionsAreChecked() {
        session.execute("CREATE TABLE sai_q.opts (k int PRIMARY KEY, t text, i int)");
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(error("CREATE INDEX ON sai_q.opts (t) USING 'sai' WITH OPTIONS = {'case_sensitive': 'maybe'}"))
                    .isEqualTo("InvalidQueryException: Illegal value for boolean option 'case_sensitive': maybe");
            soft.assertThat(error("CREATE INDEX ON sai_q.opts (t) USING 'sai' WITH OPTIONS = {'colour': 'blue'}"))
                    .isEqualTo("InvalidConfigurationInQueryException: Properties specified [colour] are not understood by StorageAttachedIndex");
            // Cassandra 5.0.6 has no Lucene analyzers (nor the ':' operator): their options are unknown to it
            soft.assertThat(error("CREATE INDEX ON sai_q.opts (t) USING 'sai' WITH OPTIONS = {'index_analyzer': 'standard'}"))
                    .isEqualTo("InvalidConfigurationInQueryException: Properties specified [index_analyzer] are not understood by StorageAttachedIndex");
            soft.assertThat(error("CREATE INDEX ON sai_q.opts (t) USING 'sai' WITH OPTIONS = {'query_analyzer': 'standard'}"))
                    .isEqualTo("InvalidConfigurationInQueryException: Properties specified [query_analyzer] are not understood by StorageAttachedIndex");
            soft.assertThat(error("SELECT k FROM sai_q.opts WHERE t : 'x'")).startsWith("SyntaxError: line 1:33 no viable alternative at input ':'");
            soft.assertThat(error("CREATE INDEX ON sai_q.opts (i) USING 'sai' WITH OPTIONS = {'case_sensitive': 'false'}"))
                    .isEqualTo("InvalidQueryException: CQL type int cannot be analyzed.");
            soft.assertThat(error("CREATE INDEX ON sai_q.opts (i) USING 'sai' WITH OPTIONS = {'ascii': 'true'}"))
                    .isEqualTo("InvalidQueryException: CQL type int cannot be analyzed.");
            soft.assertThat(error("CREATE INDEX ON sai_q.n (c) USING 'sai' WITH OPTIONS = {'normalize': 'true', 'case_sensitive': 'maybe'}"))
                    .isEqualTo("InvalidQueryException: Analysis options are not supported on primary key columns, but found "
                            + "{'case_sensitive': 'maybe', 'normalize': 'true'}");
        });
    }

    /** The message of the statement's InvalidQueryException, or "ok" when it succeeds. */
    private static String error(String cql) {
        try {
            session.execute(cql);
            return "ok";
        } catch (com.datastax.oss.driver.api.core.servererrors.QueryValidationException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Test
    void unsupportedRelationsOnIndexedColumns() {
        assertThatThrownBy(() -> session.execute("SELECT * FROM sai_q.n WHERE t > 't1'"))
                .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith(FILTERING);
        assertThatThrownBy(() -> session.execute("SELECT * FROM sai_q.n WHERE i != 3"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Unsupported \"!=\" relation: i != 3");
        assertThatThrownBy(() -> session.execute("SELECT * FROM sai_q.n WHERE i > 0 AND x = 1"))
                .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith(FILTERING);
        assertThat(rows(session, "SELECT pk, c FROM sai_q.n WHERE i > 0 AND x = 1 ALLOW FILTERING")).containsExactly("2, 1", "3, 1");
    }

    private static void assertAnswers() {
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(rows(session, "SELECT pk, c, i FROM sai_q.n WHERE i > 2")).containsExactly("3, 0, 3", "3, 1, 4", "3, 2, 5");
            soft.assertThat(rows(session, "SELECT pk, c, i FROM sai_q.n WHERE i >= -2 AND i < 1")).containsExactly("1, 1, -2", "1, 2, -1", "2, 0, 0");
            soft.assertThat(rows(session, "SELECT i FROM sai_q.n WHERE b <= -40000000000")).containsExactly("-6", "-5", "-4");
            soft.assertThat(rows(session, "SELECT i FROM sai_q.n WHERE d > 0.5 AND d <= 1")).containsExactly("3", "4");
            soft.assertThat(rows(session, "SELECT i FROM sai_q.n WHERE f < -2.5")).containsExactly("-6");
            soft.assertThat(rows(session, "SELECT i FROM sai_q.n WHERE dec >= -0.1 AND dec < 0.2")).containsExactly("-1", "0", "1");
            soft.assertThat(rows(session, "SELECT i FROM sai_q.n WHERE vi < -4722366482869645213696")).containsExactly("-6", "-5");
            soft.assertThat(rows(session, "SELECT i FROM sai_q.n WHERE ts > '2023-11-14 22:13:23+0000'")).containsExactly("4", "5");
            soft.assertThat(rows(session, "SELECT i FROM sai_q.n WHERE t = 't3'")).containsExactly("-1", "-5", "3");
            soft.assertThat(rows(session, "SELECT i FROM sai_q.n WHERE tags CONTAINS 'odd' AND i > 0")).containsExactly("1", "3", "5");
            soft.assertThat(rows(session, "SELECT i FROM sai_q.n WHERE l CONTAINS 104")).containsExactly("4");
            soft.assertThat(rows(session, "SELECT i FROM sai_q.n WHERE m CONTAINS KEY 'k2' AND i < 0")).containsExactly("-1", "-4");
            soft.assertThat(rows(session, "SELECT i FROM sai_q.n WHERE m CONTAINS -3")).containsExactly("-3");
            soft.assertThat(rows(session, "SELECT i FROM sai_q.n WHERE i > -6 AND i < 5 AND t = 't0' AND d < 0")).containsExactly("-4");
            soft.assertThat(rows(session, "SELECT i FROM sai_q.n WHERE i > 100")).isEmpty();
            soft.assertThat(rows(session, "SELECT i FROM sai_q.n WHERE i > 3 AND i < 3")).isEmpty();
            soft.assertThat(rows(session, "SELECT i FROM sai_q.n WHERE i >= -4")).containsExactly("-3", "-2", "-1", "-4", "0", "1", "2", "3", "4", "5");
            soft.assertThat(paged(session, "SELECT i FROM sai_q.n WHERE i >= -4", 2)).isEqualTo(rows(session, "SELECT i FROM sai_q.n WHERE i >= -4"));
            soft.assertThat(rows(session, "SELECT count(*) FROM sai_q.n WHERE i >= -4 LIMIT 3")).containsExactly("10");
            soft.assertThat(rows(session, "SELECT i FROM sai_q.n WHERE i >= -4 LIMIT 3")).hasSize(3);
        });
    }

    private static void flush() {
        if (!EXTERNAL) assertThat(HttpPost.post(NODE.server().apiPort(), "/storage/flush?keyspace=sai_q").statusCode()).isEqualTo(200);
    }

    private static void compact() {
        if (!EXTERNAL) assertThat(HttpPost.post(NODE.server().apiPort(), "/storage/compact?keyspace=sai_q").statusCode()).isEqualTo(200);
    }
}
