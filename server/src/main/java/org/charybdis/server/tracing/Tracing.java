package org.charybdis.server.tracing;

import org.charybdis.cql.messages.BatchRequest;
import org.charybdis.cql.messages.ExecuteRequest;
import org.charybdis.cql.messages.PrepareRequest;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.messages.QueryRequest;
import org.charybdis.cql.messages.Request;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.TimeUuidGenerator;
import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.server.cql.ClientState;
import org.charybdis.server.cql.PreparedStatements;
import org.charybdis.server.system.TraceTables;
import org.charybdis.storage.engine.RequestTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The node's query tracing: a request the client asks to trace (the protocol's tracing flag) gets a session whose id
 * goes back in the response, and whose events the request records as it goes ({@link TraceState}). A share of the
 * other requests ({@code trace_probability}, {@code nodetool settraceprobability}) is traced too, silently, as
 * Cassandra's probabilistic tracing is. ScyllaDB's slow query log ({@link SlowQueryLog}) times every request and
 * records the slow ones in {@code system_traces.node_slow_log} with a session: their events too when they were traced
 * anyway (or when the log is not {@code fast}), else the session alone, so a fast request pays one clock read. Once
 * the response is sent, sessions, events and slow query rows are written to {@code system_traces} in the maintenance
 * scheduling group, so the request never waits for them. A request nobody traces carries {@link RequestTrace#NONE}.
 */
public final class Tracing {
    private static final Logger log = LoggerFactory.getLogger(Tracing.class);
    /** The sessions' {@code command}: Cassandra traces queries only. */
    private static final String COMMAND = "QUERY";

    private final ShardRuntime runtime;
    private final TraceTables tables;
    private final SlowQueryStatement slowQueryStatements;
    /** One generator per shard: session ids are made on the connection's shard, and a generator is not thread-safe. */
    private final TimeUuidGenerator[] sessionIds;
    private volatile double probability;
    private volatile SlowQueryLog slowQueryLog;

    public Tracing(ShardRuntime runtime, TraceTables tables, double probability, SlowQueryLog slowQueryLog,
                   Function<byte[], PreparedStatements.Prepared> prepared) {
        this.runtime = runtime;
        this.tables = tables;
        this.probability = probability;
        this.slowQueryLog = slowQueryLog;
        this.slowQueryStatements = new SlowQueryStatement(prepared);
        this.sessionIds = new TimeUuidGenerator[runtime.shardCount()];
        for (int i = 0; i < sessionIds.length; i++) sessionIds[i] = new TimeUuidGenerator();
    }

    /** The share of requests traced without the client asking. */
    public double probability() {
        return probability;
    }

    /** Sets the share of requests traced without the client asking, 0 to 1 (the caller checked it). */
    public void probability(double probability) {
        this.probability = probability;
    }

    public SlowQueryLog slowQueryLog() {
        return slowQueryLog;
    }

    /** Changes the slow query log's settings until restart (the caller checked them). */
    public void slowQueryLog(SlowQueryLog settings) {
        this.slowQueryLog = settings;
    }

    /**
     * The trace of a request that arrived at {@code startNanos} on the calling shard: a new session if the client asked
     * ({@code requested}), the request is in the sampled share or the slow query log keeps every request's events,
     * else {@link RequestTrace#NONE}. Requests that run no statement (REGISTER) are not traced.
     */
    public RequestTrace begin(Request request, ClientState client, long startNanos, boolean requested) {
        TraceState.Origin origin = requested ? TraceState.Origin.REQUESTED
                : sampled() ? TraceState.Origin.SAMPLED
                : slowQueryLog.recordsEveryRequest() ? TraceState.Origin.SLOW_CANDIDATE : null;
        if (origin == null) return RequestTrace.NONE;
        String type = requestType(request);
        if (type == null) return RequestTrace.NONE;
        return new TraceState(nextSessionId(), COMMAND, type, parameters(request), client.source(), startNanos, origin);
    }

    private boolean sampled() {
        double p = probability;
        return p > 0 && ThreadLocalRandom.current().nextDouble() < p;
    }

    /**
     * Ends a request that arrived at {@code startNanos}, once its response is sent: writes its session if it was
     * traced, and its slow query record if it was slow, in the background. A fast untraced request only reads the clock.
     */
    public void complete(RequestTrace trace, Request request, ClientState client, long startNanos) {
        SlowQueryLog slowLog = slowQueryLog;
        long elapsedNanos = System.nanoTime() - startNanos;
        boolean slow = slowLog.isSlow(elapsedNanos);
        if (trace instanceof TraceState state) {
            if (state.origin() == TraceState.Origin.SLOW_CANDIDATE && !slow) return;
            int ttl = state.origin() == TraceState.Origin.SLOW_CANDIDATE ? slowLog.ttlSeconds() : TraceTables.TTL_SECONDS;
            TraceTables.Session session = state.complete();
            write(session, state.events(), ttl, slow ? () -> slowQuery(session, request, client) : null, slowLog.ttlSeconds());
        } else if (slow && requestType(request) != null) {
            // lightweight: what the request was and how long it took, without events
            TraceTables.Session session = new TraceTables.Session(nextSessionId(), COMMAND, requestType(request), parameters(request),
                    client.source(), TraceState.wallClockMillis(startNanos), TraceState.micros(elapsedNanos));
            write(session, List.of(), slowLog.ttlSeconds(), () -> slowQuery(session, request, client), slowLog.ttlSeconds());
        }
    }

    /**
     * Writes a session (events first), then the slow query record {@code slowQuery} makes, if any, in the calling shard's
     * maintenance group: describing the statement may parse it again, so that too waits for the maintenance group.
     */
    private void write(TraceTables.Session session, List<TraceTables.Event> events, int ttl, Supplier<TraceTables.SlowQuery> slowQuery,
                       int slowTtl) {
        Shard.current().execute(runtime.group(ShardRuntime.MAINTENANCE), () -> tables.write(session, events, ttl)
                .thenCompose(written -> slowQuery == null ? CompletableFuture.<Void>completedFuture(null) : tables.writeSlowQuery(slowQuery.get(), slowTtl))
                .whenComplete((v, failure) -> {
                    if (failure != null) log.debug("Tracing session {} not written", session.id(), failure);
                }));
    }

    private TraceTables.SlowQuery slowQuery(TraceTables.Session session, Request request, ClientState client) {
        String user = client.user() == null ? null : client.user().name();
        SlowQueryStatement.Described statement = slowQueryStatements.describe(request, client);
        return new TraceTables.SlowQuery(session, statement.text(), statement.tables(), user, Shard.current().id());
    }

    /** Records, on the calling shard, that the request's work on a partition goes to shard {@code owner}, if that is another. */
    public static void hop(RequestTrace trace, int owner) {
        if (!trace.enabled()) return;
        Shard caller = Shard.current();
        if (caller != null && caller.id() != owner) trace.event("Sending to shard " + owner);
    }

    /** The session id the response carries: null unless the client asked for the trace. */
    public static UUID responseTracingId(RequestTrace trace) {
        return trace instanceof TraceState state && state.origin() == TraceState.Origin.REQUESTED ? state.sessionId() : null;
    }

    /** What a session's {@code request} column says of the request; null for those that run no statement. */
    private static String requestType(Request request) {
        return switch (request) {
            case QueryRequest ignored -> "Execute CQL3 query";
            case ExecuteRequest ignored -> "Execute CQL3 prepared query";
            case BatchRequest ignored -> "Execute batch of CQL3 queries";
            case PrepareRequest ignored -> "Preparing CQL3 query";
            default -> null;
        };
    }

    private UUID nextSessionId() {
        return (UUID) NativeType.TIMEUUID.deserialize(sessionIds[Shard.current().id()].next());
    }

    /** What Cassandra records of the request: its text, consistency and page size. */
    private static Map<String, String> parameters(Request request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        QueryOptions options = switch (request) {
            case QueryRequest query -> {
                parameters.put("query", query.query());
                yield query.options();
            }
            case ExecuteRequest execute -> execute.options();
            case BatchRequest batch -> batch.options();
            case PrepareRequest prepare -> {
                parameters.put("query", prepare.query());
                yield null;
            }
            default -> null;
        };
        if (options != null) {
            parameters.put("consistency_level", options.consistency().name());
            if (options.pageSize() > 0) parameters.put("page_size", Integer.toString(options.pageSize()));
            parameters.put("serial_consistency_level", options.serialConsistency().name());
        }
        return parameters;
    }
}
