package org.charybdis.server.metrics;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import org.charybdis.cql.messages.StartupRequest;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.server.monitoring.MetricFamilies;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.CqlTestClient;
import org.charybdis.server.testing.HttpPost;
import org.charybdis.server.testing.PrometheusText;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node's own Prometheus families, through a real driver: a service level's reads, writes, range scan, lightweight
 * transaction, counter updates and batches are timed per operation and level, and counted by statement kind and
 * keyspace; the commit log, reactors, memory, the JVM and the driver's connections show; what only grows is a counter.
 */
class ServerMetricsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension().passwordAuthentication();

    private static final String LATENCY = "charybdis_storage_proxy_coordinator_latency_seconds_count";

    private static String before;
    private static String after;

    @BeforeAll
    static void serveTraffic() {
        CqlSession admin = server.session("cassandra", "cassandra");
        admin.execute("CREATE KEYSPACE m WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        admin.execute("CREATE TABLE m.kv (pk int, ck int, v text, PRIMARY KEY (pk, ck))");
        admin.execute("CREATE TABLE m.hits (pk int PRIMARY KEY, n counter)");
        admin.execute("CREATE SERVICE LEVEL olap WITH shares = 200");
        admin.execute("CREATE ROLE analyst WITH PASSWORD = 'pw' AND LOGIN = true");
        admin.execute("ATTACH SERVICE LEVEL olap TO analyst");
        CqlSession analyst = server.session("analyst", "pw");
        PreparedStatement insert = analyst.prepare("INSERT INTO m.kv (pk, ck, v) VALUES (?, ?, ?)");
        PreparedStatement select = analyst.prepare("SELECT v FROM m.kv WHERE pk = ?");
        before = PrometheusText.scrape(server);

        for (int pk = 0; pk < 5; pk++) analyst.execute(insert.bind(pk, 0, "a"));
        for (int pk = 0; pk < 3; pk++) assertThat(analyst.execute(select.bind(pk)).all()).hasSize(1);
        assertThat(analyst.execute("SELECT * FROM m.kv").all()).hasSize(5);
        assertThat(analyst.execute("INSERT INTO m.kv (pk, ck, v) VALUES (9, 9, 'x') IF NOT EXISTS").wasApplied()).isTrue();
        analyst.execute("UPDATE m.hits SET n = n + 1 WHERE pk = 1");
        analyst.execute("UPDATE m.hits SET n = n + 2 WHERE pk = 2");
        for (int batch = 0; batch < 2; batch++) {
            analyst.execute(BatchStatement.newInstance(DefaultBatchType.UNLOGGED, insert.bind(10 + batch, 1, "b"), insert.bind(10 + batch, 2, "c")));
        }
        after = PrometheusText.scrape(server);
    }

    @Test
    void eachOperationIsTimedOncePerServiceLevel() {
        MetricFamilies families = MetricFamilies.parse(after);
        assertThat(families.typeOf("charybdis_storage_proxy_coordinator_latency_seconds")).isEqualTo("histogram");
        Map<String, Integer> expected = Map.of("write", 5, "read", 3, "range", 1, "cas", 1, "counter", 2, "batch", 2);
        expected.forEach((operation, count) -> assertThat(grown(LATENCY, "operation=\"" + operation + "\"", "service_level=\"olap\""))
                .as(operation + " operations of level olap").isEqualTo((double) count));
        assertThat(grown(LATENCY, "operation=\"batch\"", "service_level=\"default\"")).as("the analyst's batches are not default's").isZero();
    }

    @Test
    void statementsAreCountedByKindAndKeyspace() {
        assertThat(MetricFamilies.parse(after).typeOf("charybdis_cql_statements_total")).isEqualTo("counter");
        Map<String, Integer> expected = Map.of("insert", 6, "select", 4, "update", 2, "batch", 2, "delete", 0);
        expected.forEach((kind, count) -> assertThat(grown("charybdis_cql_statements_total", "kind=\"" + kind + "\"", "keyspace=\"m\""))
                .as(kind + " statements on m").isEqualTo((double) count));
        assertThat(sumMatching(after, "charybdis_cql_statements_total", "kind=\"ddl\"", "keyspace=\"m\""))
                .as("the CREATE KEYSPACE and CREATE TABLEs ran before the first scrape").isEqualTo(3);
    }

    @Test
    void theDriversConnectionsAreCountedByItsName() {
        assertThat(MetricFamilies.parse(after).typeOf("charybdis_transport_driver_connections")).isEqualTo("gauge");
        assertThat(PrometheusText.sum(after, "charybdis_transport_driver_connections", "driver_name=\"Apache Cassandra Java Driver\""))
                .as("two sessions, each with a control connection and a pool").isGreaterThanOrEqualTo(2);
        assertThat(PrometheusText.sum(after, "charybdis_transport_driver_connections", ""))
                .isEqualTo(PrometheusText.sum(after, "charybdis_transport_connections", ""));
    }

    @Test
    void driverNamesAreBoundedPerShardAndAMissingOneIsUnknown() throws InterruptedException {
        List<CqlTestClient> clients = new ArrayList<>();
        int shards = server.server().runtime().shardCount();
        try {
            // more names than every shard may keep: at least one shard gets past its limit, wherever connections land
            for (int i = 0; i < ServerMetrics.MAX_DRIVER_NAMES * shards + 1; i++) clients.add(startedAs(Map.of(StartupRequest.DRIVER_NAME, "made-up driver " + i)));
            clients.add(startedAs(Map.of()));
            String scrape = PrometheusText.scrape(server);
            assertThat(PrometheusText.sum(scrape, "charybdis_transport_driver_connections", "driver_name=\"unknown\"")).isEqualTo(1);
            assertThat(PrometheusText.sum(scrape, "charybdis_transport_driver_connections", "driver_name=\"made-up driver"))
                    .isPositive();
            assertThat(PrometheusText.sum(scrape, "charybdis_transport_driver_connections", "driver_name=\"other\""))
                    .as("names past %d on a shard", ServerMetrics.MAX_DRIVER_NAMES).isPositive();
            for (int shard = 0; shard < shards; shard++) {
                String label = "shard=\"" + shard + "\"";
                assertThat(scrape.lines().filter(l -> l.startsWith("charybdis_transport_driver_connections{") && l.contains(label)).count())
                        .as("driver series of shard " + shard).isLessThanOrEqualTo(ServerMetrics.MAX_DRIVER_NAMES + 2); // with unknown and other
            }
        } finally {
            clients.forEach(CqlTestClient::close);
        }
        String scrape = scrapeUntil(s -> PrometheusText.sum(s, "charybdis_transport_driver_connections", "driver_name=\"unknown\"") == 0);
        assertThat(PrometheusText.sum(scrape, "charybdis_transport_driver_connections", "driver_name=\"other\"")).as("closed").isZero();
    }

    private static CqlTestClient startedAs(Map<String, String> options) {
        CqlTestClient client = CqlTestClient.connect(server.nativePort()).version(ProtocolVersion.V4);
        Map<String, String> startup = new HashMap<>(options);
        startup.put(StartupRequest.CQL_VERSION, "3.0.0");
        assertThat(client.request(new StartupRequest(startup)).opcode()).isEqualTo(Opcode.AUTHENTICATE);
        return client;
    }

    @Test
    void theCommitLogCountsWhatTheWritesAppended() throws InterruptedException {
        String scrape = scrapeUntil(s -> grown("charybdis_commitlog_entries_written_total", "", "", s) >= 10);
        MetricFamilies families = MetricFamilies.parse(scrape);
        for (String counter : new String[] {"bytes_written", "entries_written", "syncs", "sync_seconds"}) {
            assertThat(families.typeOf("charybdis_commitlog_" + counter + "_total")).as(counter).isEqualTo("counter");
        }
        for (String gauge : new String[] {"pending_bytes", "pending_allocations", "pending_durable_writes", "segments", "disk_total_bytes"}) {
            assertThat(families.typeOf("charybdis_commitlog_" + gauge)).as(gauge).isEqualTo("gauge");
        }
        // the writes, CAS, counter updates and batches of the analyst: 5 + 1 + 2 + 2 entries at least (auth and schema write too)
        assertThat(grown("charybdis_commitlog_entries_written_total", "", "", scrape)).isGreaterThanOrEqualTo(10);
        assertThat(sumOf(scrape, "charybdis_commitlog_bytes_written_total")).isPositive();
        assertThat(sumOf(scrape, "charybdis_commitlog_disk_total_bytes")).isPositive();
    }

    @Test
    void reactorsReportUtilizationAndStallsPerShard() {
        MetricFamilies families = MetricFamilies.parse(after);
        assertThat(families.typeOf("charybdis_reactor_busy_seconds_total")).isEqualTo("counter");
        assertThat(families.typeOf("charybdis_reactor_stalls_total")).isEqualTo("counter");
        assertThat(families.typeOf("charybdis_reactor_utilization")).isEqualTo("gauge");
        int shards = server.server().runtime().shardCount();
        for (int shard = 0; shard < shards; shard++) {
            String label = "shard=\"" + shard + "\"";
            assertThat(after).contains("charybdis_reactor_stalls_total{" + label + "}");
            assertThat(PrometheusText.sum(after, "charybdis_reactor_busy_seconds_total", label)).as("shard " + shard + " busy").isPositive();
            assertThat(PrometheusText.sum(after, "charybdis_reactor_utilization", label)).isBetween(0.0, 1.0);
        }
        assertThat(sumOf(after, "charybdis_reactor_busy_seconds_total")).isGreaterThan(sumOf(before, "charybdis_reactor_busy_seconds_total"));
    }

    @Test
    void memoryShowsMemtablesRssHeapAndGcPauses() throws InterruptedException {
        System.gc(); // the collector's notifications are what jvm_gc_pause_seconds records
        String scrape = scrapeUntil(s -> MetricFamilies.parse(s).typeOf("jvm_gc_pause_seconds") != null);
        MetricFamilies families = MetricFamilies.parse(scrape);
        assertThat(families.typeOf("jvm_gc_pause_seconds")).isIn("summary", "histogram");
        assertThat(families.typeOf("charybdis_memory_memtable_bytes")).isEqualTo("gauge");
        assertThat(families.typeOf("charybdis_memory_rss_bytes")).isEqualTo("gauge");
        assertThat(families.typeOf("jvm_memory_used_bytes")).isEqualTo("gauge");
        assertThat(families.typeOf("jvm_buffer_memory_used_bytes")).isEqualTo("gauge");
        assertThat(sumOf(scrape, "charybdis_memory_memtable_bytes")).as("the writes sit in memtables").isPositive();
        assertThat(Double.parseDouble(sample(scrape, "charybdis_memory_rss_bytes"))).isGreaterThan(16 << 20);
        assertThat(PrometheusText.sum(scrape, "jvm_memory_used_bytes", "area=\"heap\"")).isPositive();
    }

    @Test
    void storageFiguresThatOnlyGrowAreCounters() throws InterruptedException {
        HttpPost.body(server.apiPort(), "/storage/flush?keyspace=m");
        String scrape = scrapeUntil(s -> sumMatching(s, "charybdis_storage_flushes_total", "keyspace=\"m\"", "table=\"kv\"") >= 1);
        MetricFamilies families = MetricFamilies.parse(scrape);
        for (String counter : new String[] {"flushes", "flushed_bytes", "compactions", "compaction_read_bytes", "compaction_written_bytes",
                "reads", "sstables_read"}) {
            assertThat(families.typeOf("charybdis_storage_" + counter + "_total")).as(counter).isEqualTo("counter");
            assertThat(families.typeOf("charybdis_storage_" + counter)).as(counter + " is no gauge any more").isNull();
        }
        assertThat(sumMatching(scrape, "charybdis_storage_flushed_bytes_total", "keyspace=\"m\"", "table=\"kv\"")).isPositive();
        assertThat(sumMatching(scrape, "charybdis_storage_reads_total", "keyspace=\"m\"", "table=\"kv\"")).isGreaterThanOrEqualTo(3);
    }

    /** How much the samples with all these label parts grew between the scrapes around the traffic. */
    private static double grown(String metric, String labelPart, String otherPart) {
        return grown(metric, labelPart, otherPart, after);
    }

    private static double grown(String metric, String labelPart, String otherPart, String scrape) {
        return sumMatching(scrape, metric, labelPart, otherPart) - sumMatching(before, metric, labelPart, otherPart);
    }

    private static double sumMatching(String scrape, String metric, String labelPart, String otherPart) {
        double total = 0;
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(metric + "{") || !line.contains(labelPart) || !line.contains(otherPart)) continue;
            total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
        return total;
    }

    private static double sumOf(String scrape, String metric) {
        return PrometheusText.sum(scrape, metric, "");
    }

    /** The value of a metric without labels. */
    private static String sample(String scrape, String metric) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(metric + " ")) return line.substring(metric.length() + 1).trim();
        }
        throw new AssertionError(metric + " not in the scrape");
    }

    /** Figures published every second (commit log) or five (tables): scrapes until the condition holds, at most 20 s. */
    private static String scrapeUntil(Predicate<String> condition) throws InterruptedException {
        String scrape = PrometheusText.scrape(server);
        for (long deadline = System.nanoTime() + 20_000_000_000L; !condition.test(scrape) && System.nanoTime() < deadline; Thread.sleep(200)) {
            scrape = PrometheusText.scrape(server);
        }
        return scrape;
    }
}
