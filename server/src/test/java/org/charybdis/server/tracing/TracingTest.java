package org.charybdis.server.tracing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.QueryTrace;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.TraceEvent;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpPost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Query tracing through the Java driver: a traced request gets a session id, and the driver reads its session and
 * events back from system_traces (retrying until the session has a duration), as cqlsh's TRACING ON does.
 */
class TracingTest {
    private static final String CACHE_MISS = "chunk cache miss: \\d+ of \\d+ index spans and chunks, read from (the page cache|disk in \\d+ µs)";
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();
    private static CqlSession session;

    @BeforeAll
    static void data() {
        // the trace is written just after the answer: give the driver's read of it room on a busy machine
        session = server.session(options -> options.withDuration(DefaultDriverOption.REQUEST_TRACE_INTERVAL, Duration.ofMillis(100)));
        session.execute("CREATE KEYSPACE tr WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE tr.kv (pk int, ck int, v text, PRIMARY KEY (pk, ck))");
        for (int ck = 0; ck < 3; ck++) session.execute("INSERT INTO tr.kv (pk, ck, v) VALUES (1, " + ck + ", 'flushed')");
        HttpPost.post(server.apiPort(), "/storage/flush?keyspace=tr&table=kv");
        session.execute("INSERT INTO tr.kv (pk, ck, v) VALUES (1, 3, 'in memory')");
    }

    @Test
    void aReadOfFlushedAndUnflushedRowsTracesTheMemtableAndTheSSTable() {
        String query = "SELECT * FROM tr.kv WHERE pk = 1";
        ResultSet result = session.execute(SimpleStatement.newInstance(query).setTracing(true));
        assertThat(result.all()).hasSize(4);
        QueryTrace trace = result.getExecutionInfo().getQueryTrace();

        assertThat(trace.getTracingId()).isEqualTo(result.getExecutionInfo().getTracingId());
        assertThat(trace.getRequestType()).isEqualTo("Execute CQL3 query");
        assertThat(trace.getParameters()).containsEntry("query", query).containsEntry("consistency_level", "LOCAL_ONE");
        assertThat(trace.getCoordinatorAddress().getAddress().isLoopbackAddress()).isTrue();
        assertThat(trace.getDurationMicros()).isPositive();
        assertThat(trace.getStartedAt()).isPositive();
        List<String> activities = activities(trace);
        assertThat(activities).containsSubsequence("Parsing " + query, "Preparing statement", "Executing single-partition query on kv",
                "Merging memtable contents", "Merged data from memtables and 1 SSTables", "Read 4 live rows", "Request complete");
        assertThat(activities).anyMatch(a -> a.matches("Sending a response of \\d+ bytes"));
        assertThat(activities).anyMatch(a -> a.matches("Reading SSTable \\d+"))
                .anyMatch(a -> a.matches("Partition found in SSTable \\d+ \\((chunk cache hit|" + CACHE_MISS + ")\\)"));
        for (TraceEvent event : trace.getEvents()) {
            assertThat(event.getThreadName()).startsWith("shard ");
            assertThat(event.getSourceElapsedMicros()).isBetween(0, trace.getDurationMicros());
            assertThat(event.getSourceAddress().getAddress().isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void partitionsTheSSTableCannotHoldSkipItByBloomFilterOrBounds() {
        int skipped = 0;
        for (int pk = 10; pk < 20; pk++) { // in the memtable only; about half of them on the SSTable's shard
            session.execute("INSERT INTO tr.kv (pk, ck, v) VALUES (" + pk + ", 0, 'in memory')");
            ResultSet result = session.execute(SimpleStatement.newInstance("SELECT * FROM tr.kv WHERE pk = " + pk).setTracing(true));
            assertThat(result.all()).hasSize(1);
            List<String> activities = activities(result.getExecutionInfo().getQueryTrace());
            assertThat(activities).contains("Merging memtable contents", "Merged data from memtables and 0 SSTables", "Read 1 live rows")
                    .noneMatch(a -> a.startsWith("Reading SSTable"));
            if (activities.stream().anyMatch(a -> a.matches("Skipped SSTable \\d+ by bloom filter or key bounds"))) skipped++;
        }
        assertThat(skipped).as("reads on the shard holding the SSTable skip it").isPositive();
    }

    @Test
    void aPreparedStatementTracesItsLookup() {
        PreparedStatement prepared = session.prepare("SELECT v FROM tr.kv WHERE pk = ?");
        ResultSet result = session.execute(prepared.bind(1).setTracing(true));
        assertThat(result.all()).hasSize(4);
        QueryTrace trace = result.getExecutionInfo().getQueryTrace();
        assertThat(trace.getRequestType()).isEqualTo("Execute CQL3 prepared query");
        assertThat(activities(trace)).containsSubsequence("Found prepared statement: SELECT v FROM tr.kv WHERE pk = ?",
                "Executing single-partition query on kv", "Read 4 live rows", "Request complete");
    }

    @Test
    void readsOfPartitionsOnAnotherShardTraceTheHop() {
        boolean hopped = false;
        for (int pk = 100; pk < 110 && !hopped; pk++) {
            ResultSet result = session.execute(SimpleStatement.newInstance("SELECT * FROM tr.kv WHERE pk = " + pk).setTracing(true));
            List<TraceEvent> events = result.getExecutionInfo().getQueryTrace().getEvents();
            for (int i = 0; i < events.size(); i++) {
                if (!events.get(i).getActivity().matches("Sending to shard \\d")) continue;
                hopped = true;
                String owner = "shard " + events.get(i).getActivity().substring("Sending to shard ".length());
                assertThat(events.get(i).getThreadName()).isNotEqualTo(owner);
                // the read itself runs on the owner
                assertThat(events.subList(i, events.size())).anyMatch(e -> e.getActivity().startsWith("Executing single-partition query")
                        && e.getThreadName().equals(owner));
            }
        }
        assertThat(hopped).as("one of ten partitions is owned by the shard the connection is not on").isTrue();
    }

    @Test
    void aRangeScanTracesEveryShard() {
        ResultSet result = session.execute(SimpleStatement.newInstance("SELECT * FROM tr.kv").setTracing(true));
        int rows = result.all().size();
        List<TraceEvent> events = result.getExecutionInfo().getQueryTrace().getEvents();
        List<String> scanningShards = events.stream().filter(e -> e.getActivity().equals("Executing range scan on kv"))
                .map(TraceEvent::getThreadName).distinct().toList();
        assertThat(scanningShards).containsExactlyInAnyOrder("shard 0", "shard 1");
        int read = events.stream().map(TraceEvent::getActivity).filter(a -> a.matches("Read \\d+ live rows of \\d+ partitions"))
                .mapToInt(a -> Integer.parseInt(a.split(" ")[1])).sum();
        assertThat(read).isEqualTo(rows);
    }

    @Test
    void aWriteTracesItsCommitlogAndMemtableStep() {
        ResultSet result = session.execute(SimpleStatement.newInstance("INSERT INTO tr.kv (pk, ck, v) VALUES (50, 0, 'traced')").setTracing(true));
        QueryTrace trace = result.getExecutionInfo().getQueryTrace();
        assertThat(activities(trace)).containsSubsequence("Parsing INSERT INTO tr.kv (pk, ck, v) VALUES (50, 0, 'traced')",
                "Preparing statement", "Writing to the commitlog and memtables (1 partitions)", "Request complete");
    }

    @Test
    void aSecondReadOfAnSSTableFindsWhatTheFirstPutInTheChunkCache() {
        session.execute("CREATE TABLE tr.cached (pk int PRIMARY KEY, v text)");
        session.execute("INSERT INTO tr.cached (pk, v) VALUES (1, 'on disk')");
        HttpPost.post(server.apiPort(), "/storage/flush?keyspace=tr&table=cached");
        SimpleStatement read = SimpleStatement.newInstance("SELECT v FROM tr.cached WHERE pk = 1").setTracing(true);

        ResultSet first = session.execute(read);
        assertThat(first.one().getString("v")).isEqualTo("on disk");
        assertThat(activities(first.getExecutionInfo().getQueryTrace()))
                .anyMatch(a -> a.matches("Partition found in SSTable \\d+ \\(" + CACHE_MISS + "\\)"));
        ResultSet second = session.execute(read);
        assertThat(second.one().getString("v")).isEqualTo("on disk");
        assertThat(activities(second.getExecutionInfo().getQueryTrace()))
                .anyMatch(a -> a.matches("Partition found in SSTable \\d+ \\(chunk cache hit\\)"));
    }

    @Test
    void aLightweightTransactionTracesItsCondition() {
        String insert = "INSERT INTO tr.kv (pk, ck, v) VALUES (60, 0, 'first') IF NOT EXISTS";
        ResultSet applied = session.execute(SimpleStatement.newInstance(insert).setTracing(true));
        assertThat(applied.wasApplied()).isTrue();
        assertThat(activities(applied.getExecutionInfo().getQueryTrace())).containsSubsequence("Reading existing values for CAS precondition",
                "No memtable holds the partition", "CAS precondition is met; writing the update to the commitlog and memtables", "Request complete");

        ResultSet refused = session.execute(SimpleStatement.newInstance(insert).setTracing(true));
        assertThat(refused.wasApplied()).isFalse();
        assertThat(activities(refused.getExecutionInfo().getQueryTrace())).containsSubsequence("Reading existing values for CAS precondition",
                "Merging memtable contents", "CAS precondition does not match current values: nothing written", "Request complete");
    }

    @Test
    void anIndexedQueryTracesTheIndexAndItsMatches() {
        session.execute("CREATE TABLE tr.colours (pk int, ck int, colour text, PRIMARY KEY (pk, ck))");
        session.execute("CREATE INDEX colour_idx ON tr.colours (colour)");
        for (int pk = 0; pk < 6; pk++) {
            session.execute("INSERT INTO tr.colours (pk, ck, colour) VALUES (" + pk + ", 0, '" + (pk % 2 == 0 ? "red" : "blue") + "')");
        }
        ResultSet result = session.execute(SimpleStatement.newInstance("SELECT * FROM tr.colours WHERE colour = 'red'").setTracing(true));
        assertThat(result.all()).hasSize(3);
        List<TraceEvent> events = result.getExecutionInfo().getQueryTrace().getEvents();
        assertThat(events.stream().filter(e -> e.getActivity().equals("Querying index colour_idx")).map(TraceEvent::getThreadName))
                .containsExactlyInAnyOrder("shard 0", "shard 1");
        int matches = events.stream().map(TraceEvent::getActivity)
                .filter(a -> a.matches("Index colour_idx: \\d+ entries read, \\d+ matching rows in \\d+ partitions"))
                .mapToInt(a -> Integer.parseInt(a.split(", ")[1].split(" ")[0])).sum();
        assertThat(matches).isEqualTo(3);
        assertThat(activities(result.getExecutionInfo().getQueryTrace())).contains("Executing single-partition query on colours");
    }

    @Test
    void sessionsAndEventsExpireAfterADay() {
        java.util.UUID id = session.execute(SimpleStatement.newInstance("SELECT * FROM tr.kv WHERE pk = 1").setTracing(true))
                .getExecutionInfo().getQueryTrace().getTracingId();
        int day = 86_400;
        assertThat(session.execute("SELECT TTL(duration) FROM system_traces.sessions WHERE session_id = ?", id).one().getInt(0))
                .isBetween(day - 60, day);
        List<Integer> eventTtls = session.execute("SELECT TTL(activity) FROM system_traces.events WHERE session_id = ?", id)
                .all().stream().map(row -> row.getInt(0)).toList();
        assertThat(eventTtls).isNotEmpty().allSatisfy(ttl -> assertThat(ttl).isBetween(day - 60, day));
    }

    @Test
    void anUntracedRequestWritesNoSession() throws InterruptedException {
        long before = sessions();
        ResultSet result = session.execute("SELECT * FROM tr.kv WHERE pk = 1");
        assertThat(result.getExecutionInfo().getTracingId()).isNull();
        Thread.sleep(300); // a trace would be written in the background by now
        assertThat(sessions()).isEqualTo(before);
    }

    private static long sessions() {
        return session.execute("SELECT count(*) FROM system_traces.sessions").one().getLong(0);
    }

    private static List<String> activities(QueryTrace trace) {
        return trace.getEvents().stream().map(TraceEvent::getActivity).toList();
    }
}
