package org.charybdis.cql.syntax;

/** {@code DROP INDEX [IF EXISTS] [ks.]index}. */
public record DropIndexStatement(QualifiedName index, boolean ifExists) implements SchemaStatement {}
