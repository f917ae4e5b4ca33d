package org.charybdis.cql.syntax;

import java.util.ArrayList;
import java.util.List;

/** Builds INSERT, UPDATE, DELETE and BATCH statements. */
final class ModificationBuilder {
    private final TermBuilder terms;
    private final RelationBuilder relations;
    private final BindMarkers markers;

    ModificationBuilder(TermBuilder terms, RelationBuilder relations, BindMarkers markers) {
        this.terms = terms;
        this.relations = relations;
        this.markers = markers;
    }

    InsertStatement insert(Cql.InsertStatementContext ctx, List<Term.BindMarker> statementMarkers) {
        QualifiedName table = Names.qualified(ctx.qualifiedName());
        Attributes attributes = attributes(ctx.usingClause());
        boolean ifNotExists = ctx.K_IF() != null;
        if (ctx.K_JSON() != null) {
            InsertStatement.JsonDefault jsonDefault = ctx.K_UNSET() != null
                    ? InsertStatement.JsonDefault.UNSET : InsertStatement.JsonDefault.NULL;
            return new InsertStatement(table, List.of(), List.of(), terms.term(ctx.term(0)), jsonDefault,
                    ifNotExists, attributes, statementMarkers);
        }
        return new InsertStatement(table, Names.columns(ctx.ident()), terms.terms(ctx.term()), null, null,
                ifNotExists, attributes, statementMarkers);
    }

    UpdateStatement update(Cql.UpdateStatementContext ctx, List<Term.BindMarker> statementMarkers) {
        List<Operation> operations = new ArrayList<>(ctx.assignment().size());
        for (Cql.AssignmentContext assignment : ctx.assignment()) {
            operations.add(operation(assignment));
        }
        return new UpdateStatement(Names.qualified(ctx.qualifiedName()), attributes(ctx.usingClause()), operations,
                relations.where(ctx.whereClause()), relations.ifExists(ctx.ifClause()),
                relations.conditions(ctx.ifClause()), statementMarkers);
    }

    DeleteStatement delete(Cql.DeleteStatementContext ctx, List<Term.BindMarker> statementMarkers) {
        List<ColumnPath> targets = new ArrayList<>(ctx.columnPath().size());
        for (Cql.ColumnPathContext path : ctx.columnPath()) {
            targets.add(relations.path(path));
        }
        Attributes attributes = deleteAttributes(ctx.deleteUsingClause());
        return new DeleteStatement(Names.qualified(ctx.qualifiedName()), targets, attributes,
                relations.where(ctx.whereClause()), relations.ifExists(ctx.ifClause()),
                relations.conditions(ctx.ifClause()), statementMarkers);
    }

    BatchStatement batch(Cql.BatchStatementContext ctx) {
        BatchStatement.Type type = ctx.K_UNLOGGED() != null ? BatchStatement.Type.UNLOGGED
                : ctx.K_COUNTER() != null ? BatchStatement.Type.COUNTER : BatchStatement.Type.LOGGED;
        Attributes attributes = attributes(ctx.usingClause());
        List<ModificationStatement> statements = new ArrayList<>(ctx.batchChild().size());
        for (Cql.BatchChildContext child : ctx.batchChild()) {
            List<Term.BindMarker> childMarkers = markers.within(child);
            if (child.insertStatement() != null) {
                statements.add(insert(child.insertStatement(), childMarkers));
            } else if (child.updateStatement() != null) {
                statements.add(update(child.updateStatement(), childMarkers));
            } else {
                statements.add(delete(child.deleteStatement(), childMarkers));
            }
        }
        return new BatchStatement(type, attributes, statements, markers.all());
    }

    private Attributes attributes(Cql.UsingClauseContext ctx) {
        if (ctx == null) {
            return Attributes.NONE;
        }
        Term timestamp = null;
        Term ttl = null;
        Term timeout = null;
        for (Cql.UsingOptionContext option : ctx.usingOption()) {
            // Cassandra takes the last of repeated TTLs or TIMESTAMPs
            if (option.K_TTL() != null) {
                ttl = terms.intValue(option.intValue());
            } else if (option.K_TIMESTAMP() != null) {
                timestamp = terms.intValue(option.intValue());
            } else {
                timeout = once(timeout, terms.term(option.term()), option, "TIMEOUT");
            }
        }
        return new Attributes(timestamp, ttl, timeout);
    }

    private Attributes deleteAttributes(Cql.DeleteUsingClauseContext ctx) {
        if (ctx == null) {
            return Attributes.NONE;
        }
        Term timestamp = null;
        Term timeout = null;
        for (Cql.DeleteUsingOptionContext option : ctx.deleteUsingOption()) {
            if (option.K_TIMESTAMP() != null) {
                timestamp = once(timestamp, terms.intValue(option.intValue()), option, "TIMESTAMP");
            } else {
                timeout = once(timeout, terms.term(option.term()), option, "TIMEOUT");
            }
        }
        return new Attributes(timestamp, null, timeout);
    }

    private static Term once(Term existing, Term value, org.antlr.v4.runtime.ParserRuleContext option, String name) {
        if (existing != null) {
            throw CqlSyntaxError.at(option.getStart(), "multiple definitions of " + name);
        }
        return value;
    }

    private Operation operation(Cql.AssignmentContext ctx) {
        return switch (ctx) {
            case Cql.SetAssignmentContext a -> new Operation.SetValue(Names.column(a.ident()), terms.term(a.term()));
            case Cql.SelfArithmeticAssignmentContext a -> {
                ColumnIdentifier column = sameColumn(a.ident(0), a.ident(1),
                        "Only expressions of the form X = X " + a.op.getText() + "<value> are supported.");
                Term value = terms.term(a.term());
                yield a.op.getType() == CqlLexer.PLUS
                        ? new Operation.Addition(column, value) : new Operation.Subtraction(column, value);
            }
            case Cql.PrependAssignmentContext a -> {
                ColumnIdentifier column = sameColumn(a.ident(0), a.ident(1),
                        "Only expressions of the form X = <value> + X are supported.");
                yield new Operation.Prepend(column, terms.term(a.term()));
            }
            case Cql.CompoundAssignmentContext a -> a.op.getType() == CqlLexer.PLUS_EQ
                    ? new Operation.Addition(Names.column(a.ident()), terms.term(a.term()))
                    : new Operation.Subtraction(Names.column(a.ident()), terms.term(a.term()));
            case Cql.ElementAssignmentContext a -> new Operation.SetElement(Names.column(a.ident()),
                    terms.term(a.term(0)), terms.term(a.term(1)));
            case Cql.FieldAssignmentContext a -> new Operation.SetField(Names.column(a.ident(0)),
                    Names.column(a.ident(1)), terms.term(a.term()));
            default -> throw TermBuilder.unexpected(ctx);
        };
    }

    private static ColumnIdentifier sameColumn(Cql.IdentContext target, Cql.IdentContext operand, String message) {
        ColumnIdentifier column = Names.column(target);
        if (!column.equals(Names.column(operand))) {
            throw CqlSyntaxError.unpositioned(operand.getStart(), message);
        }
        return column;
    }
}
