package org.charybdis.cql.syntax;

import java.util.List;

/** {@code UPDATE t [USING ..] SET ops WHERE relations [IF EXISTS | IF conditions]}. */
public record UpdateStatement(
        QualifiedName table,
        Attributes attributes,
        List<Operation> operations,
        List<Relation> where,
        boolean ifExists,
        List<Condition> conditions,
        List<Term.BindMarker> bindMarkers) implements ModificationStatement {

    public UpdateStatement {
        operations = List.copyOf(operations);
        where = List.copyOf(where);
        conditions = List.copyOf(conditions);
        bindMarkers = List.copyOf(bindMarkers);
    }

    /** True for a lightweight transaction (IF EXISTS or IF conditions). */
    public boolean isConditional() {
        return ifExists || !conditions.isEmpty();
    }
}
