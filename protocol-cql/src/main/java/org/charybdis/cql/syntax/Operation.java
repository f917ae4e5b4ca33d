package org.charybdis.cql.syntax;

/** One assignment of an UPDATE's SET clause. */
public sealed interface Operation {

    ColumnIdentifier column();

    /** {@code c = value}. */
    record SetValue(ColumnIdentifier column, Term value) implements Operation {}

    /** {@code c = c + value} or {@code c += value}. */
    record Addition(ColumnIdentifier column, Term value) implements Operation {}

    /** {@code c = c - value} or {@code c -= value}. */
    record Subtraction(ColumnIdentifier column, Term value) implements Operation {}

    /** {@code c = value + c} (list prepend). */
    record Prepend(ColumnIdentifier column, Term value) implements Operation {}

    /** {@code c[key] = value}. */
    record SetElement(ColumnIdentifier column, Term key, Term value) implements Operation {}

    /** {@code u.field = value}. */
    record SetField(ColumnIdentifier column, ColumnIdentifier field, Term value) implements Operation {}
}
