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
    private final UUID sessionId;
    private final String command;
    private final String request;
    private final Map<String, String> parameters;
    private final InetAddress client;
    private final long startedAtMillis;
    private final long startNanos;
    private final boolean requested;
    private final ConcurrentLinkedQueue<TraceTables.Event> events = new ConcurrentLinkedQueue<>();

    TraceState(UUID sessionId, String command, String request, Map<String, String> parameters, InetAddress client, long startNanos,
               boolean requested) {
        this.sessionId = sessionId;
        this.command = command;
        this.request = request;
        this.parameters = parameters;
        this.client = client;
        this.startNanos = startNanos;
        this.requested = requested;
        this.startedAtMillis = System.currentTimeMillis() - (System.nanoTime() - startNanos) / 1_000_000;
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

    /** True when the client asked for the trace (the protocol's tracing flag), false when the request was sampled. */
    boolean requested() {
        return requested;
    }

    /** Ends the session: the session row, its duration counted up to now. */
    TraceTables.Session complete() {
        event("Request complete");
        long micros = (System.nanoTime() - startNanos) / 1000;
        return new TraceTables.Session(sessionId, command, request, parameters, client, startedAtMillis, (int) Math.min(Integer.MAX_VALUE, micros));
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
