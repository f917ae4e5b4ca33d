package org.charybdis.cql.syntax;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.antlr.v4.runtime.Token;

/** Builds terms, literals and types of one statement. */
final class TermBuilder {
    private final BindMarkers markers;

    TermBuilder(BindMarkers markers) {
        this.markers = markers;
    }

    Term term(Cql.TermContext ctx) {
        return switch (ctx) {
            case Cql.NegatedTermContext negated -> negate(term(negated.term()));
            case Cql.TypeHintTermContext hint -> new Term.TypeHint(type(hint.type()), term(hint.term()));
            case Cql.ArithmeticTermContext arithmetic -> new Term.Arithmetic(
                    ArithmeticOperator.fromSymbol(arithmetic.op.getText()),
                    term(arithmetic.term(0)), term(arithmetic.term(1)));
            case Cql.FunctionCallTermContext call ->
                    new Term.FunctionCall(Names.function(call.functionName()), terms(call.term()));
            case Cql.ValueTermContext value -> value(value.value());
            default -> throw unexpected(ctx);
        };
    }

    List<Term> terms(List<Cql.TermContext> contexts) {
        List<Term> terms = new ArrayList<>(contexts.size());
        for (Cql.TermContext ctx : contexts) {
            terms.add(term(ctx));
        }
        return terms;
    }

    /** Folds the sign into number and duration literals, as CQL reads {@code -5} as one constant. */
    static Term negate(Term operand) {
        if (operand instanceof Term.Literal(Term.LiteralKind kind, String text)
                && (kind == Term.LiteralKind.INTEGER || kind == Term.LiteralKind.FLOAT
                        || kind == Term.LiteralKind.DURATION)
                && !text.startsWith("-")) {
            return new Term.Literal(kind, '-' + text);
        }
        return new Term.Negation(operand);
    }

    Term value(Cql.ValueContext ctx) {
        return switch (ctx) {
            case Cql.ConstantValueContext constant -> constant(constant.constant());
            case Cql.NullValueContext ignored -> new Term.NullLiteral();
            case Cql.BindMarkerValueContext marker -> bindMarker(marker.bindMarker());
            case Cql.ListValueContext list -> new Term.ListLiteral(terms(list.term()));
            case Cql.EmptyBracesValueContext ignored -> new Term.MapLiteral(List.of());
            case Cql.SetValueContext set -> new Term.SetLiteral(terms(set.term()));
            case Cql.MapValueContext map -> mapLiteral(map.term());
            case Cql.UdtValueContext udt -> udtLiteral(udt.ident(), udt.term());
            case Cql.TupleValueContext tuple -> tuple(tuple.tupleLiteral());
            default -> throw unexpected(ctx);
        };
    }

    Term.TupleLiteral tuple(Cql.TupleLiteralContext ctx) {
        return new Term.TupleLiteral(terms(ctx.term()));
    }

    Term.BindMarker bindMarker(Cql.BindMarkerContext ctx) {
        return markers.get(ctx);
    }

    /** LIMIT, TTL, TIMESTAMP values: an integer literal or a bind marker. */
    Term intValue(Cql.IntValueContext ctx) {
        if (ctx.bindMarker() != null) {
            return bindMarker(ctx.bindMarker());
        }
        String digits = ctx.INTEGER().getText();
        return new Term.Literal(Term.LiteralKind.INTEGER, ctx.MINUS() != null ? '-' + digits : digits);
    }

    Term.Literal constant(Cql.ConstantContext ctx) {
        Token token = ctx.getStart();
        String text = token.getText();
        return switch (token.getType()) {
            case CqlLexer.STRING_LITERAL -> new Term.Literal(Term.LiteralKind.STRING, Names.string(ctx.STRING_LITERAL()));
            case CqlLexer.INTEGER -> new Term.Literal(Term.LiteralKind.INTEGER, text);
            case CqlLexer.FLOAT -> new Term.Literal(Term.LiteralKind.FLOAT, finiteFloat(token));
            case CqlLexer.K_NAN -> new Term.Literal(Term.LiteralKind.FLOAT, "NaN");
            case CqlLexer.K_INFINITY -> new Term.Literal(Term.LiteralKind.FLOAT, "Infinity");
            case CqlLexer.K_TRUE -> new Term.Literal(Term.LiteralKind.BOOLEAN, "true");
            case CqlLexer.K_FALSE -> new Term.Literal(Term.LiteralKind.BOOLEAN, "false");
            case CqlLexer.UUID -> new Term.Literal(Term.LiteralKind.UUID, text);
            case CqlLexer.HEXNUMBER -> new Term.Literal(Term.LiteralKind.HEX, text);
            case CqlLexer.DURATION -> new Term.Literal(Term.LiteralKind.DURATION, text);
            default -> throw unexpected(ctx);
        };
    }

    /**
     * Cassandra reads a float literal as a decimal and a double when it parses the statement, so one beyond
     * the double range ({@code 1e400}) or beyond the decimal range is a syntax error, not an infinite value.
     */
    private static String finiteFloat(Token token) {
        String text = token.getText();
        try {
            new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw CqlSyntaxError.failedParsing(token, "NumberFormatException " + e.getMessage());
        }
        if (Double.isInfinite(Double.parseDouble(text))) {
            throw CqlSyntaxError.failedParsing(token, "NumberFormatException Character I is neither a decimal digit"
                    + " number, decimal point, nor \"e\" notation exponential mark.");
        }
        return text;
    }

    private Term mapLiteral(List<Cql.TermContext> keysAndValues) {
        List<Term.MapEntry> entries = new ArrayList<>(keysAndValues.size() / 2);
        for (int i = 0; i < keysAndValues.size(); i += 2) {
            entries.add(new Term.MapEntry(term(keysAndValues.get(i)), term(keysAndValues.get(i + 1))));
        }
        return new Term.MapLiteral(entries);
    }

    private Term udtLiteral(List<Cql.IdentContext> fields, List<Cql.TermContext> values) {
        Map<ColumnIdentifier, Term> byField = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            // a repeated field takes its last value, as in Cassandra
            byField.put(Names.column(fields.get(i)), term(values.get(i)));
        }
        return new Term.UdtLiteral(byField);
    }

    RawType type(Cql.TypeContext ctx) {
        return switch (ctx) {
            case Cql.FrozenTypeContext frozen -> type(frozen.type()).freeze();
            case Cql.MapTypeContext map -> new RawType.Collection(RawType.CollectionKind.MAP,
                    List.of(type(map.type(0)), type(map.type(1))), false);
            case Cql.ListTypeContext list ->
                    new RawType.Collection(RawType.CollectionKind.LIST, List.of(type(list.type())), false);
            case Cql.SetTypeContext set ->
                    new RawType.Collection(RawType.CollectionKind.SET, List.of(type(set.type())), false);
            case Cql.TupleTypeContext tuple -> new RawType.Tuple(types(tuple.type()));
            case Cql.VectorTypeContext vector -> new RawType.Vector(type(vector.type()), dimension(vector));
            case Cql.CustomTypeContext custom -> new RawType.Custom(Names.string(custom.STRING_LITERAL()));
            case Cql.NamedTypeContext named -> {
                UserTypeNames.checkNamedType(named);
                yield named.ident().size() == 1
                        ? new RawType.Named(null, Names.text(named.ident(0)), false)
                        : new RawType.Named(Names.text(named.ident(0)), Names.text(named.ident(1)), false);
            }
            default -> throw unexpected(ctx);
        };
    }

    List<RawType> types(List<Cql.TypeContext> contexts) {
        List<RawType> types = new ArrayList<>(contexts.size());
        for (Cql.TypeContext ctx : contexts) {
            types.add(type(ctx));
        }
        return types;
    }

    private static int dimension(Cql.VectorTypeContext vector) {
        try {
            return Integer.parseInt(vector.INTEGER().getText());
        } catch (NumberFormatException e) {
            throw CqlSyntaxError.at(vector.INTEGER().getSymbol(), "vector dimension too large");
        }
    }

    static IllegalStateException unexpected(org.antlr.v4.runtime.ParserRuleContext ctx) {
        return new IllegalStateException("grammar alternative not handled: " + ctx.getClass().getSimpleName());
    }
}
