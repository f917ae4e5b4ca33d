package org.charybdis.cql.syntax;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A value in CQL text, not yet typed: the server resolves each term against the type of its receiver.
 * Negative number and duration literals are folded into their literal ({@code -5} is one Literal).
 */
public sealed interface Term {

    enum LiteralKind { STRING, INTEGER, FLOAT, BOOLEAN, UUID, HEX, DURATION }

    /**
     * A constant. {@code text} is the unescaped content for strings, otherwise the source text with its
     * sign (e.g. {@code -12}, {@code 1.5e3}, {@code NaN}, {@code -Infinity}, {@code true}, {@code 0xcafe},
     * {@code 1h30m}, {@code P1DT2H}). Keyword literals are normalized: {@code true}, {@code false},
     * {@code NaN}, {@code Infinity}.
     */
    record Literal(LiteralKind kind, String text) implements Term {
        public Literal {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code NULL}. */
    record NullLiteral() implements Term {}

    /**
     * {@code ?} or {@code :name}. {@code index} is the 0-based position among all markers of the
     * statement; {@code name} is the case-resolved name of a named marker, null for {@code ?}.
     */
    record BindMarker(int index, String name) implements Term {
        public boolean isNamed() {
            return name != null;
        }
    }

    record ListLiteral(List<Term> elements) implements Term {
        public ListLiteral {
            elements = List.copyOf(elements);
        }
    }

    record SetLiteral(List<Term> elements) implements Term {
        public SetLiteral {
            elements = List.copyOf(elements);
        }
    }

    /**
     * {@code {k: v, ...}}. An empty {@code {}} is also a MapLiteral: by its receiver's type the server
     * reads it as an empty map, set or user type value.
     */
    record MapLiteral(List<MapEntry> entries) implements Term {
        public MapLiteral {
            entries = List.copyOf(entries);
        }
    }

    record MapEntry(Term key, Term value) {}

    /**
     * {@code {field: v, ...}} where every key is an identifier. A map literal with string keys can
     * also fill a user type: the server decides by the receiver's type.
     */
    record UdtLiteral(Map<ColumnIdentifier, Term> fields) implements Term {
        public UdtLiteral {
            fields = OrderedMaps.copyOf(fields);
        }
    }

    /** {@code (a, b, ...)}; a single parenthesized term is a one-element tuple. */
    record TupleLiteral(List<Term> elements) implements Term {
        public TupleLiteral {
            elements = List.copyOf(elements);
        }
    }

    /** {@code now()}, {@code ks.f(x)}, {@code token(1)}. */
    record FunctionCall(QualifiedName function, List<Term> arguments) implements Term {
        public FunctionCall {
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code (int) ?}: the term is read as the given type. */
    record TypeHint(RawType type, Term term) implements Term {}

    record Arithmetic(ArithmeticOperator operator, Term left, Term right) implements Term {}

    /** Unary minus on anything but a number or duration literal. */
    record Negation(Term operand) implements Term {}
}
