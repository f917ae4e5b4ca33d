package org.charybdis.cql.syntax;

import java.util.List;

/** {@code DROP FUNCTION [IF EXISTS] f [(types)]}; argumentTypes is null without a signature. */
public record DropFunctionStatement(QualifiedName function, boolean ifExists, List<RawType> argumentTypes) implements SchemaStatement {
    public DropFunctionStatement {
        argumentTypes = argumentTypes == null ? null : List.copyOf(argumentTypes);
    }
}
