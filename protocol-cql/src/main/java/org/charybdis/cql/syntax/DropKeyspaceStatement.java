package org.charybdis.cql.syntax;

/** {@code DROP KEYSPACE [IF EXISTS] ks}. */
public record DropKeyspaceStatement(String keyspace, boolean ifExists) implements SchemaStatement {}
