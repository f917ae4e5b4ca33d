package org.charybdis.server.cql.statements.select.paging;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.charybdis.cql.messages.RowsResult;
import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.server.cql.statements.select.ResultRows;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.CqlTestClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How big a page is, on a server of two shards: pages of small rows hold exactly the page size (each shard reads
 * its half and the coordinator tops a short merge up), pages of large rows stop at 1 MiB as ScyllaDB's do, and an
 * unpaged query gets everything in one answer. In every case the pages together hold every row once, in token order.
 */
class PageSizeLimitsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static final int SMALL_ROWS = 2_000;
    private static final int LARGE_ROWS = 60;
    private static final int LARGE_VALUE = 100 * 1024;
    private static CqlSession session;

    @BeforeAll
    static void data() {
        session = server.session();
        session.execute("CREATE KEYSPACE IF NOT EXISTS ps WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE ps.small (k int PRIMARY KEY, v int)");
        session.execute("CREATE TABLE ps.large (k int, c int, v blob, PRIMARY KEY (k, c))");
        PreparedStatement small = session.prepare("INSERT INTO ps.small (k, v) VALUES (?, ?)");
        for (int k = 0; k < SMALL_ROWS; k++) session.execute(small.bind(k, k * 3));
        PreparedStatement large = session.prepare("INSERT INTO ps.large (k, c, v) VALUES (?, ?, ?)");
        for (int i = 0; i < LARGE_ROWS; i++) session.execute(large.bind(i % 7, i, ByteBuffer.allocate(LARGE_VALUE)));
    }

    @Test
    void pagesOfSmallRowsAreFullAcrossShards() {
        List<List<Row>> pages = pages("SELECT k, v, token(k) FROM ps.small", 100);
        assertThat(pages).hasSize(SMALL_ROWS / 100);
        for (List<Row> page : pages) assertThat(page).hasSize(100);
        assertEveryRowOnceInTokenOrder(pages, SMALL_ROWS);
        assertThat(pages("SELECT k, v, token(k) FROM ps.small", 7).subList(0, SMALL_ROWS / 7)).allSatisfy(page -> assertThat(page).hasSize(7));
    }

    @Test
    void pagesOfLargeRowsStopAtOneMebibyte() {
        List<List<Row>> pages = pages("SELECT k, c, v, token(k) FROM ps.large", 1_000);
        long rowsPerMebibyte = (1L << 20) / LARGE_VALUE;
        assertThat(pages).hasSizeGreaterThanOrEqualTo((int) (LARGE_ROWS / (rowsPerMebibyte + 1)));
        for (List<Row> page : pages) assertThat(page).isNotEmpty().hasSizeLessThanOrEqualTo((int) rowsPerMebibyte + 1);
        assertEveryRowOnceInTokenOrder(pages, LARGE_ROWS);
        // one partition of large rows pages within the partition
        List<List<Row>> partition = pages("SELECT k, c, v, token(k) FROM ps.large WHERE k = 3", 1_000);
        assertThat(partition.stream().mapToInt(List::size).sum()).isEqualTo((LARGE_ROWS + 3) / 7);
    }

    @Test
    void anUnpagedQueryGetsEveryRowAtOnce() {
        // the Java driver always pages (a page size <= 0 means its default): a QUERY without a page size is sent raw
        try (CqlTestClient client = CqlTestClient.connect(server.nativePort())) {
            client.startup(ProtocolVersion.V4);
            RowsResult all = (RowsResult) client.query("SELECT k, c, v FROM ps.large");
            assertThat(all.rows()).hasSize(LARGE_ROWS);
            assertThat(all.metadata().pagingState()).isNull();
            RowsResult limited = (RowsResult) client.query("SELECT k FROM ps.small LIMIT 1500");
            assertThat(limited.rows()).hasSize(1500);
            assertThat(limited.metadata().pagingState()).isNull();
        }
    }

    @Test
    void aggregatesReadEveryPage() {
        assertThat(session.execute("SELECT count(*) FROM ps.large").one().getLong(0)).isEqualTo(LARGE_ROWS);
        assertThat(session.execute("SELECT count(*), sum(v) FROM ps.small").one().getLong(0)).isEqualTo(SMALL_ROWS);
    }

    /** The rows of each page, following the paging state until the end. */
    private static List<List<Row>> pages(String cql, int pageSize) {
        return ResultRows.rowPages(session, cql, pageSize);
    }

    /** Every row once (by its key columns), in token order; the token is the last column. */
    private static void assertEveryRowOnceInTokenOrder(List<List<Row>> pages, int expected) {
        Set<String> seen = new HashSet<>();
        long previousToken = Long.MIN_VALUE;
        for (List<Row> page : pages) {
            for (Row row : page) {
                int last = row.getColumnDefinitions().size() - 1;
                long token = row.getLong(last);
                assertThat(token).isGreaterThanOrEqualTo(previousToken);
                previousToken = token;
                String key = row.getInt(0) + (row.getColumnDefinitions().contains("c") ? "/" + row.getInt(1) : "");
                assertThat(seen.add(key)).as("row %s seen once", key).isTrue();
            }
        }
        assertThat(seen).hasSize(expected);
    }
}
