package org.charybdis.cql.syntax;

/** {@code DROP MATERIALIZED VIEW [IF EXISTS] v}. */
public record DropMaterializedViewStatement(QualifiedName view, boolean ifExists) implements SchemaStatement {}
