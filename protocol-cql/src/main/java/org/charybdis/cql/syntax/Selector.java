package org.charybdis.cql.syntax;

import java.util.List;

/** One expression of a SELECT clause (or GROUP BY). */
public sealed interface Selector {

    record Column(ColumnIdentifier column) implements Selector {}

    /**
     * A function call, including the built-in {@code writetime(c)}, {@code maxwritetime(c)},
     * {@code ttl(c)}, {@code token(a, b)} and {@code count(1)}.
     */
    record FunctionCall(QualifiedName function, List<Selector> arguments) implements Selector {
        public FunctionCall {
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code COUNT(*)}. */
    record CountRows() implements Selector {}

    /** {@code CAST(x AS type)}. */
    record Cast(Selector selector, RawType type) implements Selector {}

    /** {@code u.field}. */
    record FieldAccess(Selector selector, ColumnIdentifier field) implements Selector {}

    /** {@code m['k']}, {@code s[3]}. */
    record Element(Selector selector, Term key) implements Selector {}

    /** {@code s[from..to]}; either bound may be null. */
    record Slice(Selector selector, Term from, Term to) implements Selector {}

    record Arithmetic(ArithmeticOperator operator, Selector left, Selector right) implements Selector {}

    record Negation(Selector operand) implements Selector {}

    /** {@code (int) x}. */
    record TypeHint(RawType type, Selector selector) implements Selector {}

    /** {@code (a, b)}. */
    record Tuple(List<Selector> elements) implements Selector {
        public Tuple {
            elements = List.copyOf(elements);
        }
    }

    /**
     * {@code [a, b]}, {@code {a, b}} or {@code {k1: v1, k2: v2}} with a selector among the elements; a map's elements are
     * its keys and values in turn.
     */
    record Collection(RawType.CollectionKind kind, List<Selector> elements) implements Selector {
        public Collection {
            elements = List.copyOf(elements);
        }
    }

    /** A literal or bind marker. */
    record Value(Term term) implements Selector {}
}
