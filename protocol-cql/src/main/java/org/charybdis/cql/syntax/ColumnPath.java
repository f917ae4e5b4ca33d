package org.charybdis.cql.syntax;

/** A column, an element of a collection column, or a field of a UDT column (DELETE targets, IF conditions). */
public sealed interface ColumnPath {

    ColumnIdentifier column();

    record Column(ColumnIdentifier column) implements ColumnPath {}

    /** {@code c[key]}. */
    record Element(ColumnIdentifier column, Term key) implements ColumnPath {}

    /** {@code u.field}. */
    record Field(ColumnIdentifier column, ColumnIdentifier field) implements ColumnPath {}
}
