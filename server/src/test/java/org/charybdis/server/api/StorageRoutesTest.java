package org.charybdis.server.api;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpGet;
import org.charybdis.server.testing.HttpPost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The /storage routes of the admin API over HTTP against a running node (in-memory engine). */
class StorageRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @BeforeAll
    static void createTables() {
        CqlSession session = server.session();
        session.execute("CREATE KEYSPACE ops WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE ops.users (id int PRIMARY KEY, name text)");
        session.execute("CREATE TABLE ops.events (id int, at int, what text, PRIMARY KEY (id, at))");
        PreparedStatement insert = session.prepare("INSERT INTO ops.users (id, name) VALUES (?, ?)");
        for (int id = 0; id < 40; id++) session.execute(insert.bind(id, "user-" + id));
        PreparedStatement event = session.prepare("INSERT INTO ops.events (id, at, what) VALUES (?, ?, ?)");
        for (int at = 0; at < 5; at++) session.execute(event.bind(7, at, "login"));
    }

    @Test
    void flushOfEverythingAnswersOk() throws IOException {
        JsonNode answer = json(HttpPost.body(server.apiPort(), "/storage/flush"));
        assertThat(answer.path("operation").asText()).isEqualTo("flush");
        assertThat(answer.path("scope").asText()).isEqualTo("all keyspaces");
    }

    @Test
    void flushOfOneKeyspaceAndOfNamedTablesAnswersOk() throws IOException {
        assertThat(json(HttpPost.body(server.apiPort(), "/storage/flush?keyspace=ops")).path("scope").asText())
                .isEqualTo("keyspaces [ops]");
        assertThat(json(HttpPost.body(server.apiPort(), "/storage/flush?keyspace=ops&table=users&table=events")).path("scope").asText())
                .isEqualTo("tables [ops.users, ops.events]");
    }

    @Test
    void compactOfAnExistingTableAnswersOk() throws IOException {
        JsonNode answer = json(HttpPost.body(server.apiPort(), "/storage/compact?keyspace=ops&table=users"));
        assertThat(answer.path("operation").asText()).isEqualTo("compact");
    }

    @Test
    void unknownKeyspaceOrTableIsABadRequestWithAClearMessage() throws IOException {
        assertError(HttpPost.post(server.apiPort(), "/storage/flush?keyspace=nope"), 400, "Keyspace 'nope' does not exist");
        assertError(HttpPost.post(server.apiPort(), "/storage/compact?keyspace=ops&table=nope"), 400, "Table 'ops.nope' does not exist");
        assertError(HttpPost.post(server.apiPort(), "/storage/flush?table=users"), 400, "A table must be named together with its keyspace");
        assertError(HttpGet.get(server.apiPort(), "/storage/tablestats?keyspace=nope"), 400, "Keyspace 'nope' does not exist");
    }

    @Test
    void tablestatsListsTablesWithTheirPartitionEstimates() throws IOException {
        JsonNode tables = json(HttpGet.body(server.apiPort(), "/storage/tablestats?keyspace=ops")).path("tables");

        assertThat(tables).hasSize(2);
        JsonNode events = tables.get(0);
        JsonNode users = tables.get(1);
        assertThat(events.path("keyspace").asText()).isEqualTo("ops");
        assertThat(events.path("table").asText()).isEqualTo("events");
        assertThat(events.path("partitions_estimate").asLong()).isEqualTo(1);
        assertThat(users.path("table").asText()).isEqualTo("users");
        assertThat(users.path("partitions_estimate").asLong()).isEqualTo(40);
        // in memtables or, once another test flushed, in SSTables
        assertThat(users.path("memtable_data_size").asLong() + users.path("space_used_live").asLong()).isPositive();
        for (String field : new String[] {"memtable_switch_count", "pending_flushes", "pending_compactions", "local_read_count",
                "average_sstables_per_read"}) {
            assertThat(users.has(field)).as(field).isTrue();
        }
    }

    @Test
    void tablestatsOfOneTableAndOfEverything() throws IOException {
        JsonNode one = json(HttpGet.body(server.apiPort(), "/storage/tablestats?keyspace=ops&table=users")).path("tables");
        assertThat(one).hasSize(1);
        assertThat(one.get(0).path("table").asText()).isEqualTo("users");

        JsonNode all = json(HttpGet.body(server.apiPort(), "/storage/tablestats")).path("tables");
        assertThat(all.findValuesAsText("table")).contains("users", "events");
    }

    @Test
    void compactionstatsHasPendingTasksAndActiveCompactions() throws IOException {
        JsonNode stats = json(HttpGet.body(server.apiPort(), "/storage/compactionstats"));
        assertThat(stats.path("pending_tasks").isNumber()).isTrue();
        assertThat(stats.path("pending_tasks").asLong()).isZero();
        assertThat(stats.path("pending_by_table").isArray()).isTrue();
        assertThat(stats.path("active_compactions").isArray()).isTrue();
        assertThat(stats.path("active_compactions")).isEmpty();
    }

    @Test
    void snapshotHardLinksEveryTablesFilesUnderItsTag() throws IOException {
        JsonNode answer = json(HttpPost.body(server.apiPort(), "/storage/snapshot?tag=before-upgrade&keyspace=ops"));
        assertThat(answer.path("tag").asText()).isEqualTo("before-upgrade");
        java.nio.file.Path keyspace = server.workdir().resolve("data").resolve("ops");
        try (var files = java.nio.file.Files.walk(keyspace)) {
            assertThat(files.map(java.nio.file.Path::toString))
                    .anyMatch(f -> f.contains("/users-") && f.contains("/snapshots/before-upgrade/") && f.endsWith("TOC.txt"));
        }
    }

    @Test
    void snapshotTagMustBeASafeDirectoryName() throws IOException {
        assertError(HttpPost.post(server.apiPort(), "/storage/snapshot?tag=../etc&keyspace=ops"), 400, "Invalid snapshot tag");
    }

    @Test
    void snapshotOfAKeyspaceWithoutTablesAnswersItsTag() throws IOException {
        server.session().execute("CREATE KEYSPACE IF NOT EXISTS empty_ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        JsonNode named = json(HttpPost.body(server.apiPort(), "/storage/snapshot?tag=nightly&keyspace=empty_ks"));
        assertThat(named.path("tag").asText()).isEqualTo("nightly");
        assertThat(named.path("directory").asText()).isEqualTo("snapshots/nightly");

        long before = System.currentTimeMillis();
        JsonNode defaulted = json(HttpPost.body(server.apiPort(), "/storage/snapshot?keyspace=empty_ks"));
        assertThat(Long.parseLong(defaulted.path("tag").asText())).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void routesAreListedAtTheRoot() {
        assertThat(HttpGet.body(server.apiPort(), "/")).contains("POST /storage/flush", "POST /storage/compact",
                "POST /storage/snapshot", "POST /storage/drain", "GET /storage/compactionstats", "GET /storage/tablestats");
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response.body()).path("error").asText()).contains(message);
    }

    private static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }
}
