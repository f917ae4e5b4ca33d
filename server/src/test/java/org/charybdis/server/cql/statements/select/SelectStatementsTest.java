package org.charybdis.server.cql.statements.select;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.charybdis.server.CharybdisServer;
import org.charybdis.server.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SELECT through the Java driver against an in-process server (needs schema, system tables and INSERT merged). */
class SelectStatementsTest {
    @TempDir
    static Path workdir;
    private static CharybdisServer server;
    private static CqlSession session;

    @BeforeAll
    static void start() {
        server = CharybdisServer.start(ServerConfig.defaults().with(ServerConfig.NATIVE_TRANSPORT_PORT, 0)
                .with(ServerConfig.NATIVE_SHARD_AWARE_TRANSPORT_PORT, 0).with(ServerConfig.PROMETHEUS_PORT, 0)
                .with(ServerConfig.API_PORT, 0).with(ServerConfig.SMP, 2).with(ServerConfig.WORKDIR, workdir.toString()));
        session = connect();
        session.execute("CREATE KEYSPACE sel WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE sel.t (k int, c int, s int static, v int, PRIMARY KEY (k, c))");
        for (int k = 0; k < 30; k++) {
            for (int c = 0; c < 10; c++) session.execute("INSERT INTO sel.t (k, c, v) VALUES (?, ?, ?)", k, c, k * 100 + c);
        }
        session.execute("INSERT INTO sel.t (k, s) VALUES (1000, 5)");
    }

    private static CqlSession connect() {
        return CqlSession.builder().addContactPoint(new InetSocketAddress("127.0.0.1", server.nativePort()))
                .withLocalDatacenter("datacenter1").build();
    }

    @AfterAll
    static void stop() {
        if (session != null) session.close();
        if (server != null) server.close();
    }

    @Test
    void fullScanPagesReturnEveryRowOnceInTokenOrder() {
        List<String> unpaged = keys(session.execute(SimpleStatement.newInstance("SELECT k, c FROM sel.t").setPageSize(5000)));
        assertThat(unpaged).hasSize(301).doesNotHaveDuplicates();
        for (int pageSize : new int[] {1, 7, 100}) {
            assertThat(keys(session.execute(SimpleStatement.newInstance("SELECT k, c FROM sel.t").setPageSize(pageSize))))
                    .as("page size " + pageSize).isEqualTo(unpaged);
        }
    }

    @Test
    void pagingResumesOnAnotherSession() {
        ResultSet first = session.execute(SimpleStatement.newInstance("SELECT c FROM sel.t WHERE k = 3").setPageSize(4));
        ByteBuffer state = first.getExecutionInfo().getPagingState();
        assertThat(first.getAvailableWithoutFetching()).isEqualTo(4);
        try (CqlSession other = connect()) {
            ResultSet rest = other.execute(SimpleStatement.newInstance("SELECT c FROM sel.t WHERE k = 3").setPageSize(4).setPagingState(state));
            assertThat(rest.one().getInt("c")).isEqualTo(4);
        }
    }

    @Test
    void whereShapesOrderLimitsAndFunctions() {
        assertThat(ints(session.execute("SELECT c FROM sel.t WHERE k = 2 AND c > 6 ORDER BY c DESC"), "c")).containsExactly(9, 8, 7);
        assertThat(ints(session.execute("SELECT k FROM sel.t WHERE k IN (5, 2) PER PARTITION LIMIT 1"), "k")).containsExactly(2, 5);
        assertThat(ints(session.execute("SELECT c FROM sel.t WHERE k = 2 LIMIT 3"), "c")).containsExactly(0, 1, 2);
        assertThat(session.execute("SELECT count(*) FROM sel.t").one().getLong("count")).isEqualTo(301);
        assertThat(session.execute("SELECT DISTINCT k FROM sel.t").all()).hasSize(31);
        Row staticOnly = session.execute("SELECT * FROM sel.t WHERE k = 1000").one();
        assertThat(staticOnly.isNull("c")).isTrue();
        assertThat(staticOnly.getInt("s")).isEqualTo(5);
        assertThat(session.execute("SELECT writetime(v) FROM sel.t WHERE k = 1 AND c = 1").one().getLong(0)).isPositive();
        assertThat(session.execute("SELECT token(k) FROM sel.t WHERE k = 1 LIMIT 1").one().getLong(0)).isEqualTo(-4069959284402364209L);
        assertThat(ints(session.execute("SELECT v FROM sel.t WHERE v > 2907 ALLOW FILTERING"), "v")).containsExactly(2908, 2909);
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> session.execute("SELECT * FROM sel.nope")).isInstanceOf(InvalidQueryException.class)
                .hasMessage("table nope does not exist");
        assertThatThrownBy(() -> session.execute("SELECT * FROM sel.t WHERE v = 1")).isInstanceOf(InvalidQueryException.class)
                .hasMessageStartingWith("Cannot execute this query as it might involve data filtering");
        assertThatThrownBy(() -> session.execute("SELECT nope FROM sel.t")).isInstanceOf(InvalidQueryException.class)
                .hasMessage("Undefined column name nope in table sel.t");
    }

    private static List<String> keys(ResultSet rs) {
        List<String> out = new ArrayList<>();
        for (Row r : rs) out.add(r.getInt("k") + ":" + (r.isNull("c") ? "null" : r.getInt("c")));
        return out;
    }

    private static List<Integer> ints(ResultSet rs, String column) {
        List<Integer> out = new ArrayList<>();
        for (Row r : rs) out.add(r.getInt(column));
        return out;
    }
}
