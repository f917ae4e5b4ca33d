package org.charybdis.cql.syntax;

import java.util.List;

/**
 * {@code BEGIN [UNLOGGED|COUNTER] BATCH [USING TIMESTAMP x] statements APPLY BATCH}. Bind marker
 * indexes run across the whole batch; each child lists its own markers with those indexes.
 */
public record BatchStatement(
        Type type,
        Attributes attributes,
        List<ModificationStatement> statements,
        List<Term.BindMarker> bindMarkers) implements Statement {

    public enum Type { LOGGED, UNLOGGED, COUNTER }

    public BatchStatement {
        statements = List.copyOf(statements);
        bindMarkers = List.copyOf(bindMarkers);
    }
}
