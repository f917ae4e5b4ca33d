package org.charybdis.cql.syntax;

/** {@code DROP TYPE [IF EXISTS] t}. */
public record DropTypeStatement(QualifiedName type, boolean ifExists) implements SchemaStatement {}
