package org.charybdis.server.service;

import org.charybdis.cql.exceptions.CqlException;
import org.charybdis.cql.exceptions.ReadTimeoutException;
import org.charybdis.cql.exceptions.TruncateException;
import org.charybdis.cql.exceptions.WriteTimeoutException;
import org.charybdis.cql.exceptions.WriteType;
import org.charybdis.cql.messages.ConsistencyLevel;

import java.time.Duration;

/**
 * When a request must be answered by, and the error it gets if it is not: Cassandra's ReadTimeout or WriteTimeout
 * (with the request's consistency and write type), or a truncate error. The coordinator answers with that error once
 * the deadline passes, and the request's remaining work stops at its next checkpoint ({@link #check}): before a
 * queued task starts on a shard, between partitions of a scan, between internal pages. Immutable.
 */
public final class Deadline {
    /** What kind of request it is: decides the timeout key and the error. */
    public enum Kind { READ, RANGE, WRITE, COUNTER_WRITE, CAS, TRUNCATE }

    /** For internal work that has no deadline (start-up, schema and auth bookkeeping). */
    public static final Deadline NONE = new Deadline(Kind.READ, Long.MAX_VALUE, 0, ConsistencyLevel.ONE, WriteType.SIMPLE, true,
            new TimeoutStats());

    private final Kind kind;
    private final long timeoutNanos;
    private final long expiresAtNanos;
    private final ConsistencyLevel consistency;
    private final WriteType writeType;
    private final boolean unbounded;
    private final TimeoutStats stats;

    private Deadline(Kind kind, long timeoutNanos, long expiresAtNanos, ConsistencyLevel consistency, WriteType writeType,
                     boolean unbounded, TimeoutStats stats) {
        this.kind = kind;
        this.timeoutNanos = timeoutNanos;
        this.expiresAtNanos = expiresAtNanos;
        this.consistency = consistency;
        this.writeType = writeType;
        this.unbounded = unbounded;
        this.stats = stats;
    }

    /**
     * A deadline {@code timeout} after {@code startNanos} ({@link System#nanoTime()} when the request arrived, so time
     * spent queued counts); {@code writeType} matters for writes only; {@code stats} counts its timeouts.
     */
    public static Deadline of(long startNanos, Duration timeout, Kind kind, ConsistencyLevel consistency, WriteType writeType,
                              TimeoutStats stats) {
        long nanos = Math.max(0, timeout.toNanos());
        return new Deadline(kind, nanos, startNanos + nanos, consistency, writeType, false, stats);
    }

    public Kind kind() { return kind; }

    /** The request's consistency level, for the errors it may get. */
    public ConsistencyLevel consistency() { return consistency; }

    /** The write type a write's errors report (SIMPLE, BATCH, CAS, COUNTER...). */
    public WriteType writeType() { return writeType; }

    public boolean isUnbounded() { return unbounded; }

    /** The timeout this deadline was set with. */
    public Duration timeout() { return Duration.ofNanos(timeoutNanos); }

    public boolean expired() {
        return !unbounded && System.nanoTime() - expiresAtNanos >= 0;
    }

    /** Nanoseconds left (0 once expired); Long.MAX_VALUE when unbounded. */
    public long remainingNanos() {
        if (unbounded) return Long.MAX_VALUE;
        return Math.max(0, expiresAtNanos - System.nanoTime());
    }

    /** A checkpoint: once the deadline has passed, the work stops here with the timeout error. */
    public void check() {
        if (expired()) {
            stats.countAbandoned(kind);
            throw timeoutError();
        }
    }

    /** Notes how a request under this deadline ended: a timeout answer is counted. */
    void noteFailure(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        boolean timeout = cause instanceof ReadTimeoutException || cause instanceof WriteTimeoutException || cause instanceof TruncateException;
        if (timeout && !unbounded && expired()) stats.countTimedOut(kind);
    }

    /** The same deadline for a write of another type (a batch's, a CAS's). */
    public Deadline withWriteType(WriteType type) {
        return new Deadline(kind, timeoutNanos, expiresAtNanos, consistency, type, unbounded, stats);
    }

    /** The error a request past this deadline gets, as Cassandra reports a single replica that did not answer. */
    public CqlException timeoutError() {
        return switch (kind) {
            case READ, RANGE -> new ReadTimeoutException(consistency, 0, 1, false);
            case WRITE, COUNTER_WRITE, CAS -> new WriteTimeoutException(consistency, 0, 1, writeType);
            case TRUNCATE -> new TruncateException("Error during truncate: the truncation did not complete within "
                    + timeout().toMillis() + " ms (truncate_request_timeout_in_ms)");
        };
    }

    @Override
    public String toString() {
        return unbounded ? "no deadline" : kind + " deadline in " + remainingNanos() / 1000 + " us";
    }
}
