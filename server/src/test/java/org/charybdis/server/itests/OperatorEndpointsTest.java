package org.charybdis.server.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.server.CharybdisServer;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.CqlTestClient;
import org.charybdis.server.testing.HttpGet;
import org.charybdis.server.testing.PrometheusText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The Prometheus endpoint and the REST admin API of a running node. */
class OperatorEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @Test
    void requestsAreCountedPerOpcodeAndShard() {
        double before = sum(scrape(), "charybdis_transport_requests_total", "opcode=\"OPTIONS\"");
        try (CqlTestClient client = server.rawClient()) {
            client.options();
            client.options();
        }
        String metrics = scrape();

        assertThat(sum(metrics, "charybdis_transport_requests_total", "opcode=\"OPTIONS\"")).isEqualTo(before + 2);
        assertThat(metrics).containsPattern("charybdis_transport_requests_total\\{[^}]*opcode=\"QUERY\"[^}]*shard=\"1\"");
        assertThat(metrics).contains("charybdis_transport_errors_total{");
    }

    @Test
    void openConnectionsAreAGaugePerShard() {
        try (CqlTestClient a = server.rawClient(); CqlTestClient b = server.rawClient()) {
            a.options();
            b.options();
            String metrics = scrape();
            assertThat(sum(metrics, "charybdis_transport_connections", "")).isGreaterThanOrEqualTo(2);
            assertThat(metrics).containsPattern("charybdis_transport_connections\\{shard=\"0\"\\}")
                    .containsPattern("charybdis_transport_connections\\{shard=\"1\"\\}");
        }
    }

    @Test
    void schedulerRuntimeIsReportedPerGroupAndShard() {
        try (CqlTestClient client = server.rawClient()) {
            client.startup(ProtocolVersion.V4);
            client.query("SELEC 1");
        }
        String metrics = scrape();
        for (String shard : new String[] {"0", "1"}) {
            assertThat(metrics).containsPattern("charybdis_scheduler_runtime_seconds_total\\{scheduling_group=\"statement\",shard=\"" + shard + "\"\\}");
        }
        assertThat(metrics).containsPattern("charybdis_scheduler_tasks_total\\{scheduling_group=\"[a-z_]+\",shard=\"0\"\\}");
    }

    @Test
    void backgroundSharesFollowTheBacklogsOfEachShard() {
        String metrics = scrape();
        for (String shard : new String[] {"0", "1"}) {
            String labels = "shard=\"" + shard + "\"";
            assertThat(metrics).containsPattern("charybdis_storage_memtable_flush_backlog\\{" + labels + "\\} [0-9.]+")
                    .containsPattern("charybdis_storage_compaction_backlog\\{" + labels + "\\} [0-9.]+");
            // set by the controllers (their floors are 1 and 50), not the groups' fixed 1000
            assertThat(sum(metrics, "charybdis_scheduler_shares", "scheduling_group=\"memtable_flush\"," + labels)).isBetween(1.0, 999.0);
            assertThat(sum(metrics, "charybdis_scheduler_shares", "scheduling_group=\"compaction\"," + labels)).isBetween(50.0, 999.0);
        }
    }

    @Test
    void requestLatencyIsAHistogram() {
        try (CqlTestClient client = server.rawClient()) {
            client.options();
        }
        String metrics = scrape();
        assertThat(metrics).containsPattern("charybdis_transport_request_latency_seconds_bucket\\{[^}]*le=\"[^\"]+\"")
                .containsPattern("charybdis_transport_request_latency_seconds_bucket\\{[^}]*shard=\"[01]\"")
                .contains("charybdis_transport_request_latency_seconds_count{")
                .contains("charybdis_transport_request_latency_seconds_sum{");
        assertThat(sum(metrics, "charybdis_transport_request_latency_seconds_count", "")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void onlyMetricsIsServedOnThePrometheusPort() {
        assertThat(HttpGet.get(server.prometheusPort(), "/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void adminVersion() throws IOException {
        JsonNode version = json("/version");
        assertThat(version.path("version").asText()).isEqualTo(CharybdisServer.VERSION);
        assertThat(version.path("release_version").asText()).isEqualTo(CharybdisServer.RELEASE_VERSION);
        assertThat(version.path("cql_version").asText()).isEqualTo(CharybdisServer.CQL_VERSION);
    }

    @Test
    void adminStatus() throws IOException {
        JsonNode status = json("/status");
        assertThat(status.path("status").asText()).isEqualTo("UP");
        assertThat(status.path("state").asText()).isEqualTo("NORMAL");
        assertThat(status.path("datacenter").asText()).isEqualTo(CharybdisServerExtension.DATACENTER);
        assertThat(status.path("address").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void adminInfo() throws IOException {
        JsonNode info = json("/info");
        assertThat(info.path("shards").asInt()).isEqualTo(2);
        assertThat(info.path("uptime_seconds").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(info.path("native_transport_port").asInt()).isEqualTo(server.nativePort());
        assertThat(info.path("native_shard_aware_transport_port").asInt()).isEqualTo(server.shardAwarePort());
        assertThat(info.path("workdir").asText()).isEqualTo(server.workdir().toAbsolutePath().normalize().toString());
        assertThat(info.path("coordinator_local_operations").isIntegralNumber()).isTrue();
        assertThat(info.path("coordinator_cross_shard_operations").isIntegralNumber()).isTrue();
    }

    @Test
    void adminRootListsRoutesAndUnknownRoutesAre404() throws IOException {
        assertThat(json("/").toString()).contains("GET /status", "GET /info", "GET /version");
        assertThat(HttpGet.get(server.apiPort(), "/no/such/route").statusCode()).isEqualTo(404);
    }

    private static String scrape() {
        return PrometheusText.scrape(server);
    }

    private static JsonNode json(String path) throws IOException {
        return JSON.readTree(HttpGet.body(server.apiPort(), path));
    }

    static double sum(String scrape, String metric, String labelPart) {
        return PrometheusText.sum(scrape, metric, labelPart);
    }
}
