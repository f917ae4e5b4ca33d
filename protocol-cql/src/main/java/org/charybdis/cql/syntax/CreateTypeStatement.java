package org.charybdis.cql.syntax;

import java.util.List;

/** {@code CREATE TYPE [IF NOT EXISTS] t (field type, ...)}. */
public record CreateTypeStatement(QualifiedName type, boolean ifNotExists, List<FieldDefinition> fields) implements SchemaStatement {
    public CreateTypeStatement {
        fields = List.copyOf(fields);
    }
}
