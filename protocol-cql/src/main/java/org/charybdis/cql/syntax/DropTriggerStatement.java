package org.charybdis.cql.syntax;

/** {@code DROP TRIGGER [IF EXISTS] name ON t}. */
public record DropTriggerStatement(String trigger, boolean ifExists, QualifiedName table) implements SchemaStatement {}
