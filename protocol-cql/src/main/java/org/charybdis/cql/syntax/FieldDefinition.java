package org.charybdis.cql.syntax;

/** A named, typed field of a user type or argument of a function. */
public record FieldDefinition(ColumnIdentifier name, RawType type) {}
