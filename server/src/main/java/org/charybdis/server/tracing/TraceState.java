package org.charybdis.server.tracing;

import org.charybdis.scheduler.Shard;
import org.charybdis.server.system.TraceTables;
import org.charybdis.storage.engine.RequestTrace;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One traced request (a tracing session): what it is, who sent it, and the events it recorded on its way through the
 * coordinator and the shards, buffered until the response is sent. Shards the request hops to add events while the
 * coordinator waits, so the buffer takes events from any thread.
 */
public final class TraceState implements RequestTrace {
    /** Why the request is traced. */
    enum Origin {
        /** The client asked (the protocol's tracing flag): the response carries the session id. */
        REQUESTED,
        /** Picked by {@code trace_probability}. */
        SAMPLED,
        /** Traced in case it turns out slow (the slow query log without {@code fast}): kept only if it does. */
        SLOW_CANDIDATE
    }

    private final UUID sessionId;
    private final String command;
    private final String request;
    private final Map<String, String> parameters;
    private final InetAddress client;
    private final long startedAtMillis;
    private final long startNanos;
    private final Origin origin;
    private final ConcurrentLinkedQueue<TraceTables.Event> events = new ConcurrentLinkedQueue<>();

    TraceState(UUID sessionId, String command, String request, Map<String, String> parameters, InetAddress client, long startNanos,
               Origin origin) {
        this.sessionId = sessionId;
        this.command = command;
        this.request = request;
        this.parameters = parameters;
        this.client = client;
        this.startNanos = startNanos;
        this.origin = origin;
        this.startedAtMillis = wallClockMillis(startNanos);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public void event(String activity) {
        events.add(new TraceTables.Event(activity, System.nanoTime() - startNanos, threadName()));
    }

    public UUID sessionId() {
        return sessionId;
    }

    Origin origin() {
        return origin;
    }

    /** Ends the session: the session row, its duration counted up to now. */
    TraceTables.Session complete() {
        event("Request complete");
        return new TraceTables.Session(sessionId, command, request, parameters, client, startedAtMillis, micros(System.nanoTime() - startNanos));
    }

    /** The wall-clock time, in milliseconds since the epoch, of the moment {@code System.nanoTime()} was {@code nanos}. */
    static long wallClockMillis(long nanos) {
        return System.currentTimeMillis() - (System.nanoTime() - nanos) / 1_000_000;
    }

    /** A duration as the tables hold it: whole microseconds, at most an int's worth. */
    static int micros(long nanos) {
        return (int) Math.min(Integer.MAX_VALUE, nanos / 1000);
    }

    /** The events in the order they happened (shards add theirs concurrently). */
    List<TraceTables.Event> events() {
        List<TraceTables.Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(TraceTables.Event::elapsedNanos));
        return sorted;
    }

    /** Cassandra names the thread; a shard's thread runs every request of the shard, so the shard is what tells. */
    private static String threadName() {
        Shard shard = Shard.current();
        return shard == null ? Thread.currentThread().getName() : "shard " + shard.id();
    }
}
