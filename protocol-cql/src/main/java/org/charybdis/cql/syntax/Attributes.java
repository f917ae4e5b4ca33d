package org.charybdis.cql.syntax;

/** {@code USING TIMESTAMP t AND TTL n}: each is an integer literal, a bind marker, or null when absent. */
public record Attributes(Term timestamp, Term ttl) {
    public static final Attributes NONE = new Attributes(null, null);

    public boolean isEmpty() {
        return timestamp == null && ttl == null;
    }
}
