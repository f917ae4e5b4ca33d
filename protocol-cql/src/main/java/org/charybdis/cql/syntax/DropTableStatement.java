package org.charybdis.cql.syntax;

/** {@code DROP TABLE [IF EXISTS] t}. */
public record DropTableStatement(QualifiedName table, boolean ifExists) implements SchemaStatement {}
