package org.charybdis.cql.syntax;

/**
 * {@code USING TIMESTAMP t AND TTL n AND TIMEOUT d}: timestamp and TTL are integer literals or bind markers,
 * the timeout (ScyllaDB's) a duration literal or a bind marker; each is null when absent.
 */
public record Attributes(Term timestamp, Term ttl, Term timeout) {
    public static final Attributes NONE = new Attributes(null, null, null);

    public Attributes(Term timestamp, Term ttl) {
        this(timestamp, ttl, null);
    }

    public boolean isEmpty() {
        return timestamp == null && ttl == null && timeout == null;
    }
}
