package org.charybdis.server.itests;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.InvalidConfigurationInQueryException;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpGet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Data through the Java driver on the LSM engine: it survives restarts (clean ones drain the memtables into
 * SSTables), TRUNCATE and DROP remove files for good, compaction options are checked and applied in place,
 * and the storage figures reach Prometheus.
 */
class DurableStorageTest {
    @RegisterExtension
    static final CharybdisServerExtension NODE = new CharybdisServerExtension();

    @Test
    void rowsSurviveRestartsAndTruncatedOrDroppedDataStaysGone() throws Exception {
        CqlSession session = NODE.session();
        session.execute("CREATE KEYSPACE ks1 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE ks1.kept (k int, c int, v text, PRIMARY KEY (k, c))");
        session.execute("CREATE TABLE ks1.truncated (k int PRIMARY KEY, v text)");
        session.execute("CREATE TABLE ks1.dropped (k int PRIMARY KEY, v text)");
        PreparedStatement insert = session.prepare("INSERT INTO ks1.kept (k, c, v) VALUES (?, ?, ?)");
        for (int k = 0; k < 50; k++) for (int c = 0; c < 20; c++) session.execute(insert.bind(k, c, "v" + k + "/" + c));
        session.execute("DELETE FROM ks1.kept WHERE k = 7");
        session.execute("DELETE FROM ks1.kept WHERE k = 8 AND c > 9");
        for (int k = 0; k < 10; k++) {
            session.execute("INSERT INTO ks1.truncated (k, v) VALUES (" + k + ", 'x')");
            session.execute("INSERT INTO ks1.dropped (k, v) VALUES (" + k + ", 'x')");
        }
        assertThat(post("/storage/flush?keyspace=ks1")).isEqualTo(200);
        session.execute("INSERT INTO ks1.truncated (k, v) VALUES (100, 'in the memtable')");
        session.execute("TRUNCATE ks1.truncated");
        Path droppedFiles = tableDirectory("ks1", "dropped");
        assertThat(droppedFiles).exists();
        session.execute("DROP TABLE ks1.dropped");
        assertThat(droppedFiles.resolve("shard-0")).doesNotExist();

        NODE.restart();
        session = NODE.session();
        assertThat(session.execute("SELECT count(*) FROM ks1.kept").one().getLong(0)).isEqualTo(50 * 20 - 20 - 10);
        assertThat(session.execute("SELECT v FROM ks1.kept WHERE k = 3 AND c = 4").one().getString("v")).isEqualTo("v3/4");
        assertThat(session.execute("SELECT * FROM ks1.kept WHERE k = 7").all()).isEmpty();
        assertThat(session.execute("SELECT * FROM ks1.truncated").all()).isEmpty();

        // unflushed writes come back from the commitlog after a restart too (the clean stop drains them into SSTables)
        session.execute("INSERT INTO ks1.truncated (k, v) VALUES (1, 'after')");
        NODE.restart();
        session = NODE.session();
        List<Row> rows = session.execute("SELECT v FROM ks1.truncated").all();
        assertThat(rows).extracting(r -> r.getString("v")).containsExactly("after");
    }

    @Test
    void compactionOptionsAreValidatedAndApplied() {
        CqlSession session = NODE.session();
        session.execute("CREATE KEYSPACE ks2 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE ks2.t (k int PRIMARY KEY, v int) WITH compaction = {'class': 'LeveledCompactionStrategy'}");
        session.execute("ALTER TABLE ks2.t WITH compaction = {'class': 'UnifiedCompactionStrategy', 'scaling_parameters': 'T4,T4,L10'}");
        assertThatThrownBy(() -> session.execute("ALTER TABLE ks2.t WITH compaction = {'class': 'UnifiedCompactionStrategy', 'scaling_parameters': 'X9'}"))
                .isInstanceOf(InvalidConfigurationInQueryException.class).hasMessageContaining("X9");
        assertThatThrownBy(() -> session.execute("CREATE TABLE ks2.u (k int PRIMARY KEY) WITH compression = {'class': 'NoSuchCompressor'}"))
                .isInstanceOf(InvalidConfigurationInQueryException.class);
        session.execute("CREATE TABLE ks2.z (k int PRIMARY KEY, v text) WITH compression = {'class': 'ZstdCompressor'}");
        for (int k = 0; k < 100; k++) session.execute("INSERT INTO ks2.z (k, v) VALUES (" + k + ", 'zstd')");
        assertThat(post("/storage/compact?keyspace=ks2&table=z")).isEqualTo(200);
        assertThat(session.execute("SELECT count(*) FROM ks2.z").one().getLong(0)).isEqualTo(100);
        Row options = session.execute("SELECT compaction FROM system_schema.tables WHERE keyspace_name = 'ks2' AND table_name = 't'").one();
        assertThat(options.getMap("compaction", String.class, String.class)).containsEntry("scaling_parameters", "T4,T4,L10");
    }

    @Test
    void storageFiguresReachPrometheus() throws InterruptedException {
        CqlSession session = NODE.session();
        session.execute("CREATE KEYSPACE ks3 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE ks3.m (k int PRIMARY KEY, v int)");
        for (int k = 0; k < 20; k++) session.execute("INSERT INTO ks3.m (k, v) VALUES (" + k + ", 1)");
        assertThat(post("/storage/flush?keyspace=ks3")).isEqualTo(200);
        // each shard publishes its tables' figures every 5 seconds
        String metrics = "";
        for (long deadline = System.nanoTime() + 20_000_000_000L; System.nanoTime() < deadline; ) {
            metrics = HttpGet.body(NODE.server().prometheusPort(), "/metrics");
            if (metrics.contains("charybdis_storage_flushes_total{keyspace=\"ks3\"")) break;
            Thread.sleep(200);
        }
        assertThat(metrics).containsPattern("charybdis_storage_sstables\\{keyspace=\"ks3\",shard=\"\\d\",table=\"m\"} [1-9]");
        assertThat(metrics).contains("charybdis_storage_flushed_bytes_total{keyspace=\"ks3\"");
    }

    @Test
    void pointReadsOfFlushedRowsShowAsChunkCacheLookupsAndQueryReads() {
        CqlSession session = NODE.session();
        session.execute("CREATE KEYSPACE ks4 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE ks4.r (k int PRIMARY KEY, v text)");
        for (int k = 0; k < 50; k++) session.execute("INSERT INTO ks4.r (k, v) VALUES (" + k + ", 'v" + k + "')");
        assertThat(post("/storage/flush?keyspace=ks4")).isEqualTo(200);
        String before = metrics();
        PreparedStatement select = session.prepare("SELECT v FROM ks4.r WHERE k = ?");
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < 50; k++) assertThat(session.execute(select.bind(k)).one().getString("v")).isEqualTo("v" + k);
        }
        String after = metrics();

        for (String component : List.of("data", "index")) {
            String label = "component=\"" + component + "\"";
            assertThat(grew(before, after, "charybdis_sstables_chunk_cache_misses_total", label)).as(component + " misses").isPositive();
            assertThat(grew(before, after, "charybdis_sstables_chunk_cache_hits_total", label)).as(component + " hits").isPositive();
            assertThat(OperatorEndpointsTest.sum(after, "charybdis_sstables_chunk_cache_bytes", label)).isPositive();
        }
        assertThat(grew(before, after, "charybdis_io_queue_read_ops_total", "class=\"query\"")).isPositive();
        assertThat(after).containsPattern("charybdis_sstables_chunk_cache_capacity_bytes\\{shard=\"0\"} [1-9]")
                .containsPattern("charybdis_io_queue_operations_total\\{class=\"commitlog\",shard=\"0\"}");
    }

    private static double grew(String before, String after, String metric, String labels) {
        return OperatorEndpointsTest.sum(after, metric, labels) - OperatorEndpointsTest.sum(before, metric, labels);
    }

    private static String metrics() {
        return HttpGet.body(NODE.server().prometheusPort(), "/metrics");
    }

    private static int post(String path) {
        return org.charybdis.server.testing.HttpPost.post(NODE.server().apiPort(), path).statusCode();
    }

    private static Path tableDirectory(String keyspace, String table) throws Exception {
        try (Stream<Path> dirs = Files.list(NODE.workdir().resolve("data").resolve(keyspace))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(table + "-")).findFirst().orElseThrow();
        }
    }
}
