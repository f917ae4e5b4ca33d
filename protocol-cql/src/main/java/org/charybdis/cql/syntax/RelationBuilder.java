package org.charybdis.cql.syntax;

import java.util.ArrayList;
import java.util.List;

import org.antlr.v4.runtime.tree.ParseTree;

/** Builds WHERE relations and IF conditions. */
final class RelationBuilder {
    private final TermBuilder terms;

    RelationBuilder(TermBuilder terms) {
        this.terms = terms;
    }

    List<Relation> where(Cql.WhereClauseContext ctx) {
        if (ctx == null) {
            return List.of();
        }
        List<Relation> relations = new ArrayList<>(ctx.relation().size());
        for (Cql.RelationContext relation : ctx.relation()) {
            relations.add(relation(relation));
        }
        return relations;
    }

    Relation relation(Cql.RelationContext ctx) {
        return switch (ctx) {
            case Cql.CompareRelationContext c ->
                    new Relation.Compare(Names.column(c.ident()), operator(c.relationOp()), terms.term(c.term()));
            case Cql.ContainsRelationContext c -> new Relation.Compare(Names.column(c.ident()),
                    c.K_KEY() != null ? Operator.CONTAINS_KEY : Operator.CONTAINS, terms.term(c.term()));
            case Cql.LikeRelationContext c ->
                    new Relation.Compare(Names.column(c.ident()), Operator.LIKE, terms.term(c.term()));
            case Cql.IsNotNullRelationContext c ->
                    new Relation.Compare(Names.column(c.ident()), Operator.IS_NOT, new Term.NullLiteral());
            case Cql.InRelationContext c -> c.inValues().bindMarker() != null
                    ? new Relation.In(Names.column(c.ident()), List.of(), terms.bindMarker(c.inValues().bindMarker()))
                    : new Relation.In(Names.column(c.ident()), terms.terms(c.inValues().term()), null);
            case Cql.ElementRelationContext c -> new Relation.ElementCompare(Names.column(c.ident()),
                    terms.term(c.term(0)), operator(c.relationOp()), terms.term(c.term(1)));
            case Cql.TokenRelationContext c ->
                    new Relation.Token(Names.columns(c.ident()), operator(c.relationOp()), terms.term(c.term()));
            case Cql.MultiColumnRelationContext c -> new Relation.MultiColumn(
                    Names.columns(c.identTuple().ident()), operator(c.relationOp()),
                    c.tupleLiteral() != null ? terms.tuple(c.tupleLiteral()) : terms.bindMarker(c.bindMarker()));
            case Cql.MultiColumnInRelationContext c -> multiColumnIn(c);
            case Cql.ParenthesizedRelationContext c -> relation(c.relation());
            default -> throw TermBuilder.unexpected(ctx);
        };
    }

    private Relation multiColumnIn(Cql.MultiColumnInRelationContext ctx) {
        List<ColumnIdentifier> columns = Names.columns(ctx.identTuple().ident());
        if (ctx.LPAREN() == null) {
            return new Relation.MultiColumnIn(columns, List.of(), terms.bindMarker(ctx.bindMarker(0)));
        }
        List<Term> values = new ArrayList<>();
        for (ParseTree child : ctx.children) {
            if (child instanceof Cql.TupleLiteralContext tuple) {
                values.add(terms.tuple(tuple));
            } else if (child instanceof Cql.BindMarkerContext marker) {
                values.add(terms.bindMarker(marker));
            }
        }
        return new Relation.MultiColumnIn(columns, values, null);
    }

    static Operator operator(Cql.RelationOpContext ctx) {
        return Operator.fromComparison(ctx.getText());
    }

    /** The IF clause: sets ifExists through the returned flag or fills the conditions. */
    boolean ifExists(Cql.IfClauseContext ctx) {
        return ctx != null && ctx.K_EXISTS() != null;
    }

    List<Condition> conditions(Cql.IfClauseContext ctx) {
        if (ctx == null) {
            return List.of();
        }
        List<Condition> conditions = new ArrayList<>(ctx.condition().size());
        for (Cql.ConditionContext condition : ctx.condition()) {
            conditions.add(condition(condition));
        }
        return conditions;
    }

    private Condition condition(Cql.ConditionContext ctx) {
        return switch (ctx) {
            case Cql.CompareConditionContext c ->
                    new Condition(path(c.columnPath()), operator(c.relationOp()), terms.term(c.term()), List.of());
            case Cql.InConditionContext c -> c.inValues().bindMarker() != null
                    ? new Condition(path(c.columnPath()), Operator.IN, terms.bindMarker(c.inValues().bindMarker()), List.of())
                    : new Condition(path(c.columnPath()), Operator.IN, null, terms.terms(c.inValues().term()));
            case Cql.ContainsConditionContext c -> new Condition(path(c.columnPath()),
                    c.K_KEY() != null ? Operator.CONTAINS_KEY : Operator.CONTAINS, terms.term(c.term()), List.of());
            default -> throw TermBuilder.unexpected(ctx);
        };
    }

    ColumnPath path(Cql.ColumnPathContext ctx) {
        return switch (ctx) {
            case Cql.ElementPathContext p -> new ColumnPath.Element(Names.column(p.ident()), terms.term(p.term()));
            case Cql.FieldPathContext p -> new ColumnPath.Field(Names.column(p.ident(0)), Names.column(p.ident(1)));
            case Cql.ColumnOnlyPathContext p -> new ColumnPath.Column(Names.column(p.ident()));
            default -> throw TermBuilder.unexpected(ctx);
        };
    }
}
