package org.charybdis.server.service;

import org.charybdis.cql.exceptions.WriteType;
import org.charybdis.cql.messages.ConsistencyLevel;
import org.charybdis.server.config.ServerConfig;

import java.time.Duration;

/**
 * The configured timeout of each kind of request ({@code *_request_timeout_in_ms}, Cassandra's defaults). A
 * service level's timeout replaces them for its roles, and a statement's {@code USING TIMEOUT} replaces both.
 */
public final class RequestTimeouts {
    private final TimeoutStats stats = new TimeoutStats();
    private final Duration read;
    private final Duration range;
    private final Duration write;
    private final Duration counterWrite;
    private final Duration cas;
    private final Duration truncate;

    public RequestTimeouts(ServerConfig config) {
        this.read = millis(config.get(ServerConfig.READ_REQUEST_TIMEOUT_IN_MS));
        this.range = millis(config.get(ServerConfig.RANGE_REQUEST_TIMEOUT_IN_MS));
        this.write = millis(config.get(ServerConfig.WRITE_REQUEST_TIMEOUT_IN_MS));
        this.counterWrite = millis(config.get(ServerConfig.COUNTER_WRITE_REQUEST_TIMEOUT_IN_MS));
        // as in Cassandra, a transaction may contend for its partition, then commit like a write
        this.cas = millis(config.get(ServerConfig.CAS_CONTENTION_TIMEOUT_IN_MS)).plus(write);
        this.truncate = millis(config.get(ServerConfig.TRUNCATE_REQUEST_TIMEOUT_IN_MS));
    }

    /** A deadline {@code timeout} (null: the configured one of its kind) after the request arrived at {@code startNanos}. */
    public Deadline deadline(long startNanos, Duration timeout, Deadline.Kind kind, ConsistencyLevel consistency, WriteType writeType) {
        return Deadline.of(startNanos, timeout != null ? timeout : of(kind), kind, consistency, writeType, stats);
    }

    /** The timeouts and abandoned work of every request so far. */
    public TimeoutStats stats() {
        return stats;
    }

    public Duration of(Deadline.Kind kind) {
        return switch (kind) {
            case READ -> read;
            case RANGE -> range;
            case WRITE -> write;
            case COUNTER_WRITE -> counterWrite;
            case CAS -> cas;
            case TRUNCATE -> truncate;
        };
    }

    private static Duration millis(int value) {
        return Duration.ofMillis(value);
    }
}
