package org.charybdis.cql.syntax;

/** {@code CREATE TRIGGER [IF NOT EXISTS] name ON t USING 'class'}. */
public record CreateTriggerStatement(String trigger, boolean ifNotExists, QualifiedName table, String className) implements SchemaStatement {}
