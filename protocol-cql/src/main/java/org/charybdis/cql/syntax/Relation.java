package org.charybdis.cql.syntax;

import java.util.List;

/** One restriction of a WHERE clause. */
public sealed interface Relation {

    /**
     * {@code c op value} for = < <= > >= !=, CONTAINS, CONTAINS KEY, LIKE, and IS NOT (value is NULL).
     */
    record Compare(ColumnIdentifier column, Operator operator, Term value) implements Relation {}

    /** {@code m['k'] op value}. */
    record ElementCompare(ColumnIdentifier column, Term element, Operator operator, Term value) implements Relation {}

    /** {@code c IN (v1, v2)} (marker null) or {@code c IN ?} (values empty). */
    record In(ColumnIdentifier column, List<Term> values, Term.BindMarker marker) implements Relation {
        public In {
            values = List.copyOf(values);
        }
    }

    /** {@code token(a, b) op value}. */
    record Token(List<ColumnIdentifier> columns, Operator operator, Term value) implements Relation {
        public Token {
            columns = List.copyOf(columns);
        }
    }

    /** {@code (a, b) op (1, 2)} or {@code (a, b) op ?}: value is a TupleLiteral or a BindMarker. */
    record MultiColumn(List<ColumnIdentifier> columns, Operator operator, Term value) implements Relation {
        public MultiColumn {
            columns = List.copyOf(columns);
        }
    }

    /**
     * {@code (a, b) IN ((1, 2), ?)} (values are TupleLiterals or BindMarkers, marker null) or
     * {@code (a, b) IN ?} (values empty).
     */
    record MultiColumnIn(List<ColumnIdentifier> columns, List<Term> values, Term.BindMarker marker) implements Relation {
        public MultiColumnIn {
            columns = List.copyOf(columns);
            values = List.copyOf(values);
        }
    }
}
