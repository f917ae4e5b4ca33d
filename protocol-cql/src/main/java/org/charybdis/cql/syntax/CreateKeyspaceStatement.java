package org.charybdis.cql.syntax;

import java.util.Map;

/** {@code CREATE KEYSPACE [IF NOT EXISTS] ks WITH replication = {...} AND durable_writes = ...}. */
public record CreateKeyspaceStatement(String keyspace, boolean ifNotExists, Map<String, Term> options) implements SchemaStatement {
    public CreateKeyspaceStatement {
        options = OrderedMaps.copyOf(options);
    }
}
