package org.charybdis.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpGet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's sampler and its routes over HTTP, without a browser, against a node under a write and read load. */
class ConsoleStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @Test
    void theStreamSendsASampleASecondShowingEachClassOfIoAndEndsWhenTheClientLeaves() throws Exception {
        List<JsonNode> samples = new ArrayList<>();
        try (ConsoleLoad load = new ConsoleLoad(server)) {
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.apiPort() + "/console/stream")).build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            try (Stream<String> lines = response.body()) {
                Iterator<String> events = lines.iterator();
                assertThat(events.next()).isEqualTo("retry: 2000");
                while (samples.size() < 6 && events.hasNext()) {
                    String line = events.next();
                    if (line.startsWith("data: ")) samples.add(JSON.readTree(line.substring(6)));
                }
            }
            assertThat(load.rowsRead()).isPositive();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.server().liveStats().watchers() > 0 && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(server.server().liveStats().watchers()).as("subscribers once the client left").isZero();

        assertThat(samples).hasSize(6).allSatisfy(sample -> {
            assertThat(sample.path("interval_seconds").asDouble()).isBetween(0.5, 2.0);
            assertThat(sample.path("shards")).hasSize(2);
            assertThat(sample.path("node").path("shard").asText()).isEqualTo("all");
        });
        assertThat(total(samples, "commitlog", "write_bandwidth")).isPositive();
        assertThat(total(samples, "memtable_flush", "write_bandwidth")).isPositive(); // the flushes
        assertThat(total(samples, "memtable_flush", "write_size")).isPositive();
        assertThat(samples.stream().mapToDouble(s -> s.path("node").path("io").path("memtable_flush").path("write_sequential").asDouble()).max().orElseThrow())
                .as("an SSTable is written front to back").isGreaterThan(0.5);
        assertThat(total(samples, "query", "read_iops") + total(samples, "query", "cached_read_iops")).isPositive();
        assertThat(total(samples, "query", "write_iops")).isZero();
        assertThat(samples.stream().mapToDouble(s -> s.path("node").path("groups").path("statement").path("utilization").asDouble()).sum())
                .isPositive();
        assertThat(samples.stream().mapToDouble(s -> s.path("node").path("service_levels").path("default").path("p99_ms").asDouble()).max().orElseThrow())
                .isPositive();
        assertThat(samples.getLast().path("node").path("memtable_flush_backlog").isNumber()).isTrue();
    }

    @Test
    void statsAnswerTheLatestSampleAsJsonAndNodeRatesAreTheShardsSummed() throws IOException {
        JsonNode sample = JSON.readTree(HttpGet.body(server.apiPort(), "/console/stats"));

        assertThat(sample.path("time_ms").asLong()).isPositive();
        JsonNode node = sample.path("node").path("io").path("commitlog");
        double shardsSum = 0;
        for (JsonNode shard : sample.path("shards")) shardsSum += shard.path("io").path("commitlog").path("write_iops").asDouble();
        assertThat(node.path("write_iops").asDouble()).isCloseTo(shardsSum, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(sample.path("shards").get(0).path("groups").fieldNames()).toIterable().contains("statement", "compaction", "memtable_flush");
    }

    @Test
    void thePageAndItsScriptComeFromTheJar() {
        assertThat(HttpGet.body(server.apiPort(), "/console")).contains("<canvas").contains("console.js");
        assertThat(HttpGet.get(server.apiPort(), "/console/console.js").headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(HttpGet.body(server.apiPort(), "/console/console.js")).contains("EventSource");
    }

    /** One IO figure of the node, summed over the samples. */
    private static double total(List<JsonNode> samples, String ioClass, String figure) {
        return samples.stream().mapToDouble(s -> s.path("node").path("io").path(ioClass).path(figure).asDouble()).sum();
    }
}
