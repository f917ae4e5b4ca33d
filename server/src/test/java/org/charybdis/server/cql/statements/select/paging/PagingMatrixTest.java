package org.charybdis.server.cql.statements.select.paging;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.charybdis.server.cql.statements.select.ResultRows;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paging of every query shape: for page sizes 1, 2, 7 and 100, the pages (each fetched on the other of
 * two connections, resuming from the previous page's paging_state) concatenate to the unpaged result,
 * and no page is larger than the page size. Row counts and first rows were recorded from Apache
 * Cassandra 5.0.6 (the class also passes against it:
 * {@code -Dcharybdis.test.external=127.0.0.1:9043 -Dcharybdis.test.external.credentials=cassandra:cassandra}).
 */
class PagingMatrixTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession first;
    private static CqlSession second;

    @BeforeAll
    static void data() {
        first = server.session();
        second = server.session();
        first.execute("CREATE KEYSPACE IF NOT EXISTS pg WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        first.execute("DROP TABLE IF EXISTS pg.t");
        first.execute("CREATE TABLE pg.t (k int, c int, v int, s int static, PRIMARY KEY (k, c))");
        first.execute("DROP TABLE IF EXISTS pg.r");
        first.execute("CREATE TABLE pg.r (k int, c1 int, c2 int, v int, PRIMARY KEY (k, c1, c2)) WITH CLUSTERING ORDER BY (c1 DESC, c2 ASC)");
        PreparedStatement t = first.prepare("INSERT INTO pg.t (k, c, v) VALUES (?, ?, ?)");
        PreparedStatement r = first.prepare("INSERT INTO pg.r (k, c1, c2, v) VALUES (?, ?, ?, ?)");
        for (int k = 0; k < 30; k++) {
            // partitions of 0 to 6 rows; those of 0 rows have only a static value
            for (int c = 0; c < k % 7; c++) first.execute(t.bind(k, c, k * 10 + c));
            if (k % 3 == 0) first.execute("INSERT INTO pg.t (k, s) VALUES (?, ?)", k, k);
            for (int c1 = 0; c1 < 3; c1++) {
                for (int c2 = 0; c2 < k % 4; c2++) first.execute(r.bind(k, c1, c2, k + c1 + c2));
            }
        }
    }

    /** Each shape with the size of its result and its first row as Cassandra 5.0 answers. */
    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("SELECT k, c, v, s FROM pg.t", 87, "23, 0, 230, null"),
                Arguments.of("SELECT k, c, v FROM pg.t WHERE v > 100 AND c IN (1, 4) ALLOW FILTERING", 20, "23, 1, 231"),
                Arguments.of("SELECT k, c FROM pg.t WHERE s > 10 ALLOW FILTERING", 20, "18, 0"),
                Arguments.of("SELECT k, c FROM pg.t WHERE k IN (5, 1, 13, 27, 12) AND c >= 1", 18, "5, 1"),
                Arguments.of("SELECT k, c FROM pg.t WHERE k = 6 AND c IN (1, 4, 5) ORDER BY c DESC", 3, "6, 5"),
                Arguments.of("SELECT k, c1, c2 FROM pg.r WHERE k IN (3, 7, 2) AND c1 IN (0, 2)", 16, "2, 2, 0"),
                Arguments.of("SELECT k, c1, c2 FROM pg.r WHERE k = 7 ORDER BY c1 ASC, c2 DESC", 9, "7, 0, 2"),
                Arguments.of("SELECT k, c1, c2 FROM pg.r WHERE k = 7 AND (c1, c2) > (0, 1) AND (c1, c2) < (2, 2)", 6, "7, 2, 0"),
                Arguments.of("SELECT k, c FROM pg.t PER PARTITION LIMIT 2 LIMIT 23", 23, "23, 0"),
                Arguments.of("SELECT DISTINCT k, s FROM pg.t", 27, "23, null"),
                Arguments.of("SELECT DISTINCT k FROM pg.t WHERE k IN (4, 9, 12)", 3, "4"),
                Arguments.of("SELECT count(*), max(v), min(c) FROM pg.t", 1, "87, 290, 0"),
                Arguments.of("SELECT count(*) FROM pg.t WHERE v > 100 ALLOW FILTERING", 1, "60"),
                Arguments.of("SELECT k, count(*), max(c) FROM pg.t GROUP BY k", 27, "23, 2, 1"),
                Arguments.of("SELECT k, c1, count(*), sum(v) FROM pg.r GROUP BY k, c1", 66, "23, 2, 3, 78"),
                Arguments.of("SELECT k, c1, count(*) FROM pg.r WHERE k IN (3, 6, 7) GROUP BY k, c1 PER PARTITION LIMIT 2 LIMIT 5", 5, "3, 2, 3"),
                Arguments.of("SELECT k, c FROM pg.t WHERE token(k) > 0", 45, "27, 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void pagesConcatenateToTheUnpagedResult(String cql, int size, String firstRow) {
        List<String> unpaged = ResultRows.paged(first, cql, 10_000);
        assertThat(unpaged).hasSize(size);
        assertThat(unpaged.get(0)).isEqualTo(firstRow);
        for (int pageSize : new int[] {1, 2, 7, 100}) {
            assertThat(pageByPage(cql, pageSize)).as("page size %d", pageSize).isEqualTo(unpaged);
        }
    }

    /** The rows of every page, each page fetched on the other connection from the previous page's state. */
    private static List<String> pageByPage(String cql, int pageSize) {
        List<String> rows = new ArrayList<>();
        ByteBuffer state = null;
        int pages = 0;
        do {
            CqlSession session = pages % 2 == 0 ? first : second;
            SimpleStatement statement = SimpleStatement.newInstance(cql).setPageSize(pageSize).setPagingState(state);
            ResultSet page = session.execute(statement);
            int available = page.getAvailableWithoutFetching();
            assertThat(available).as("rows in page %d of %s", pages, cql).isLessThanOrEqualTo(pageSize);
            for (int i = 0; i < available; i++) rows.add(ResultRows.render(List.of(page.one())).get(0));
            state = page.getExecutionInfo().getPagingState();
            assertThat(++pages).as("pages of %s", cql).isLessThan(1_000);
        } while (state != null);
        return rows;
    }
}
