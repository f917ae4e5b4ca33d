package org.charybdis.server.tracing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpGet;
import org.charybdis.server.testing.HttpPost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ScyllaDB's slow query log through the Java driver and the REST API: a request slower than the threshold gets a row in
 * system_traces.node_slow_log (and its time index) and a session in system_traces.sessions; a faster one gets nothing.
 * The server starts with the log on and a threshold of 0 ms from the configuration, so every request is slow.
 */
class SlowQueryLogTest {
    private static final String PATH = "/storage_service/slow_query";

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension()
            .with(ServerConfig.SLOW_QUERY_LOG_ENABLED, true)
            .with(ServerConfig.SLOW_QUERY_LOG_TIMEOUT_IN_MS, 0);
    private static CqlSession session;

    @BeforeAll
    static void data() {
        session = server.session();
        session.execute("CREATE KEYSPACE sl WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE sl.kv (pk int, ck int, v text, PRIMARY KEY (pk, ck))");
        session.execute("INSERT INTO sl.kv (pk, ck, v) VALUES (1, 1, 'one')");
    }

    @BeforeEach
    void asConfigured() {
        assertThat(HttpPost.post(server.apiPort(), PATH + "?enable=true&threshold=0&ttl=86400&fast=true").statusCode()).isEqualTo(200);
    }

    @Test
    void theConfigurationStartsTheLogAndTheRouteRoundTripsItsSettings() throws Exception {
        assertThat(settings()).isEqualTo(Map.of("enable", true, "ttl", 86400, "threshold", 0, "fast", true));
        assertThat(HttpPost.post(server.apiPort(), PATH + "?threshold=250000&ttl=600").statusCode()).isEqualTo(200);
        assertThat(settings()).as("what is not given stays").isEqualTo(Map.of("enable", true, "ttl", 600, "threshold", 250000, "fast", true));
        assertThat(HttpPost.post(server.apiPort(), PATH + "?enable=false&fast=false").statusCode()).isEqualTo(200);
        assertThat(settings()).isEqualTo(Map.of("enable", false, "ttl", 600, "threshold", 250000, "fast", false));
    }

    @Test
    void badSettingsAreRefusedWithWhatIsWrong() throws Exception {
        HttpResponse<String> enable = HttpPost.post(server.apiPort(), PATH + "?enable=yes");
        assertThat(enable.statusCode()).isEqualTo(400);
        assertThat(enable.body()).contains("Invalid enable 'yes': use true or false");
        HttpResponse<String> threshold = HttpPost.post(server.apiPort(), PATH + "?threshold=-1");
        assertThat(threshold.statusCode()).isEqualTo(400);
        assertThat(threshold.body()).contains("Invalid threshold '-1': use a whole number from 0");
        HttpResponse<String> ttl = HttpPost.post(server.apiPort(), PATH + "?ttl=0");
        assertThat(ttl.statusCode()).isEqualTo(400);
        assertThat(ttl.body()).contains("Invalid ttl '0'");
        assertThat(settings()).isEqualTo(Map.of("enable", true, "ttl", 86400, "threshold", 0, "fast", true));
    }

    @Test
    void aSlowQueryIsRecordedWithItsSessionAndTimeIndex() throws Exception {
        assertThat(HttpPost.post(server.apiPort(), PATH + "?ttl=3600").statusCode()).isEqualTo(200);
        String query = "SELECT v FROM sl.kv WHERE pk = 1 AND ck = 1";
        assertThat(session.execute(query).one().getString("v")).isEqualTo("one");

        Row slow = awaitSlowQuery(query);
        assertThat(slow.getInt("duration")).isPositive();
        assertThat(slow.getString("username")).isEqualTo("anonymous");
        assertThat(slow.getInetAddress("source_ip").isLoopbackAddress()).isTrue();
        assertThat(slow.getInetAddress("node_ip").isLoopbackAddress()).isTrue();
        assertThat(slow.getInt("shard")).isBetween(0, 1);
        assertThat(slow.getMap("parameters", String.class, String.class)).containsEntry("query", query)
                .containsEntry("consistency_level", "LOCAL_ONE");
        assertThat(slow.getInstant("date")).isNotNull();
        assertThat(slow.getSet("table_names", String.class)).containsExactly("sl.kv");
        assertThat(slow.getInt(10)).as("the TTL set through the route").isBetween(3600 - 60, 3600);

        UUID id = slow.getUuid("session_id");
        Row traced = session.execute("SELECT request, duration, parameters, started_at FROM system_traces.sessions WHERE session_id = ?", id).one();
        assertThat(traced).as("the slow query's session").isNotNull();
        assertThat(traced.getString("request")).isEqualTo("Execute CQL3 query");
        assertThat(traced.getInt("duration")).isEqualTo(slow.getInt("duration"));
        assertThat(traced.getMap("parameters", String.class, String.class)).containsEntry("query", query);
        assertThat(session.execute("SELECT * FROM system_traces.events WHERE session_id = ?", id).all())
                .as("fast mode: the session alone, no events").isEmpty();

        List<Row> index = session.execute("SELECT session_id, start_time FROM system_traces.node_slow_log_time_idx WHERE minute = ?",
                slow.getInstant("date").truncatedTo(java.time.temporal.ChronoUnit.MINUTES)).all();
        assertThat(index).anyMatch(row -> row.getUuid("session_id").equals(id) && row.getUuid("start_time").equals(slow.getUuid("start_time")));
    }

    @Test
    void aPreparedStatementIsRecordedWithItsText() throws Exception {
        String query = "SELECT v FROM sl.kv WHERE pk = ? AND ck = 2";
        PreparedStatement prepared = session.prepare(query);
        session.execute(prepared.bind(1));
        // the PREPARE is recorded too, with the same text: wait for the EXECUTE's row
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<String> requests = List.of();
        while (!requests.contains("Execute CQL3 prepared query") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            requests = slowQueries().stream().filter(row -> query.equals(row.getString("command")))
                    .map(row -> session.execute("SELECT request FROM system_traces.sessions WHERE session_id = ?", row.getUuid("session_id")).one())
                    .filter(java.util.Objects::nonNull).map(row -> row.getString(0)).toList();
        }
        assertThat(requests).contains("Preparing CQL3 query", "Execute CQL3 prepared query");
    }

    @Test
    void aBatchIsRecordedWithItsStatementsAndTables() throws Exception {
        session.execute("CREATE TABLE IF NOT EXISTS sl.other (pk int PRIMARY KEY, v text)");
        String first = "INSERT INTO sl.kv (pk, ck, v) VALUES (2, 1, 'two')";
        String second = "INSERT INTO sl.other (pk, v) VALUES (2, 'two')";
        session.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED, SimpleStatement.newInstance(first), SimpleStatement.newInstance(second)));
        Row slow = awaitSlowQuery(first + "; " + second);
        assertThat(slow.getSet("table_names", String.class)).containsExactlyInAnyOrder("sl.kv", "sl.other");
        assertThat(session.execute("SELECT request FROM system_traces.sessions WHERE session_id = ?", slow.getUuid("session_id")).one().getString(0))
                .isEqualTo("Execute batch of CQL3 queries");
    }

    @Test
    void withoutFastTheSlowQueryKeepsItsEvents() throws Exception {
        assertThat(HttpPost.post(server.apiPort(), PATH + "?fast=false").statusCode()).isEqualTo(200);
        String query = "SELECT v FROM sl.kv WHERE pk = 1 AND ck = 3";
        session.execute(query);
        UUID id = awaitSlowQuery(query).getUuid("session_id");
        List<String> activities = session.execute("SELECT activity FROM system_traces.events WHERE session_id = ?", id).all()
                .stream().map(row -> row.getString(0)).toList();
        assertThat(activities).contains("Parsing " + query, "Executing single-partition query on kv", "Request complete");
    }

    @Test
    void aQueryFasterThanTheThresholdIsNotRecorded() throws Exception {
        assertThat(HttpPost.post(server.apiPort(), PATH + "?threshold=10000000").statusCode()).isEqualTo(200); // 10 s
        String fast = "SELECT v FROM sl.kv WHERE pk = 1 AND ck = 4";
        session.execute(fast);
        assertThat(HttpPost.post(server.apiPort(), PATH + "?threshold=0").statusCode()).isEqualTo(200);
        String slow = "SELECT v FROM sl.kv WHERE pk = 1 AND ck = 5";
        session.execute(slow);
        awaitSlowQuery(slow); // written after the fast one would have been
        assertThat(slowQueries()).noneMatch(row -> fast.equals(row.getString("command")));
    }

    @Test
    void aDisabledLogRecordsNothing() throws Exception {
        assertThat(HttpPost.post(server.apiPort(), PATH + "?enable=false").statusCode()).isEqualTo(200);
        String query = "SELECT v FROM sl.kv WHERE pk = 1 AND ck = 6";
        session.execute(query);
        assertThat(HttpPost.post(server.apiPort(), PATH + "?enable=true").statusCode()).isEqualTo(200);
        String marker = "SELECT v FROM sl.kv WHERE pk = 1 AND ck = 7";
        session.execute(marker);
        awaitSlowQuery(marker);
        assertThat(slowQueries()).noneMatch(row -> query.equals(row.getString("command")));
    }

    /** The slow query row of {@code command}, once written (in the background, after the response). */
    private static Row awaitSlowQuery(String command) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (Row row : slowQueries()) if (command.equals(row.getString("command"))) return row;
            Thread.sleep(50);
        }
        throw new AssertionError("no slow query row for " + command);
    }

    private static List<Row> slowQueries() {
        return session.execute("SELECT start_time, node_ip, shard, command, date, duration, parameters, session_id, source_ip, username,"
                + " TTL(command), table_names FROM system_traces.node_slow_log").all();
    }

    private static Map<String, Object> settings() throws Exception {
        JsonNode json = new ObjectMapper().readTree(HttpGet.body(server.apiPort(), PATH));
        return Map.of("enable", json.get("enable").asBoolean(), "ttl", json.get("ttl").asInt(),
                "threshold", json.get("threshold").asInt(), "fast", json.get("fast").asBoolean());
    }
}
