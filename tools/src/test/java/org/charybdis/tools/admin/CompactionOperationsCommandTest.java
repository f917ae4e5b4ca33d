package org.charybdis.tools.admin;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpGet;
import org.charybdis.server.testing.HttpPost;
import org.charybdis.tools.admin.AdminCommandTest.Outcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compaction operations of {@code charybdis admin} (nodetool's names) and their ScyllaDB REST paths, against a
 * running node: throughput, automatic compaction off and on, compaction history, upgradesstables, garbagecollect, cleanup.
 */
class CompactionOperationsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KS = "compops";

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void createKeyspace() {
        session = server.session();
        session.execute("CREATE KEYSPACE " + KS + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    }

    @Test
    void compactionThroughputIsUnthrottledByDefaultAndSettableAtRuntime() throws IOException {
        assertThat(admin("getcompactionthroughput").out()).containsPattern("(?m)^Current compaction throughput: 0 MiB/s$");
        try {
            Outcome set = admin("setcompactionthroughput", "64");
            assertThat(set.exitCode()).as(set.err()).isZero();
            assertThat(admin("getcompactionthroughput").out()).contains("Current compaction throughput: 64 MiB/s");

            // ScyllaDB's path and shape: a number of MB/s
            HttpPost.body(server.apiPort(), "/storage_service/compaction_throughput?value=16");
            assertThat(JSON.readTree(HttpGet.body(server.apiPort(), "/storage_service/compaction_throughput")).asLong()).isEqualTo(16);

            HttpResponse<String> bad = HttpPost.post(server.apiPort(), "/storage_service/compaction_throughput?value=fast");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("give value=N, a whole number of MiB/s");
            assertThat(admin("setcompactionthroughput", "-5").exitCode()).isNotZero();
        } finally {
            admin("setcompactionthroughput", "0");
        }
    }

    @Test
    void disabledAutoCompactionLetsFlushedSSTablesPileUpUntilEnabledAgain() throws Exception {
        String table = "piles";
        create(table);
        Outcome disable = admin("disableautocompaction", KS, table);
        assertThat(disable.exitCode()).as(disable.err()).isZero();
        assertThat(JSON.readTree(HttpGet.body(server.apiPort(), "/column_family/autocompaction/" + KS + ":" + table)).asBoolean()).isFalse();
        assertThat(JSON.readTree(HttpGet.body(server.apiPort(), "/storage/autocompaction?keyspace=" + KS + "&table=" + table))
                .path("tables").get(0).path("enabled").asBoolean()).isFalse();

        int flushes = 8; // beyond what UCS leaves uncompacted (4 SSTables per level by default)
        for (int f = 0; f < flushes; f++) {
            fill(table, f * 100, 100);
            assertThat(admin("flush", KS, table).exitCode()).isZero();
        }
        Thread.sleep(500); // a compaction, were one to start, would have by now
        int piled = sstables(table);
        assertThat(piled).as("one SSTable per shard and flush").isGreaterThanOrEqualTo(flushes);
        assertThat(rows(table)).isEqualTo(flushes * 100);

        Outcome enable = admin("enableautocompaction", KS, table);
        assertThat(enable.exitCode()).as(enable.err()).isZero();
        assertThat(JSON.readTree(HttpGet.body(server.apiPort(), "/column_family/autocompaction/" + KS + ":" + table)).asBoolean()).isTrue();
        awaitAtMost(() -> sstables(table), piled / 2, "background compaction merges the pile");
        assertThat(rows(table)).isEqualTo(flushes * 100);
    }

    @Test
    void majorCompactionRunsWhileAutoCompactionIsOffAndIsRecordedInTheHistory() throws Exception {
        String table = "history";
        create(table);
        // ScyllaDB's path turns it off too
        HttpResponse<String> off = send("DELETE", "/storage_service/auto_compaction/" + KS + "?cf=" + table);
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        for (int f = 0; f < 3; f++) {
            fill(table, f * 100, 100);
            admin("flush", KS, table);
        }
        assertThat(sstables(table)).isGreaterThanOrEqualTo(3);

        assertThat(admin("compact", KS, table).exitCode()).isZero();
        assertThat(sstables(table)).isLessThanOrEqualTo(2); // one per shard

        awaitHistoryOf(table);
        Outcome history = admin("compactionhistory");
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out()).containsPattern("(?m)^Compaction History:$").containsPattern("(?m)^"
                + "id\\s+keyspace_name\\s+columnfamily_name\\s+compacted_at\\s+bytes_in\\s+bytes_out\\s+rows_merged$");
        assertThat(history.out()).containsPattern("(?m)^[0-9a-f-]{36}\\s+" + KS + "\\s+" + table
                + "\\s+\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\s+\\d+\\s+\\d+\\s+\\{1:\\d+(, \\d+:\\d+)*\\}$");

        List<Row> rows = session.execute("SELECT * FROM system.compaction_history").all().stream()
                .filter(r -> KS.equals(r.getString("keyspace_name")) && table.equals(r.getString("columnfamily_name"))).toList();
        assertThat(rows).isNotEmpty().allSatisfy(r -> {
            assertThat(r.getLong("bytes_in")).isPositive();
            assertThat(r.getLong("bytes_out")).isPositive();
            assertThat(r.getInstant("compacted_at")).isNotNull();
            assertThat(r.getMap("rows_merged", Integer.class, Long.class).values().stream().mapToLong(Long::longValue).sum()).isPositive();
            assertThat(r.getUuid("id").version()).isEqualTo(1);
        });
        assertThat(rows.stream().mapToLong(r -> r.getMap("rows_merged", Integer.class, Long.class).values().stream()
                .mapToLong(Long::longValue).sum()).sum()).as("every partition merged once").isEqualTo(300);

        JsonNode rest = JSON.readTree(HttpGet.body(server.apiPort(), "/compaction_manager/compaction_history"));
        assertThat(rest).anySatisfy(entry -> {
            assertThat(entry.path("ks").asText()).isEqualTo(KS);
            assertThat(entry.path("cf").asText()).isEqualTo(table);
            assertThat(entry.path("compacted_at").asLong()).isPositive();
            assertThat(entry.path("rows_merged").get(0).has("key")).isTrue();
        });
    }

    @Test
    void upgradesstablesRewritesNothingInTheCurrentVersionAndEverythingWithA() throws Exception {
        String table = "upgrade";
        create(table);
        fill(table, 0, 200);
        admin("flush", KS, table);
        int before = sstables(table);

        Outcome none = admin("upgradesstables", KS, table);
        assertThat(none.exitCode()).as(none.err()).isZero();
        assertThat(none.out()).contains("Every SSTable is in the current format version: nothing to rewrite");

        Outcome all = admin("upgradesstables", "-a", KS, table);
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains("Rewrote " + before + " SSTables");
        assertThat(rows(table)).isEqualTo(200);
        // ScyllaDB's path answers its status
        assertThat(HttpGet.body(server.apiPort(), "/storage_service/keyspace_upgrade_sstables/" + KS + "?cf=" + table).strip()).isEqualTo("0");
    }

    @Test
    void garbagecollectDropsDeletedDataPastGcGrace() throws Exception {
        String table = "garbage";
        session.execute("CREATE TABLE " + KS + "." + table + " (k int PRIMARY KEY, v text) WITH gc_grace_seconds = 0");
        fill(table, 0, 100);
        PreparedStatement delete = session.prepare("DELETE FROM " + KS + "." + table + " WHERE k = ?");
        for (int k = 0; k < 60; k++) session.execute(delete.bind(k));
        admin("flush", KS, table);
        Thread.sleep(1100); // the tombstones' second passes: gc_grace 0 lets them go
        long before = partitions(table);
        assertThat(before).isEqualTo(100); // 40 rows and 60 tombstones

        Outcome gc = admin("garbagecollect", KS, table);
        assertThat(gc.exitCode()).as(gc.err()).isZero();
        assertThat(gc.out()).containsPattern("(?m)^Rewrote \\d+ SSTables without the deleted data and tombstones they could drop$");
        assertThat(partitions(table)).isEqualTo(40);
        assertThat(rows(table)).isEqualTo(40);
    }

    @Test
    void cleanupHasNothingToDoOnASingleNode() throws IOException {
        create("clean");
        Outcome cleanup = admin("cleanup", KS);
        assertThat(cleanup.exitCode()).as(cleanup.err()).isZero();
        assertThat(cleanup.out()).containsPattern("(?m)^Nothing to clean up: this node owns every token");
        assertThat(HttpPost.body(server.apiPort(), "/storage_service/keyspace_cleanup/" + KS).strip()).isEqualTo("0");
        assertThat(admin("cleanup", "nope").err()).contains("Keyspace 'nope' does not exist");
    }

    @Test
    void scyllaScrubPathSharesTheScrubAndAnswersItsStatus() throws IOException {
        create("scrubbed");
        fill("scrubbed", 0, 50);
        admin("flush", KS, "scrubbed");
        assertThat(HttpGet.body(server.apiPort(), "/storage_service/keyspace_scrub/" + KS + "?cf=scrubbed&scrub_mode=VALIDATE").strip()).isEqualTo("0");
        HttpResponse<String> segregate = HttpGet.get(server.apiPort(), "/storage_service/keyspace_scrub/" + KS + "?scrub_mode=SEGREGATE");
        assertThat(segregate.statusCode()).isEqualTo(400);
        assertThat(segregate.body()).contains("use ABORT, SKIP or VALIDATE");
        assertThat(HttpGet.get(server.apiPort(), "/storage_service/keyspace_scrub/nope").statusCode()).isEqualTo(400);
        assertThat(rows("scrubbed")).isEqualTo(50);
    }

    // ---- helpers ----

    private static Outcome admin(String... args) {
        return AdminCommandTest.admin(server.apiPort(), args);
    }

    private static void create(String table) {
        session.execute("CREATE TABLE " + KS + "." + table + " (k int PRIMARY KEY, v text)");
    }

    private static void fill(String table, int from, int count) {
        PreparedStatement insert = session.prepare("INSERT INTO " + KS + "." + table + " (k, v) VALUES (?, ?)");
        for (int k = from; k < from + count; k++) session.execute(insert.bind(k, "value-" + k));
    }

    private static long rows(String table) {
        return session.execute("SELECT count(*) FROM " + KS + "." + table).one().getLong(0);
    }

    private static int sstables(String table) {
        return tableStats(table).path("sstable_count").asInt();
    }

    private static long partitions(String table) {
        return tableStats(table).path("partitions_estimate").asLong();
    }

    private static JsonNode tableStats(String table) {
        try {
            return JSON.readTree(HttpGet.body(server.apiPort(), "/storage/tablestats?keyspace=" + KS + "&table=" + table)).path("tables").get(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(String method, String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.apiPort() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitAtMost(Supplier<Integer> value, int most, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (value.get() > most) {
            if (System.nanoTime() > deadline) throw new AssertionError(what + ": still " + value.get() + ", expected at most " + most);
            Thread.sleep(100);
        }
    }

    private static void awaitHistoryOf(String table) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            for (JsonNode entry : JSON.readTree(HttpGet.body(server.apiPort(), "/compaction_manager/compaction_history"))) {
                if (entry.path("cf").asText().equals(table)) return;
            }
            if (System.nanoTime() > deadline) throw new AssertionError("no compaction of " + table + " in the history");
            Thread.sleep(100);
        }
    }
}
