package org.charybdis.server.transport;

import org.charybdis.cql.exceptions.OverloadedException;
import org.charybdis.scheduler.Shard;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One shard's admission of client requests, by the number and the bytes of requests in flight (decoded and not yet
 * answered). Within the limits a request runs at once. Beyond them it waits here, and its connection stops reading
 * from its socket until its requests are admitted: the backpressure reaches the clients through TCP, so the shard's
 * memory stays bounded however many requests they send. A request that waited past its queue timeout is answered
 * OverloadedException instead of being run late; one whose service level is a batch workload only waits (it is
 * throttled, never shed). Owned by the shard's thread; no locks.
 */
public final class RequestAdmission {
    /** How often queued requests are checked for their timeout while the shard is saturated. */
    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final int shard;
    private final int maxRequests;
    private final long maxBytes;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private int requests;
    private long bytes;
    private long shed;
    private boolean sweepScheduled;

    /** A request waiting for admission: what to run once admitted, or to tell when it is shed. */
    interface Pending {
        /** Runs the request; it must call {@link #release} with its size once answered. */
        void admit();

        /** Answers the request with this error instead (it waited too long). */
        void shed(OverloadedException error);
    }

    private record Waiting(Pending request, long size, long queuedAtNanos, long timeoutNanos) {}

    /** One admission per shard, each with the per-shard limits. */
    public static RequestAdmission[] perShard(int shards, int maxRequests, long maxBytes) {
        RequestAdmission[] admissions = new RequestAdmission[shards];
        for (int i = 0; i < shards; i++) admissions[i] = new RequestAdmission(i, maxRequests, maxBytes);
        return admissions;
    }

    RequestAdmission(int shard, int maxRequests, long maxBytes) {
        this.shard = shard;
        this.maxRequests = maxRequests;
        this.maxBytes = maxBytes;
    }

    /**
     * Admits the request now if the shard has room and nobody waits before it (true), else queues it (false; the
     * caller pauses its connection). {@code timeoutNanos} is how long it may wait; Long.MAX_VALUE never sheds it.
     */
    boolean admitOrQueue(Pending request, long size, long timeoutNanos) {
        if (queue.isEmpty() && fits(size)) {
            take(size);
            return true;
        }
        queue.add(new Waiting(request, size, System.nanoTime(), timeoutNanos));
        scheduleSweep();
        return false;
    }

    /** An admitted request was answered: its room goes to the requests waiting, in arrival order. */
    void release(long size) {
        requests--;
        bytes -= size;
        drain();
    }

    /** Admitted requests not yet answered; read by metrics from any thread (a stale value is fine). */
    public int inFlight() { return requests; }

    public long bytesInFlight() { return bytes; }

    public int queued() { return queue.size(); }

    /** Requests answered Overloaded since start. */
    public long shed() { return shed; }

    private boolean fits(long size) {
        // one request alone is always admitted, however large: the frame size limit bounds it
        return requests == 0 || (requests < maxRequests && bytes + size <= maxBytes);
    }

    private void take(long size) {
        requests++;
        bytes += size;
    }

    private void drain() {
        long now = System.nanoTime();
        Waiting next;
        while ((next = queue.peek()) != null) {
            if (expired(next, now)) {
                queue.poll();
                shedOne(next, now);
            } else if (fits(next.size())) {
                queue.poll();
                take(next.size());
                next.request().admit();
            } else {
                return;
            }
        }
    }

    private static boolean expired(Waiting waiting, long now) {
        return waiting.timeoutNanos() != Long.MAX_VALUE && now - waiting.queuedAtNanos() > waiting.timeoutNanos();
    }

    private void shedOne(Waiting waiting, long now) {
        shed++;
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(now - waiting.queuedAtNanos());
        waiting.request().shed(new OverloadedException("Shard " + shard + " is overloaded: the request waited " + waitedMillis
                + " ms for admission behind " + requests + " requests (" + bytes + " bytes) in flight, longer than its timeout"));
    }

    /** While requests wait, checks them for their timeout even if nothing completes (a stuck disk). */
    private void scheduleSweep() {
        Shard current = Shard.current();
        if (sweepScheduled || current == null) return;
        sweepScheduled = true;
        current.eventLoop().schedule(this::sweep, SWEEP_NANOS, TimeUnit.NANOSECONDS);
    }

    private void sweep() {
        sweepScheduled = false;
        long now = System.nanoTime();
        // expired requests anywhere in the queue are shed; the others keep their order
        int n = queue.size();
        for (int i = 0; i < n; i++) {
            Waiting waiting = queue.poll();
            if (expired(waiting, now)) shedOne(waiting, now);
            else queue.add(waiting);
        }
        drain();
        if (!queue.isEmpty()) scheduleSweep();
    }
}
