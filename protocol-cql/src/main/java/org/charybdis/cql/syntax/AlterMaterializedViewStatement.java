package org.charybdis.cql.syntax;

/** {@code ALTER MATERIALIZED VIEW [IF EXISTS] v WITH options}. */
public record AlterMaterializedViewStatement(QualifiedName view, boolean ifExists, TableOptions options) implements SchemaStatement {}
