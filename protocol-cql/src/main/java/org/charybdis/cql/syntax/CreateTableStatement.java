package org.charybdis.cql.syntax;

import java.util.List;

/**
 * {@code CREATE TABLE [IF NOT EXISTS] t (columns, PRIMARY KEY (...)) [WITH options]}. Every primary key
 * declaration (inline {@code c int PRIMARY KEY} or a {@code PRIMARY KEY (...)} clause) is listed in
 * order; a valid table has exactly one, which the server checks.
 */
public record CreateTableStatement(
        QualifiedName table,
        boolean ifNotExists,
        List<ColumnDefinition> columns,
        List<PrimaryKey> primaryKeys,
        TableOptions options) implements SchemaStatement {

    public CreateTableStatement {
        columns = List.copyOf(columns);
        primaryKeys = List.copyOf(primaryKeys);
    }
}
