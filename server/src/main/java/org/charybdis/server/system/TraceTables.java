package org.charybdis.server.system;

import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.TimeUuidGenerator;
import org.charybdis.server.replica.Database;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.PartitionUpdate;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code system_traces.sessions} and {@code system_traces.events}, Cassandra's tables of traced requests: a session row
 * per request and an event row per step, written through the storage engine like any stored table, each row expiring
 * after a day (Cassandra's default {@code trace_type_query_ttl}) unless the slow query log keeps them for its own TTL.
 * Also ScyllaDB's {@code node_slow_log} and {@code node_slow_log_time_idx}: a row per slow request.
 */
public final class TraceTables {
    public static final String SESSIONS = "sessions";
    public static final String EVENTS = "events";
    public static final String NODE_SLOW_LOG = "node_slow_log";
    public static final String NODE_SLOW_LOG_TIME_IDX = "node_slow_log_time_idx";
    public static final int TTL_SECONDS = (int) TimeUnit.DAYS.toSeconds(1);

    /** A finished session as the tables hold it. */
    public record Session(UUID id, String command, String request, Map<String, String> parameters, InetAddress client,
                          long startedAtMillis, int durationMicros) {}

    /** One step of a session: what happened, how long after the request arrived, and on which thread (shard). */
    public record Event(String activity, long elapsedNanos, String thread) {
        int elapsedMicros() {
            return (int) Math.min(Integer.MAX_VALUE, elapsedNanos / 1000);
        }
    }

    /**
     * A request the slow query log records: what ran ({@code command}, the query text, and the {@code keyspace.table}s
     * it touched), who sent it, on which shard, and the session that holds its trace.
     */
    public record SlowQuery(Session session, String command, java.util.Set<String> tables, String username, int shard) {}

    private final SystemTableStorage storage;
    private final InetAddress node;

    public TraceTables(Database database, Supplier<Schema> schema, InetAddress node) {
        this.storage = new SystemTableStorage(database, schema, SystemKeyspaces.SYSTEM_TRACES);
        this.node = node;
    }

    /**
     * Writes the events' rows, then the session's row: readers (drivers, cqlsh) take a session with a duration as
     * complete, so it appears only once its events are all there. Rows expire after {@code ttlSeconds}. Completes on
     * the calling shard.
     */
    public CompletableFuture<Void> write(Session session, List<Event> events, int ttlSeconds) {
        long micros = System.currentTimeMillis() * 1000;
        long now = micros / 1_000_000;
        TableMetadata sessions = storage.table(SESSIONS);
        Map<String, Object> row = new HashMap<>();
        row.put("session_id", session.id());
        row.put("command", session.command());
        row.put("request", session.request());
        row.put("parameters", session.parameters());
        row.put("client", session.client());
        row.put("coordinator", node);
        row.put("started_at", java.time.Instant.ofEpochMilli(session.startedAtMillis()));
        row.put("duration", session.durationMicros());
        PartitionUpdate sessionRow = VirtualRows.update(sessions, row, micros, ttlSeconds, now);
        TableMetadata eventTable = storage.table(EVENTS);
        long[] eventMillis = new long[1];
        // event ids follow the events' own times, so the table's clustering order is the order they happened in
        TimeUuidGenerator ids = new TimeUuidGenerator(() -> eventMillis[0], ThreadLocalRandom.current().nextLong());
        List<PartitionUpdate> updates = new ArrayList<>(events.size());
        for (Event event : events) {
            eventMillis[0] = session.startedAtMillis() + event.elapsedNanos() / 1_000_000;
            Map<String, Object> values = new HashMap<>();
            values.put("session_id", session.id());
            values.put("event_id", NativeType.TIMEUUID.deserialize(ids.next()));
            values.put("activity", event.activity());
            values.put("source", node);
            values.put("source_elapsed", event.elapsedMicros());
            values.put("thread", event.thread());
            updates.add(VirtualRows.update(eventTable, values, micros, ttlSeconds, now));
        }
        return storage.applyAll(eventTable, updates).thenCompose(eventsWritten -> storage.apply(sessions, sessionRow));
    }

    /** Writes the slow query's row and its time index row, expiring after {@code ttlSeconds}. Completes on the calling shard. */
    public CompletableFuture<Void> writeSlowQuery(SlowQuery slow, int ttlSeconds) {
        long micros = System.currentTimeMillis() * 1000;
        long now = micros / 1_000_000;
        Session session = slow.session();
        java.time.Instant started = java.time.Instant.ofEpochMilli(session.startedAtMillis());
        // ScyllaDB keys a slow query by a time uuid of its start: the table reads in the order queries started
        UUID startTime = (UUID) NativeType.TIMEUUID.deserialize(
                new TimeUuidGenerator(session::startedAtMillis, ThreadLocalRandom.current().nextLong()).next());
        Map<String, Object> row = new HashMap<>();
        row.put("start_time", startTime);
        row.put("node_ip", node);
        row.put("shard", slow.shard());
        row.put("command", slow.command());
        row.put("date", started);
        row.put("duration", session.durationMicros());
        row.put("parameters", session.parameters());
        row.put("session_id", session.id());
        row.put("source_ip", session.client());
        row.put("username", slow.username());
        if (!slow.tables().isEmpty()) row.put("table_names", slow.tables());
        TableMetadata log = storage.table(NODE_SLOW_LOG);
        Map<String, Object> index = new HashMap<>();
        index.put("minute", started.truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
        index.put("started_at", started);
        index.put("session_id", session.id());
        index.put("start_time", startTime);
        index.put("node_ip", node);
        index.put("shard", slow.shard());
        TableMetadata timeIndex = storage.table(NODE_SLOW_LOG_TIME_IDX);
        return storage.apply(log, VirtualRows.update(log, row, micros, ttlSeconds, now))
                .thenCompose(logged -> storage.apply(timeIndex, VirtualRows.update(timeIndex, index, micros, ttlSeconds, now)));
    }
}
