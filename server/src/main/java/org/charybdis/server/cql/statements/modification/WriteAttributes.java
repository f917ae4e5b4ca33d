package org.charybdis.server.cql.statements.modification;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.syntax.Attributes;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.UsingTimeout;
import org.charybdis.server.cql.terms.BindVariables;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.cql.terms.Terms;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A statement's compiled {@code USING TIMESTAMP t AND TTL n AND TIMEOUT d}. Markers receive {@code [timestamp]}
 * (bigint) and {@code [ttl]} (int), as Cassandra names them, and {@code [timeout]} (duration), as ScyllaDB does.
 */
final class WriteAttributes {
    /** Cassandra's limit: 20 years. */
    static final int MAX_TTL = 630_720_000;
    /** 2038-01-19T03:14:06Z, the last expiration second Cassandra 5.0 stores. */
    private static final long MAX_EXPIRATION_SECONDS = Integer.MAX_VALUE - 1L;

    private final BoundValue timestamp;
    private final BoundValue ttl;
    private final UsingTimeout timeout;

    private WriteAttributes(BoundValue timestamp, BoundValue ttl, UsingTimeout timeout) {
        this.timestamp = timestamp;
        this.ttl = ttl;
        this.timeout = timeout;
    }

    static WriteAttributes compile(Attributes attributes, BindVariables variables) {
        BoundValue timestamp = attributes.timestamp() == null ? null
                : Terms.resolve(attributes.timestamp(), NativeType.BIGINT, "[timestamp]", variables);
        BoundValue ttl = attributes.ttl() == null ? null
                : Terms.resolve(attributes.ttl(), NativeType.INT, "[ttl]", variables);
        WriteAttributes compiled = new WriteAttributes(timestamp, ttl, UsingTimeout.compile(attributes.timeout(), variables));
        if (ttl instanceof BoundValue.Constant constant) compiled.checkTtl(constant.value());
        return compiled;
    }

    boolean hasTimestamp() {
        return timestamp != null;
    }

    boolean hasTtl() {
        return ttl != null;
    }

    boolean hasTimeout() {
        return timeout != UsingTimeout.NONE;
    }

    /** The {@code USING TIMEOUT} of this execution, or null. */
    Duration timeout(ExecutionContext context) {
        return timeout.bind(context);
    }

    /** Cassandra's refusals for a write to a counter table: the server chooses counter timestamps, counters never expire. */
    void checkForCounterTable() {
        if (timestamp != null) throw new InvalidRequestException("Cannot provide custom timestamp for counter updates");
        if (ttl != null) throw new InvalidRequestException("Cannot provide custom TTL for counter updates");
    }

    /** The given timestamp, else the execution's (client default timestamp, batch timestamp or server clock). */
    long timestamp(ExecutionContext context) {
        if (timestamp == null) return context.timestampMicros();
        ByteBuffer value = timestamp.bind(context);
        if (value == null) throw new InvalidRequestException("Invalid null value of timestamp");
        if (value == QueryOptions.UNSET) return context.timestampMicros();
        long micros = value.getLong(value.position());
        if (micros == Long.MIN_VALUE) throw new InvalidRequestException("Invalid timestamp value: " + micros);
        return micros;
    }

    /** The given TTL (0 and null mean none), else the table's default. */
    int ttl(ExecutionContext context, int defaultTtl) {
        if (ttl == null) return defaultTtl;
        ByteBuffer value = ttl.bind(context);
        if (value == null) return 0;
        if (value == QueryOptions.UNSET) return defaultTtl;
        return checkTtl(value);
    }

    /**
     * Cassandra 5.0 keeps expirations in 32-bit seconds and, by its default overflow policy, refuses a write that
     * would expire after 2038-01-19T03:14:06Z.
     */
    static void checkExpiration(String keyspace, String table, int ttl, boolean defaultTtl, long nowInSeconds) {
        if (ttl > 0 && nowInSeconds + ttl > MAX_EXPIRATION_SECONDS) {
            throw new InvalidRequestException("Request on table " + keyspace + "." + table + " with " + (defaultTtl ? "default " : "")
                    + "ttl of " + ttl + " seconds exceeds maximum supported expiration date of 2038-01-19T03:14:06+00:00. "
                    + "In order to avoid this use a lower TTL, change the expiration date overflow policy or upgrade to a "
                    + "version where this limitation is fixed. See CASSANDRA-14092 and CASSANDRA-14227 for more details.");
        }
    }

    private int checkTtl(ByteBuffer value) {
        if (value == null) throw new InvalidRequestException("Invalid null value of TTL");
        int seconds = value.getInt(value.position());
        if (seconds < 0) throw new InvalidRequestException("A TTL must be greater or equal to 0, but was " + seconds);
        if (seconds > MAX_TTL) {
            throw new InvalidRequestException("ttl is too large. requested (" + seconds + ") maximum (" + MAX_TTL + ")");
        }
        return seconds;
    }
}
