package org.charybdis.server.api;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpDelete;
import org.charybdis.server.testing.HttpGet;
import org.charybdis.server.testing.HttpPost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** ScyllaDB's snapshot routes (take, list with sizes, clear) and the refresh route's errors, over HTTP. */
class SnapshotRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @BeforeAll
    static void createTables() {
        CqlSession session = server.session();
        session.execute("CREATE KEYSPACE snap WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE KEYSPACE other WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE snap.kv (k int PRIMARY KEY, v text)");
        session.execute("CREATE TABLE snap.log (k int PRIMARY KEY, v text)");
        session.execute("CREATE TABLE other.kv (k int PRIMARY KEY, v text)");
        for (String table : new String[] {"snap.kv", "snap.log", "other.kv"}) {
            PreparedStatement insert = session.prepare("INSERT INTO " + table + " (k, v) VALUES (?, ?)");
            for (int k = 0; k < 50; k++) session.execute(insert.bind(k, "value-" + k));
        }
    }

    @Test
    void takenSnapshotIsListedWithItsSizesAndOwnsItsFilesOnceCompactionReplacedThem() throws IOException {
        CqlSession session = server.session();
        session.execute("CREATE TABLE snap.sized (k int PRIMARY KEY, v text)");
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < 100; k++) session.execute("INSERT INTO snap.sized (k, v) VALUES (?, ?)", k, "round-" + round + "-" + k);
            HttpPost.body(server.apiPort(), "/storage/flush?keyspace=snap&table=sized");
        }

        HttpPost.body(server.apiPort(), "/storage_service/snapshots?tag=sized1&kn=snap&cf=sized&sf=false");

        JsonNode before = sizes("sized1", "snap", "sized");
        long total = before.path("total").asLong();
        assertThat(total).isGreaterThan(2000);
        assertThat(before.path("live").asLong()).as("only schema.cql and manifest.json are the snapshot's own").isBetween(1L, 8000L);

        HttpPost.body(server.apiPort(), "/storage/compact?keyspace=snap&table=sized");

        JsonNode after = sizes("sized1", "snap", "sized");
        assertThat(after.path("total").asLong()).isEqualTo(total);
        assertThat(after.path("live").asLong()).as("compaction replaced every SSTable the snapshot shares").isEqualTo(total);
    }

    @Test
    void oldAndNewRoutesTakeTheSameSnapshotWithSchemaAndManifest() throws IOException {
        HttpPost.body(server.apiPort(), "/storage/snapshot?tag=old-route&keyspace=other");
        JsonNode answer = json(HttpPost.body(server.apiPort(), "/storage_service/snapshots?tag=new-route&kn=other"));
        assertThat(answer.path("tag").asText()).isEqualTo("new-route");

        for (String tag : new String[] {"old-route", "new-route"}) {
            Path snapshot = snapshotOf("other", "kv", tag);
            assertThat(snapshot.resolve("schema.cql")).content().contains("CREATE TABLE other.kv");
            assertThat(snapshot.resolve("manifest.json")).content().contains("\"files\"", "Data.db", "\"created_at\"");
            assertThat(sizes(tag, "other", "kv").path("total").asLong()).isPositive();
        }
    }

    @Test
    void snapshotOfEveryKeyspaceCoversUserAndSystemTables() throws IOException {
        HttpPost.body(server.apiPort(), "/storage_service/snapshots?tag=everything");

        JsonNode tables = null;
        for (JsonNode tagged : json(HttpGet.body(server.apiPort(), "/storage_service/snapshots"))) {
            if (tagged.path("key").asText().equals("everything")) tables = tagged.path("value");
        }
        assertThat(tables).isNotNull();
        assertThat(tables.findValuesAsText("ks")).contains("snap", "other", "system_schema");
        assertThat(delete("/storage_service/snapshots?tag=everything").statusCode()).isEqualTo(200);
    }

    @Test
    void aTagATableAlreadyHasIsRefused() throws IOException {
        HttpPost.body(server.apiPort(), "/storage_service/snapshots?tag=twice&kn=snap&cf=log");
        assertError(HttpPost.post(server.apiPort(), "/storage_service/snapshots?tag=twice&kn=snap&cf=log"), 400,
                "Snapshot 'twice' of snap.log already exists");
        assertError(HttpPost.post(server.apiPort(), "/storage_service/snapshots?tag=../x&kn=snap"), 400, "Invalid snapshot tag");
        assertError(HttpPost.post(server.apiPort(), "/storage_service/snapshots?tag=x&kn=nope"), 400, "Keyspace 'nope' does not exist");
    }

    @Test
    void clearByTagByKeyspaceAndEverything() throws IOException {
        for (String tag : new String[] {"c1", "c2"}) {
            HttpPost.body(server.apiPort(), "/storage_service/snapshots?tag=" + tag + "&kn=snap,other");
        }
        assertThat(tags()).contains("c1", "c2");

        JsonNode byTag = json(delete("/storage_service/snapshots?tag=c1").body());
        assertThat(byTag.path("cleared").asInt()).isGreaterThanOrEqualTo(3); // snap.kv, snap.log, other.kv (and snap.sized if created)
        assertThat(tags()).doesNotContain("c1").contains("c2");

        delete("/storage_service/snapshots?tag=c2&kn=other");
        assertThat(keyspacesOf("c2")).containsOnly("snap");

        delete("/storage_service/snapshots?tag=c2&kn=snap&cf=kv");
        assertThat(tablesOf("c2")).doesNotContain("kv");

        assertError(delete("/storage_service/snapshots?kn=nope"), 400, "Keyspace 'nope' does not exist");
        assertThat(delete("/storage_service/snapshots").statusCode()).isEqualTo(200);
        assertThat(json(HttpGet.body(server.apiPort(), "/storage_service/snapshots"))).isEmpty();
    }

    @Test
    void refreshOfAnUnknownTableIsABadRequest() throws IOException {
        assertError(HttpPost.post(server.apiPort(), "/storage_service/sstables/snap?cf=nope"), 400, "Table 'snap.nope' does not exist");
        assertError(HttpPost.post(server.apiPort(), "/storage_service/sstables/nope?cf=kv"), 400, "Keyspace 'nope' does not exist");
        assertError(HttpPost.post(server.apiPort(), "/storage_service/sstables/snap"), 400, "Name the table to refresh");
    }

    @Test
    void refreshOfAnEmptyUploadDirectoryLoadsNothingAndSaysWhereToPutFiles() throws IOException {
        JsonNode answer = json(HttpPost.body(server.apiPort(), "/storage_service/sstables/snap?cf=kv"));
        assertThat(answer.path("sstables").asInt()).isZero();
        assertThat(answer.path("upload_directory").asText()).matches(".*/data/snap/kv-[0-9a-f]{32}/upload");
    }

    private static JsonNode sizes(String tag, String keyspace, String table) throws IOException {
        for (JsonNode tagged : json(HttpGet.body(server.apiPort(), "/storage_service/snapshots"))) {
            if (!tagged.path("key").asText().equals(tag)) continue;
            for (JsonNode entry : tagged.path("value")) {
                if (entry.path("ks").asText().equals(keyspace) && entry.path("cf").asText().equals(table)) return entry;
            }
        }
        throw new AssertionError("no snapshot " + tag + " of " + keyspace + "." + table);
    }

    private static java.util.List<String> tags() throws IOException {
        return json(HttpGet.body(server.apiPort(), "/storage_service/snapshots")).findValuesAsText("key");
    }

    private static java.util.List<String> keyspacesOf(String tag) throws IOException {
        for (JsonNode tagged : json(HttpGet.body(server.apiPort(), "/storage_service/snapshots"))) {
            if (tagged.path("key").asText().equals(tag)) return tagged.path("value").findValuesAsText("ks");
        }
        return java.util.List.of();
    }

    private static java.util.List<String> tablesOf(String tag) throws IOException {
        for (JsonNode tagged : json(HttpGet.body(server.apiPort(), "/storage_service/snapshots"))) {
            if (tagged.path("key").asText().equals(tag)) return tagged.path("value").findValuesAsText("cf");
        }
        return java.util.List.of();
    }

    private static Path snapshotOf(String keyspace, String table, String tag) throws IOException {
        try (Stream<Path> tables = Files.list(server.workdir().resolve("data").resolve(keyspace))) {
            return tables.filter(t -> t.getFileName().toString().startsWith(table + "-")).findFirst().orElseThrow()
                    .resolve("snapshots").resolve(tag);
        }
    }

    private static HttpResponse<String> delete(String pathAndQuery) {
        return HttpDelete.delete(server.apiPort(), pathAndQuery);
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response.body()).path("error").asText()).contains(message);
    }

    private static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }
}
