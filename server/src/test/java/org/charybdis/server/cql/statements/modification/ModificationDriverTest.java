package org.charybdis.server.cql.statements.modification;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.TupleType;
import org.charybdis.server.CharybdisServer;
import org.charybdis.server.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * INSERT, UPDATE, DELETE and BATCH through the Java driver against an in-process server; results read back
 * with SELECT, expectations recorded from Cassandra 5.0.
 */
class ModificationDriverTest {
    @TempDir
    static Path workdir;
    private static CharybdisServer server;
    private static CqlSession session;

    @BeforeAll
    static void start() {
        server = CharybdisServer.start(ServerConfig.defaults()
                .with(ServerConfig.NATIVE_TRANSPORT_PORT, 0).with(ServerConfig.NATIVE_SHARD_AWARE_TRANSPORT_PORT, 0)
                .with(ServerConfig.PROMETHEUS_PORT, 0).with(ServerConfig.API_PORT, 0).with(ServerConfig.SMP, 2)
                .with(ServerConfig.WORKDIR, workdir.toString()));
        session = CqlSession.builder().addContactPoint(new InetSocketAddress("127.0.0.1", server.nativePort()))
                .withLocalDatacenter("datacenter1").build();
        session.execute("CREATE KEYSPACE mod WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE mod.t (k int, c int, v text, st int static, l list<int>, s set<int>, "
                + "m map<text, int>, PRIMARY KEY (k, c))");
    }

    @AfterAll
    static void stop() {
        if (session != null) session.close();
        if (server != null) server.close();
    }

    @Test
    void insertUpdateAndDeleteRoundTrip() {
        session.execute("INSERT INTO mod.t (k, c, v, l, s, m) VALUES (1, 1, 'x', [1, 2], {3}, {'a': 1})");
        session.execute("UPDATE mod.t SET l = [0] + l, s = s + {4}, m['b'] = 2, st = 9 WHERE k = 1 AND c = 1");
        Row row = session.execute("SELECT v, l, s, m, st FROM mod.t WHERE k = 1 AND c = 1").one();
        assertThat(row.getString("v")).isEqualTo("x");
        assertThat(row.getList("l", Integer.class)).containsExactly(0, 1, 2);
        assertThat(row.getSet("s", Integer.class)).isEqualTo(Set.of(3, 4));
        assertThat(row.getMap("m", String.class, Integer.class)).isEqualTo(Map.of("a", 1, "b", 2));
        assertThat(row.getInt("st")).isEqualTo(9);
        session.execute("DELETE v FROM mod.t WHERE k = 1 AND c = 1");
        assertThat(session.execute("SELECT v FROM mod.t WHERE k = 1 AND c = 1").one().isNull("v")).isTrue();
        session.execute("DELETE FROM mod.t WHERE k = 1");
        assertThat(session.execute("SELECT * FROM mod.t WHERE k = 1").all()).isEmpty();
    }

    @Test
    void rangeDeletion() {
        for (int c = 1; c <= 5; c++) session.execute("INSERT INTO mod.t (k, c, v) VALUES (2, ?, 'x')", c);
        session.execute("DELETE FROM mod.t WHERE k = 2 AND c > 1 AND c <= 4");
        List<Integer> left = session.execute("SELECT c FROM mod.t WHERE k = 2").all().stream().map(r -> r.getInt("c")).toList();
        assertThat(left).containsExactly(1, 5);
    }

    /**
     * Multi-column slices delete the rows whose tuples compare between the bounds by value, whatever the clustering
     * orders (Cassandra 5.0 answers the same: checked on its compat script deletions.cql); every bound shape is
     * compared with the rows a tuple comparison keeps.
     */
    @Test
    void multiColumnSliceDeletionsFollowTupleOrderInEveryClusteringOrder() {
        for (String order : List.of("a ASC, b ASC, c ASC", "a ASC, b DESC, c ASC", "a DESC, b ASC, c DESC")) {
            String table = "mod.mcs_" + order.replaceAll("[^A-Z]", "").toLowerCase();
            session.execute("CREATE TABLE " + table + " (k int, a int, b int, c int, PRIMARY KEY (k, a, b, c))"
                    + " WITH CLUSTERING ORDER BY (" + order + ")");
            PreparedStatement insert = session.prepare("INSERT INTO " + table + " (k, a, b, c) VALUES (?, ?, ?, ?)");
            String[] deletions = {
                    "(a, b, c) > (0, 1, 1) AND (a, b) < (2, 1)", "(a, b) >= (1, 1)", "(a, b, c) <= (1, 0, 2)",
                    "(a, b) > (0, 2) AND a <= 1", "a = 1 AND (b, c) >= (1, 1) AND (b, c) < (2, 1)"};
            int k = 0;
            for (String where : deletions) {
                k++;
                for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) for (int c = 0; c < 3; c++) session.execute(insert.bind(k, a, b, c));
                session.execute(session.prepare("DELETE FROM " + table + " WHERE k = ? AND " + where).bind(k));
                List<List<Integer>> left = session.execute("SELECT a, b, c FROM " + table + " WHERE k = ?", k).all().stream()
                        .map(r -> List.of(r.getInt("a"), r.getInt("b"), r.getInt("c"))).sorted(TUPLE_ORDER).toList();
                assertThat(left).as(order + ": " + where).isEqualTo(rowsOutside(where));
            }
        }
    }

    private static final Comparator<List<Integer>> TUPLE_ORDER = (x, y) -> {
        for (int i = 0; i < x.size(); i++) if (!x.get(i).equals(y.get(i))) return Integer.compare(x.get(i), y.get(i));
        return 0;
    };

    /** The rows of the 3x3x3 grid that the deletion {@code where} keeps, by tuple comparison. */
    private static List<List<Integer>> rowsOutside(String where) {
        List<List<Integer>> kept = new ArrayList<>();
        for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) for (int c = 0; c < 3; c++) {
            List<Integer> row = List.of(a, b, c);
            boolean deleted = switch (where) {
                case "(a, b, c) > (0, 1, 1) AND (a, b) < (2, 1)" -> cmp(row, 0, 1, 1) > 0 && cmp(row.subList(0, 2), 2, 1) < 0;
                case "(a, b) >= (1, 1)" -> cmp(row.subList(0, 2), 1, 1) >= 0;
                case "(a, b, c) <= (1, 0, 2)" -> cmp(row, 1, 0, 2) <= 0;
                case "(a, b) > (0, 2) AND a <= 1" -> cmp(row.subList(0, 2), 0, 2) > 0 && a <= 1;
                default -> a == 1 && cmp(row.subList(1, 3), 1, 1) >= 0 && cmp(row.subList(1, 3), 2, 1) < 0;
            };
            if (!deleted) kept.add(row);
        }
        return kept;
    }

    private static int cmp(List<Integer> row, Integer... bound) {
        return TUPLE_ORDER.compare(row, List.of(bound));
    }

    @Test
    void multiColumnInRestrictsWrites() {
        session.execute("CREATE TABLE mod.mci (k int, a int, b int, v int, PRIMARY KEY (k, a, b))");
        session.execute("UPDATE mod.mci SET v = 1 WHERE k = 1 AND (a, b) IN ((1, 1), (1, 2), (2, 1))");
        session.execute("DELETE FROM mod.mci WHERE k = 1 AND (a, b) IN ((1, 2))");
        TupleType pair = DataTypes.tupleOf(DataTypes.INT, DataTypes.INT);
        session.execute(session.prepare("DELETE v FROM mod.mci WHERE k = 1 AND (a, b) IN ?").bind(List.of(pair.newValue(2, 1))));
        List<String> rows = session.execute("SELECT a, b, v FROM mod.mci WHERE k = 1").all().stream()
                .map(r -> r.getInt("a") + "," + r.getInt("b") + "," + (r.isNull("v") ? "null" : r.getInt("v"))).toList();
        assertThat(rows).containsExactly("1,1,1");
    }

    @Test
    void ttlAndWritetime() {
        session.execute("INSERT INTO mod.t (k, c, v) VALUES (3, 1, 'x') USING TTL 1000 AND TIMESTAMP 123");
        Row row = session.execute("SELECT ttl(v), writetime(v) FROM mod.t WHERE k = 3 AND c = 1").one();
        assertThat(row.getInt(0)).isBetween(990, 1000);
        assertThat(row.getLong(1)).isEqualTo(123L);
    }

    @Test
    void preparedStatementsAndBatches() {
        PreparedStatement insert = session.prepare("INSERT INTO mod.t (k, c, v) VALUES (?, ?, ?)");
        assertThat(insert.getPartitionKeyIndices()).containsExactly(0);
        BatchStatement batch = BatchStatement.newInstance(DefaultBatchType.LOGGED,
                insert.bind(4, 1, "a"), insert.bind(4, 2, "b"), insert.bind(5, 1, "c"));
        session.execute(batch);
        assertThat(session.execute("SELECT v FROM mod.t WHERE k = 4").all()).hasSize(2);
        assertThat(session.execute("SELECT v FROM mod.t WHERE k = 5").one().getString("v")).isEqualTo("c");
    }

    @Test
    void errorsMatchCassandra() {
        assertThatThrownBy(() -> session.execute("INSERT INTO mod.t (k, v) VALUES (1, 'x')"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Some clustering keys are missing: c");
        assertThatThrownBy(() -> session.execute("UPDATE mod.t SET k = 1 WHERE k = 1 AND c = 1"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("PRIMARY KEY part k found in SET part");
        assertThatThrownBy(() -> session.execute("DELETE v FROM mod.t WHERE k = 1"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Range deletions are not supported for specific columns");
        assertThatThrownBy(() -> session.execute("INSERT INTO mod.t (k, c, v) VALUES (1, 1, 'x') USING TTL -1"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("A TTL must be greater or equal to 0, but was -1");
    }
}
