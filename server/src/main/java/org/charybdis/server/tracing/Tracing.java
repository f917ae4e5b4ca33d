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
import org.charybdis.server.system.TraceTables;
import org.charybdis.storage.engine.RequestTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The node's query tracing: a request the client asks to trace (the protocol's tracing flag) gets a session whose id
 * goes back in the response, and whose events the request records as it goes ({@link TraceState}). A share of the
 * other requests ({@code trace_probability}, {@code nodetool settraceprobability}) is traced too, silently, as
 * Cassandra's probabilistic tracing is. Once the response
 * is sent, the session and its events are written to {@code system_traces} in the maintenance scheduling group, so
 * the traced request never waits for them. A request nobody traces carries {@link RequestTrace#NONE}.
 */
public final class Tracing {
    private static final Logger log = LoggerFactory.getLogger(Tracing.class);

    private final ShardRuntime runtime;
    private final TraceTables tables;
    /** One generator per shard: session ids are made on the connection's shard, and a generator is not thread-safe. */
    private final TimeUuidGenerator[] sessionIds;
    private volatile double probability;

    public Tracing(ShardRuntime runtime, TraceTables tables, double probability) {
        this.runtime = runtime;
        this.tables = tables;
        this.probability = probability;
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

    /**
     * The trace of a request that arrived at {@code startNanos} on the calling shard: a new session if the client asked
     * ({@code requested}) or the request is in the sampled share, else {@link RequestTrace#NONE}. Requests that run
     * no statement (REGISTER) are not traced.
     */
    public RequestTrace begin(Request request, ClientState client, long startNanos, boolean requested) {
        if (!requested && !sampled()) return RequestTrace.NONE;
        String description = switch (request) {
            case QueryRequest ignored -> "Execute CQL3 query";
            case ExecuteRequest ignored -> "Execute CQL3 prepared query";
            case BatchRequest ignored -> "Execute batch of CQL3 queries";
            case PrepareRequest ignored -> "Preparing CQL3 query";
            default -> null;
        };
        if (description == null) return RequestTrace.NONE;
        return new TraceState(nextSessionId(), "QUERY", description, parameters(request), client.source(), startNanos, requested);
    }

    private boolean sampled() {
        double p = probability;
        return p > 0 && ThreadLocalRandom.current().nextDouble() < p;
    }

    /** Ends a traced request once its response is sent, and writes its session in the background; untraced ones pass. */
    public void complete(RequestTrace trace) {
        if (!(trace instanceof TraceState state)) return;
        TraceTables.Session session = state.complete();
        Shard.current().execute(runtime.group(ShardRuntime.MAINTENANCE), () -> tables.write(session, state.events()).whenComplete((v, failure) -> {
            if (failure != null) log.debug("Tracing session {} not written", session.id(), failure);
        }));
    }

    /** Records, on the calling shard, that the request's work on a partition goes to shard {@code owner}, if that is another. */
    public static void hop(RequestTrace trace, int owner) {
        if (!trace.enabled()) return;
        Shard caller = Shard.current();
        if (caller != null && caller.id() != owner) trace.event("Sending to shard " + owner);
    }

    /** The session id the response carries: null unless the client asked for the trace. */
    public static UUID responseTracingId(RequestTrace trace) {
        return trace instanceof TraceState state && state.requested() ? state.sessionId() : null;
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
