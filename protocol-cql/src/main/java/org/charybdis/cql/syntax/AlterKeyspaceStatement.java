package org.charybdis.cql.syntax;

import java.util.Map;

/** {@code ALTER KEYSPACE [IF EXISTS] ks WITH options}. */
public record AlterKeyspaceStatement(String keyspace, boolean ifExists, Map<String, Term> options) implements SchemaStatement {
    public AlterKeyspaceStatement {
        options = OrderedMaps.copyOf(options);
    }
}
