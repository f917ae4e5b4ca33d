package org.charybdis.cql.syntax;

import java.util.ArrayList;
import java.util.List;

/** Builds SELECT statements and their selectors. */
final class SelectBuilder {
    private final TermBuilder terms;
    private final RelationBuilder relations;

    SelectBuilder(TermBuilder terms, RelationBuilder relations) {
        this.terms = terms;
        this.relations = relations;
    }

    SelectStatement select(Cql.SelectStatementContext ctx, List<Term.BindMarker> markers) {
        List<Selection> selection = selection(ctx.selectClause());
        QualifiedName table = Names.qualified(ctx.qualifiedName());
        List<Relation> where = relations.where(ctx.whereClause());
        List<Selector> groupBy = new ArrayList<>();
        for (Cql.SelectorExprContext expr : ctx.selectorExpr()) {
            groupBy.add(selector(expr));
        }
        List<Ordering> orderings = new ArrayList<>();
        for (Cql.OrderingContext ordering : ctx.ordering()) {
            orderings.add(ordering(ordering));
        }
        List<Cql.IntValueContext> limits = ctx.intValue();
        int next = 0;
        Term perPartitionLimit = ctx.K_PER() != null ? terms.intValue(limits.get(next++)) : null;
        Term limit = limits.size() > next ? terms.intValue(limits.get(next)) : null;
        return new SelectStatement(table, ctx.K_JSON() != null, ctx.K_DISTINCT() != null, selection, where,
                groupBy, orderings, perPartitionLimit, limit, ctx.K_ALLOW() != null,
                ctx.term() == null ? null : terms.term(ctx.term()), markers);
    }

    /** The selectors of a SELECT clause; empty for {@code *}. */
    List<Selection> selection(Cql.SelectClauseContext ctx) {
        List<Selection> selection = new ArrayList<>(ctx.selector().size());
        for (Cql.SelectorContext selector : ctx.selector()) {
            ColumnIdentifier alias = selector.ident() == null ? null : Names.column(selector.ident());
            selection.add(new Selection(selector(selector.selectorExpr()), alias));
        }
        return selection;
    }

    Selector selector(Cql.SelectorExprContext ctx) {
        return switch (ctx) {
            case Cql.ColumnSelectorContext c -> new Selector.Column(Names.column(c.ident()));
            case Cql.FieldSelectorContext c -> new Selector.FieldAccess(selector(c.selectorExpr()), Names.column(c.ident()));
            case Cql.ElementSelectorContext c -> new Selector.Element(selector(c.selectorExpr()), terms.term(c.term()));
            case Cql.SliceSelectorContext c -> new Selector.Slice(selector(c.selectorExpr()),
                    c.from == null ? null : terms.term(c.from), c.to == null ? null : terms.term(c.to));
            case Cql.NegatedSelectorContext c -> negate(selector(c.selectorExpr()));
            case Cql.ArithmeticSelectorContext c -> new Selector.Arithmetic(
                    ArithmeticOperator.fromSymbol(c.op.getText()), selector(c.selectorExpr(0)), selector(c.selectorExpr(1)));
            case Cql.CountRowsSelectorContext ignored -> new Selector.CountRows();
            case Cql.CastSelectorContext c -> new Selector.Cast(selector(c.selectorExpr()), terms.type(c.type()));
            case Cql.FunctionSelectorContext c -> new Selector.FunctionCall(Names.function(c.functionName()), selectors(c.selectorExpr()));
            case Cql.TypeHintSelectorContext c -> new Selector.TypeHint(terms.type(c.type()), selector(c.selectorExpr()));
            case Cql.TupleSelectorContext c -> c.selectorExpr().size() == 1
                    ? selector(c.selectorExpr(0)) // plain parentheses group an expression
                    : new Selector.Tuple(selectors(c.selectorExpr()));
            case Cql.ValueSelectorContext c -> new Selector.Value(terms.value(c.value()));
            case Cql.ListSelectorContext c -> new Selector.Collection(RawType.CollectionKind.LIST, selectors(c.selectorExpr()));
            case Cql.SetSelectorContext c -> new Selector.Collection(RawType.CollectionKind.SET, selectors(c.selectorExpr()));
            case Cql.MapSelectorContext c -> new Selector.Collection(RawType.CollectionKind.MAP, selectors(c.selectorExpr()));
            default -> throw TermBuilder.unexpected(ctx);
        };
    }

    private List<Selector> selectors(List<Cql.SelectorExprContext> contexts) {
        List<Selector> selectors = new ArrayList<>(contexts.size());
        for (Cql.SelectorExprContext ctx : contexts) {
            selectors.add(selector(ctx));
        }
        return selectors;
    }

    private static Selector negate(Selector operand) {
        if (operand instanceof Selector.Value(Term term)) {
            Term negated = TermBuilder.negate(term);
            if (!(negated instanceof Term.Negation)) {
                return new Selector.Value(negated);
            }
        }
        return new Selector.Negation(operand);
    }

    private Ordering ordering(Cql.OrderingContext ctx) {
        Term annOf = ctx.K_ANN() != null ? terms.term(ctx.term()) : null;
        return new Ordering(Names.column(ctx.ident()), ctx.K_DESC() != null, annOf);
    }
}
