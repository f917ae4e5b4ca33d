package org.charybdis.cql.syntax;

import java.util.List;

/**
 * {@code DELETE [targets] FROM t [USING TIMESTAMP x] WHERE relations [IF EXISTS | IF conditions]};
 * no targets means the whole row(s).
 */
public record DeleteStatement(
        QualifiedName table,
        List<ColumnPath> targets,
        Attributes attributes,
        List<Relation> where,
        boolean ifExists,
        List<Condition> conditions,
        List<Term.BindMarker> bindMarkers) implements ModificationStatement {

    public DeleteStatement {
        targets = List.copyOf(targets);
        where = List.copyOf(where);
        conditions = List.copyOf(conditions);
        bindMarkers = List.copyOf(bindMarkers);
    }

    public boolean isConditional() {
        return ifExists || !conditions.isEmpty();
    }
}
