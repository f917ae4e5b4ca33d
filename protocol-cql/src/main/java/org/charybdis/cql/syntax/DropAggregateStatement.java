package org.charybdis.cql.syntax;

import java.util.List;

/** {@code DROP AGGREGATE [IF EXISTS] a [(types)]}; argumentTypes is null without a signature. */
public record DropAggregateStatement(QualifiedName aggregate, boolean ifExists, List<RawType> argumentTypes) implements SchemaStatement {
    public DropAggregateStatement {
        argumentTypes = argumentTypes == null ? null : List.copyOf(argumentTypes);
    }
}
