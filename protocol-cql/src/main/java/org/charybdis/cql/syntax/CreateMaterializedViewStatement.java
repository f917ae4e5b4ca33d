package org.charybdis.cql.syntax;

import java.util.List;

/**
 * {@code CREATE MATERIALIZED VIEW [IF NOT EXISTS] v AS SELECT selection FROM base WHERE ...
 * PRIMARY KEY (...) [WITH options]}; an empty selection means {@code *}.
 */
public record CreateMaterializedViewStatement(
        QualifiedName view,
        boolean ifNotExists,
        QualifiedName baseTable,
        List<Selection> selection,
        List<Relation> where,
        PrimaryKey primaryKey,
        TableOptions options) implements SchemaStatement {

    public CreateMaterializedViewStatement {
        selection = List.copyOf(selection);
        where = List.copyOf(where);
    }
}
