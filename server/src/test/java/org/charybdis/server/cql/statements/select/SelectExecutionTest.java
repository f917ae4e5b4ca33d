package org.charybdis.server.cql.statements.select;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.exceptions.ProtocolException;
import org.charybdis.cql.messages.RowsResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charybdis.server.cql.statements.select.SelectTestNode.i;
import static org.charybdis.server.cql.statements.select.SelectTestNode.ints;

class SelectExecutionTest {
    private static SelectTestNode node;
    private static final int PARTITIONS = 20;
    private static final int ROWS = 15;

    @BeforeAll
    static void start() {
        node = new SelectTestNode();
        // partitions 0..19, each with c1 in 0..4, c2 in 0..2, v = k * 100 + c1 * 10 + c2
        for (int k = 0; k < PARTITIONS; k++) {
            for (int c1 = 0; c1 < 5; c1++) {
                for (int c2 = 0; c2 < 3; c2++) node.insertT(k, c1, c2, k * 100 + c1 * 10 + c2, k == 3 && c1 == 0 && c2 == 0 ? 500 : 0);
            }
        }
        node.insertStatic(100, 7); // a partition with only a static value
        for (int c = 0; c < 10; c++) node.insertD(1, c, c);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void singlePartitionWithClusteringSlice() {
        RowsResult r = node.query("SELECT c1, c2, v FROM t WHERE k = 2 AND c1 = 1 AND c2 >= 1");
        assertThat(ints(r)).containsExactly(List.of(1, 1, 211), List.of(1, 2, 212));
        assertThat(r.metadata().columns()).extracting(c -> c.name()).containsExactly("c1", "c2", "v");
    }

    @Test
    void wildcardColumnsInCassandraOrder() {
        RowsResult r = node.query("SELECT * FROM t WHERE k = 2 AND c1 = 0 AND c2 = 0");
        assertThat(r.metadata().columns()).extracting(c -> c.name()).containsExactly("k", "c1", "c2", "s", "v");
        assertThat(ints(r)).containsExactly(java.util.Arrays.asList(2, 0, 0, null, 200));
    }

    @Test
    void inOnPartitionKeyReturnsPartitionsSortedByValueAndDistinct() {
        RowsResult r = node.query("SELECT k FROM t WHERE k IN (5, 1, 3, 1) AND c1 = 0 AND c2 = 0");
        assertThat(ints(r)).containsExactly(List.of(1), List.of(3), List.of(5));
    }

    @Test
    void inOnClusteringAndMultiColumnSlices() {
        assertThat(ints(node.query("SELECT c1, c2 FROM t WHERE k = 1 AND c1 IN (3, 1) AND c2 = 2")))
                .containsExactly(List.of(1, 2), List.of(3, 2));
        assertThat(ints(node.query("SELECT c1, c2 FROM t WHERE k = 1 AND (c1, c2) > (3, 1)")))
                .containsExactly(List.of(3, 2), List.of(4, 0), List.of(4, 1), List.of(4, 2));
        assertThat(ints(node.query("SELECT c1, c2 FROM t WHERE k = 1 AND (c1, c2) IN ((0, 1), (2, 2))")))
                .containsExactly(List.of(0, 1), List.of(2, 2));
    }

    @Test
    void orderByReversesAndDescendingColumnsSliceInStorageOrder() {
        assertThat(ints(node.query("SELECT c1, c2 FROM t WHERE k = 1 AND c1 = 4 ORDER BY c1 DESC, c2 DESC")))
                .containsExactly(List.of(4, 2), List.of(4, 1), List.of(4, 0));
        assertThat(ints(node.query("SELECT c FROM d WHERE k = 1 AND c > 6"))).containsExactly(List.of(9), List.of(8), List.of(7));
        assertThat(ints(node.query("SELECT c FROM d WHERE k = 1 AND c > 6 ORDER BY c ASC"))).containsExactly(List.of(7), List.of(8), List.of(9));
        assertThat(ints(node.query("SELECT c FROM d WHERE k = 1 AND c >= 2 AND c < 4"))).containsExactly(List.of(3), List.of(2));
    }

    @Test
    void limitsAndPerPartitionLimit() {
        assertThat(ints(node.query("SELECT v FROM t WHERE k = 1 LIMIT 2"))).containsExactly(List.of(100), List.of(101));
        assertThat(ints(node.query("SELECT v FROM t WHERE k IN (1, 2) PER PARTITION LIMIT 2")))
                .containsExactly(List.of(100), List.of(101), List.of(200), List.of(201));
        assertThat(ints(node.query("SELECT v FROM t WHERE k = 1 LIMIT ?", i(1)))).containsExactly(List.of(100));
    }

    @Test
    void countWritetimeTtlAndToken() {
        assertThat(ints(node.query("SELECT count(*) FROM t"))).containsExactly(List.of(PARTITIONS * ROWS + 1));
        assertThat(ints(node.query("SELECT COUNT(*) FROM t WHERE k = 4"))).containsExactly(List.of(ROWS));
        RowsResult r = node.query("SELECT writetime(v), ttl(v) FROM t WHERE k = 3 AND c1 = 0 AND c2 IN (0, 1)");
        assertThat(r.metadata().columns()).extracting(c -> c.name()).containsExactly("writetime(v)", "ttl(v)");
        assertThat(r.rows().get(0)[0].getLong(0)).isEqualTo(1300);
        assertThat(r.rows().get(0)[1].getInt(0)).isEqualTo(500);
        assertThat(r.rows().get(1)[1]).isNull();
        RowsResult token = node.query("SELECT token(k) FROM t WHERE k = 1 AND c1 = 0 AND c2 = 0");
        assertThat(token.metadata().columns().get(0).name()).isEqualTo("system.token(k)");
        assertThat(token.rows().get(0)[0].getLong(0)).isEqualTo(-4069959284402364209L);
    }

    @Test
    void staticOnlyPartitionAndDistinct() {
        assertThat(ints(node.query("SELECT * FROM t WHERE k = 100")))
                .containsExactly(java.util.Arrays.asList(100, null, null, 7, null));
        assertThat(ints(node.query("SELECT * FROM t WHERE k = 100 AND c1 = 1"))).isEmpty();
        List<List<Integer>> distinct = ints(node.query("SELECT DISTINCT k, s FROM t"));
        assertThat(distinct).hasSize(PARTITIONS + 1).contains(List.of(100, 7));
    }

    @Test
    void fullScansPageEveryRowExactlyOnceInTokenOrder() {
        List<List<Integer>> unpaged = node.all("SELECT k, c1, c2 FROM t", Integer.MAX_VALUE);
        assertThat(unpaged).hasSize(PARTITIONS * ROWS + 1);
        for (int pageSize : new int[] {1, 7, 100}) {
            assertThat(node.all("SELECT k, c1, c2 FROM t", pageSize)).as("page size " + pageSize).isEqualTo(unpaged);
        }
        List<List<Integer>> limited = node.all("SELECT k, c1, c2 FROM t PER PARTITION LIMIT 2 LIMIT 25", 7);
        assertThat(limited).hasSize(25).isEqualTo(node.all("SELECT k, c1, c2 FROM t PER PARTITION LIMIT 2 LIMIT 25", 1000));
    }

    @Test
    void inQueriesPageAcrossPartitions() {
        String cql = "SELECT k, c1, c2 FROM t WHERE k IN (1, 2, 3) AND c1 > 2";
        List<List<Integer>> expected = node.all(cql, Integer.MAX_VALUE);
        assertThat(expected).hasSize(18);
        assertThat(node.all(cql, 4)).isEqualTo(expected);
        assertThat(node.all("SELECT c FROM d WHERE k = 1 ORDER BY c ASC", 3)).hasSize(10).first().isEqualTo(List.of(0));
    }

    @Test
    void tokenRangesAndFiltering() {
        List<List<Integer>> all = node.all("SELECT k, token(k) FROM t PER PARTITION LIMIT 1", 1000);
        RowsResult r = node.query("SELECT k FROM t WHERE token(k) > ? AND token(k) <= ? PER PARTITION LIMIT 1",
                bigint(-4069959284402364209L), bigint(Long.MAX_VALUE));
        assertThat(ints(r)).doesNotContain(List.of(1)).hasSizeLessThan(all.size());
        assertThat(ints(node.query("SELECT v FROM t WHERE v > 1940 ALLOW FILTERING")))
                .containsExactly(List.of(1941), List.of(1942));
        assertThat(ints(node.query("SELECT k, v FROM t WHERE k = 5 AND c2 = 2 AND v < 520 ALLOW FILTERING")))
                .containsExactly(List.of(5, 502), List.of(5, 512));
        assertThat(ints(node.query("SELECT k FROM t WHERE s = 7 ALLOW FILTERING"))).containsExactly(List.of(100));
    }

    @Test
    void pagingStateResumesAndGarbageIsRefused() {
        RowsResult first = node.query("SELECT v FROM t WHERE k = 7", 4, null);
        assertThat(first.metadata().pagingState()).isNotNull();
        RowsResult second = node.query("SELECT v FROM t WHERE k = 7", 4, first.metadata().pagingState());
        assertThat(ints(second)).containsExactly(List.of(711), List.of(712), List.of(720), List.of(721));
        RowsResult exact = node.query("SELECT v FROM t WHERE k = 7", ROWS, null);
        assertThat(exact.metadata().pagingState()).isNull();
        assertThatThrownBy(() -> node.query("SELECT v FROM t WHERE k = 7", 4, ByteBuffer.wrap(new byte[] {1, 2, 3})))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void errorsAsCassandra() {
        assertError("SELECT * FROM nope", "table nope does not exist");
        assertError("SELECT * FROM nope.t", "keyspace nope does not exist");
        assertError("SELECT nope FROM t", "Undefined column name nope in table ks.t");
        assertError("SELECT * FROM t WHERE v = 1", "Cannot execute this query as it might involve data filtering");
        assertError("SELECT * FROM t WHERE k = 1 AND c2 = 1",
                "PRIMARY KEY column \"c2\" cannot be restricted as preceding column \"c1\" is not restricted");
        assertError("SELECT * FROM t WHERE k = 1 AND c1 > 0 AND c2 = 1",
                "Clustering column \"c2\" cannot be restricted (preceding column \"c1\" is restricted by a non-EQ relation)");
        assertError("SELECT writetime(k) FROM t", "Cannot use selection function writetime on PRIMARY KEY part k");
        assertError("SELECT * FROM t ORDER BY c1 DESC", "ORDER BY is only supported when the partition key is restricted by an EQ or an IN.");
        assertError("SELECT * FROM t WHERE k = 1 ORDER BY c2 DESC", "Order by currently only supports the ordering of columns following their declared order in the PRIMARY KEY");
        assertError("SELECT * FROM t WHERE k = 1 ORDER BY c1 DESC, c2 ASC", "Unsupported order by relation");
        assertError("SELECT DISTINCT v FROM t", "SELECT DISTINCT queries must only request partition key columns and/or static columns (not v)");
        assertError("SELECT * FROM t WHERE k = 'a'", "Invalid STRING constant (a) for \"k\" of type int");
        assertError("SELECT * FROM t WHERE k = 1 AND k = 2", "k cannot be restricted by more than one relation if it includes an Equal");
        assertError("SELECT * FROM t WHERE token(c1) > 0", "The token() function must be applied to all partition key components or none of them");
        assertError("SELECT * FROM t WHERE v != 1 ALLOW FILTERING", "Unsupported \"!=\" relation: v != 1");
        assertThatThrownBy(() -> node.query("SELECT * FROM t WHERE k = 1 LIMIT 0")).hasMessage("LIMIT must be strictly positive");
        assertThatThrownBy(() -> node.query("SELECT * FROM t WHERE k = ?", (ByteBuffer) null))
                .hasMessage("Invalid null value in condition for column k");
    }

    private static void assertError(String cql, String message) {
        assertThatThrownBy(() -> node.compile(cql)).isInstanceOf(InvalidRequestException.class).hasMessageStartingWith(message);
    }

    private static ByteBuffer bigint(long v) {
        return ByteBuffer.allocate(8).putLong(0, v);
    }
}
