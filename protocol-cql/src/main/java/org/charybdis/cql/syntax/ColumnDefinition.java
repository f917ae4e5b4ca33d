package org.charybdis.cql.syntax;

/** A column of CREATE TABLE or ALTER TABLE ADD: {@code name type [STATIC] [MASKED WITH ...]}; mask is null when none. */
public record ColumnDefinition(ColumnIdentifier name, RawType type, boolean isStatic, ColumnMask mask) {}
