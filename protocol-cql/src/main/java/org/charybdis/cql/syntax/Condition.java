package org.charybdis.cql.syntax;

import java.util.List;

/**
 * One IF condition of a conditional UPDATE or DELETE: {@code target op value}. For {@code IN (..)}
 * the values are in {@code inValues} and {@code value} is null; for {@code IN ?} value is the marker.
 */
public record Condition(ColumnPath target, Operator operator, Term value, List<Term> inValues) {
    public Condition {
        inValues = List.copyOf(inValues);
    }
}
