package org.charybdis.tools.stress;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.session.Session;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpGet;
import org.charybdis.server.testing.RunsAlone;
import org.charybdis.server.testing.TestPorts;
import org.charybdis.tools.testing.CharybdisCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code charybdis stress} against an in-process server: what it writes, reads, scans and reports. */
class StressCommandTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @TempDir
    Path dir;

    @Test
    void sendsEachRequestToTheShardOwningItsKey() throws IOException {
        assertThat(Session.OSS_DRIVER_COORDINATES.getGroupId()).as("ScyllaDB's fork of the Java driver").isEqualTo("com.scylladb");
        CharybdisCli.Outcome populate = stress("--populate", "2000", "--keys", "2000", "-w", "op=read,ops=1");
        assertThat(populate.exitCode()).as(populate.all()).isZero();
        long[] before = executesByShard();
        Path json = dir.resolve("hops.json");
        CharybdisCli.Outcome read = stress("--keys", "2000", "--prometheus-port", Integer.toString(server.prometheusPort()),
                "--json", json.toString(), "-w", "op=read,ops=4000,concurrency=8");
        assertThat(read.exitCode()).as(read.all()).isZero();
        long[] after = executesByShard();
        long shard0 = after[0] - before[0];
        long shard1 = after[1] - before[1];
        // a driver that is not shard-aware keeps its one pooled connection on one shard, which then serves every read
        assertThat(shard0 + shard1).isGreaterThanOrEqualTo(4000);
        assertThat(Math.min(shard0, shard1)).as("reads served per shard: %d and %d", shard0, shard1).isGreaterThan((shard0 + shard1) / 3);
        // and the shard that serves each read owns its key: the coordinator hopped for none, or for the first few while
        // the driver was still connecting to every shard
        assertThat(read.out()).contains("server shard hops: ");
        JsonNode hops = new ObjectMapper().readTree(json.toFile()).path("server_hops");
        assertThat(hops.path("local_operations").asLong() + hops.path("cross_shard_operations").asLong()).as(hops.toString())
                .isGreaterThanOrEqualTo(4000);
        assertThat(hops.path("cross_shard_share").asDouble()).as(hops.toString()).isLessThan(0.01);
    }

    /** EXECUTE requests each shard has served, from the server's Prometheus metrics. */
    private static long[] executesByShard() {
        long[] counts = new long[2];
        Matcher m = Pattern.compile("(?m)^charybdis_transport_requests_total\\{opcode=\"EXECUTE\",shard=\"(\\d)\"} ([0-9.E]+)$")
                .matcher(HttpGet.body(server.prometheusPort(), "/metrics"));
        while (m.find()) counts[Integer.parseInt(m.group(1))] = (long) Double.parseDouble(m.group(2));
        return counts;
    }

    @Test
    void populateWriteAndReadLeaveTheExpectedRowsAndReportThemAsJson() throws IOException {
        CqlSession session = server.session();
        if (session.getMetadata().getKeyspace("keyspace1").flatMap(k -> k.getTable("standard1")).isPresent()) {
            session.execute("TRUNCATE keyspace1.standard1");
        }
        Path writeJson = dir.resolve("write.json");
        // 2000 rows populated, then 2500 sequential writes: keys 0 to 2499
        CharybdisCli.Outcome write = stress("--populate", "2000", "--keys", "3000", "--column-size", "64", "--json", writeJson.toString(),
                "--server-pid", Long.toString(ProcessHandle.current().pid()), "-w", "op=write,ops=2500");
        assertThat(write.exitCode()).as(write.all()).isZero();
        assertThat(write.out()).contains("Populated 2000 rows").contains("Results").contains("p99.9");
        assertThat(count(session, "keyspace1.standard1")).isEqualTo(2500);

        JsonNode report = new ObjectMapper().readTree(writeJson.toFile());
        JsonNode w = report.path("workloads").get(0);
        assertThat(w.path("name").asText()).isEqualTo("write");
        assertThat(w.path("ops").asLong()).isEqualTo(2500);
        assertThat(w.path("errors").asLong()).isZero();
        assertThat(w.path("errors_by_class").size()).isZero();
        JsonNode latency = w.path("latency_ms");
        double previous = 0;
        for (String percentile : List.of("p50", "p90", "p99", "p999", "max")) {
            assertThat(latency.has(percentile)).as(percentile).isTrue();
            assertThat(latency.path(percentile).asDouble()).as(percentile).isGreaterThan(0).isGreaterThanOrEqualTo(previous);
            previous = latency.path(percentile).asDouble();
        }
        assertThat(report.path("server_cpu").path("ops").asLong()).isEqualTo(2500);
        assertThat(report.path("server_cpu").path("micros_per_op").asDouble()).isGreaterThan(0);

        // reads of keys that exist: every one finds its row
        Path readJson = dir.resolve("read.json");
        CharybdisCli.Outcome read = stress("--keys", "2500", "--json", readJson.toString(), "-w", "op=read,ops=3000,concurrency=8");
        assertThat(read.exitCode()).as(read.all()).isZero();
        JsonNode r = new ObjectMapper().readTree(readJson.toFile()).path("workloads").get(0);
        assertThat(r.path("ops").asLong()).isEqualTo(3000);
        assertThat(r.path("rows").asLong()).as("rows found").isEqualTo(3000);
        assertThat(r.path("errors").asLong()).isZero();
    }

    @Test
    void engineCreatesTheStandard1TableOnThatEngineUnderItsOwnName() throws IOException {
        Path json = dir.resolve("rocks.json");
        CharybdisCli.Outcome run = stress("--table", "standard1_rocksdb", "--engine", "rocksdb", "--populate", "1500", "--column-size", "32",
                "--json", json.toString(), "-w", "op=read,ops=600,concurrency=4", "-w", "op=write,ops=400");
        assertThat(run.exitCode()).as(run.all()).isZero();

        CqlSession session = server.session();
        assertThat(session.execute("DESCRIBE TABLE keyspace1.standard1_rocksdb").one().getString("create_statement"))
                .contains("storage_engine = 'rocksdb'");
        assertThat(count(session, "keyspace1.standard1_rocksdb")).isEqualTo(1500);
        JsonNode workloads = new ObjectMapper().readTree(json.toFile()).path("workloads");
        assertThat(workloads.get(0).path("rows").asLong()).as("rows found").isEqualTo(600);
        assertThat(workloads.get(0).path("latency_ms").path("p99").asDouble()).isPositive();
        assertThat(workloads.get(1).path("ops").asLong()).isEqualTo(400);
        assertThat(workloads.get(1).path("errors").asLong()).isZero();
    }

    @Test
    void aWarmupRunsTheWorkloadsUnmeasuredBeforeTheMeasuredRun() throws IOException {
        Path json = dir.resolve("warm.json");
        CharybdisCli.Outcome run = stress("--populate", "500", "--keys", "500", "--warmup", "1s", "--json", json.toString(),
                "-w", "op=read,ops=300,concurrency=4");
        assertThat(run.exitCode()).as(run.all()).isZero();
        Matcher warmed = Pattern.compile("Warmed up with (\\d+) requests").matcher(run.out());
        assertThat(warmed.find()).as(run.out()).isTrue();
        assertThat(Long.parseLong(warmed.group(1))).as("the warmup runs for its time, not the workload's ops=").isGreaterThan(300);
        assertThat(new ObjectMapper().readTree(json.toFile()).path("workloads").get(0).path("ops").asLong()).isEqualTo(300);
    }

    @Test
    @RunsAlone // counts the requests sent in 2 s
    void theOpenLoopHoldsItsRateAndMeasuresFromTheIntendedStart() throws IOException {
        Path json = dir.resolve("open.json");
        CharybdisCli.Outcome outcome = stress("--keys", "1000", "--json", json.toString(), "-w", "name=paced,op=mixed,rate=400/s,duration=2s");
        assertThat(outcome.exitCode()).as(outcome.all()).isZero();
        assertThat(outcome.out()).containsPattern("(?m)^\\s+1s  paced");
        JsonNode w = new ObjectMapper().readTree(json.toFile()).path("workloads").get(0);
        assertThat(w.path("load").asText()).isEqualTo("open");
        assertThat(w.path("latency_from").asText()).isEqualTo("intended_start");
        assertThat(w.path("ops").asLong() + w.path("errors").asLong()).as("400/s for 2 s").isCloseTo(800L, within(240L));
    }

    @Test
    void aProfileDefinesTheSchemaAndAScanCountsEveryRowOnce() throws IOException {
        Path profile = dir.resolve("shop.yaml");
        Files.writeString(profile, """
                keyspace: stress_shop
                table: orders
                table_definition: CREATE TABLE stress_shop.orders (id bigint PRIMARY KEY, customer text, amount int, note blob)
                insert: INSERT INTO stress_shop.orders (id, customer, amount, note) VALUES (?, ?, ?, ?)
                insert_values: [key bigint, text(12), int, blob(100)]
                read: SELECT * FROM stress_shop.orders WHERE id = ?
                read_values: [key bigint]
                """);
        Path json = dir.resolve("scan.json");
        // --keys below --populate: the reads pick among the first 100 keys, the populate still writes all 3000
        CharybdisCli.Outcome outcome = stress("--profile", profile.toString(), "--populate", "3000", "--keys", "100", "--json", json.toString(),
                "-w", "name=once,op=scan,concurrency=3,splits=16,passes=1,page-size=100",
                "-w", "name=lookups,op=read,ops=500");
        assertThat(outcome.exitCode()).as(outcome.all()).isZero();

        CqlSession session = server.session();
        assertThat(count(session, "stress_shop.orders")).isEqualTo(3000);
        assertThat(session.execute("SELECT customer FROM stress_shop.orders WHERE id = 42").one().getString(0)).hasSize(12);
        JsonNode workloads = new ObjectMapper().readTree(json.toFile()).path("workloads");
        JsonNode scan = workloads.get(0);
        assertThat(scan.path("rows").asLong()).as("one pass over 16 token ranges").isEqualTo(3000);
        assertThat(scan.path("ops").asLong()).as("pages of at most 100 rows").isGreaterThanOrEqualTo(30);
        assertThat(scan.path("errors").asLong()).isZero();
        JsonNode lookups = workloads.get(1);
        assertThat(lookups.path("rows").asLong()).isEqualTo(500);
    }

    @Test
    void aProfileWhoseValuesDoNotFitIsRefusedBeforeTheRun() throws IOException {
        Path profile = dir.resolve("bad.yaml");
        Files.writeString(profile, """
                keyspace: stress_bad
                table: kv
                table_definition: CREATE TABLE stress_bad.kv (k int PRIMARY KEY, v text)
                insert: INSERT INTO stress_bad.kv (k, v) VALUES (?, ?)
                insert_values: [key int]
                """);
        CharybdisCli.Outcome outcome = stress("--profile", profile.toString(), "-w", "op=write,ops=10");
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("workload write: the profile's insert has 2 ? markers but 1 values");
    }

    @Test
    void aWorkloadWhoseRequestsAllFailFromTheStartAbortsTheRun() {
        // 5 columns of 300 KiB: each row is larger than the test server's commitlog takes (half its 2 MiB segment)
        CharybdisCli.Outcome outcome = stress("--column-size", "300K", "--duration", "30s", "-w", "name=huge,op=write,concurrency=2");
        assertThat(outcome.exitCode()).as(outcome.all()).isEqualTo(1);
        assertThat(outcome.err()).contains("aborted: workload huge: all of its first");
        assertThat(outcome.out()).contains("Results").contains("ABORTED");
    }

    @Test
    void anUnreachableServerExitsWithOne() {
        int closedPort = TestPorts.free(); // nobody listens there, nor will meanwhile
        CharybdisCli.Outcome outcome = StressCli.run("--port", Integer.toString(closedPort), "-w", "op=read");
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("cannot connect to 127.0.0.1:" + closedPort);
    }

    @Test
    void badOptionsExitWithTwoAndSayWhy() {
        assertBadOption("give at least one --workload");
        assertBadOption("--workload 'op=read,threads=2': unknown key 'threads'", "-w", "op=read,threads=2");
        assertBadOption("--duration: not a duration: 'forever'", "--duration", "forever", "-w", "op=read");
        assertBadOption("--warmup: not a duration: 'soon'", "--warmup", "soon", "-w", "op=read");
        assertBadOption("two workloads are named 'read'", "-w", "op=read", "-w", "op=read");
        assertBadOption("--protocol-version must be 3, 4 or 5", "--protocol-version", "2", "-w", "op=read");
        assertBadOption("--server-pid 2147483647: no such process", "--server-pid", "2147483647", "-w", "op=read");
        assertBadOption("--prometheus-port must be between 1 and 65535", "--prometheus-port", "0", "-w", "op=read");
        assertBadOption("cannot read profile /nonexistent.yaml", "--profile", "/nonexistent.yaml", "-w", "op=read");
        assertBadOption("--column-size: not a size", "--column-size", "wide", "-w", "op=read");
        assertBadOption("--engine must be charybdis or rocksdb: leveldb", "--engine", "leveldb", "-w", "op=read");
        assertBadOption("--table must be a table name", "--table", "no-dashes", "-w", "op=read");
        assertBadOption("--engine is for the standard1 schema", "--profile", "/nonexistent.yaml", "--engine", "rocksdb", "-w", "op=read");
        assertBadOption("Unknown options: '--threads'", "--threads", "4");
    }

    private static void assertBadOption(String message, String... args) {
        CharybdisCli.Outcome outcome = StressCli.run(args);
        assertThat(outcome.exitCode()).as(outcome.all()).isEqualTo(2);
        assertThat(outcome.err()).contains(message);
    }

    /** The command pointed at the test server. */
    private static CharybdisCli.Outcome stress(String... args) {
        List<String> full = new ArrayList<>(List.of("--port", Integer.toString(server.nativePort())));
        full.addAll(List.of(args));
        return StressCli.run(full);
    }

    private static long count(CqlSession session, String table) {
        return session.execute("SELECT count(*) FROM " + table).one().getLong(0);
    }
}
