package org.charybdis.cql.syntax;

import org.charybdis.cql.syntax.DescribeStatement.Target;

/** Builds DESCRIBE statements. */
final class DescribeBuilder {
    private DescribeBuilder() {}

    static DescribeStatement describe(Cql.DescribeStatementContext ctx) {
        boolean internals = ctx.K_INTERNALS() != null;
        return switch (ctx.describeTarget()) {
            case Cql.DescribeClusterContext ignored -> new DescribeStatement(Target.CLUSTER, null, internals);
            case Cql.DescribeSchemaContext d ->
                    new DescribeStatement(d.K_FULL() != null ? Target.FULL_SCHEMA : Target.SCHEMA, null, internals);
            case Cql.DescribeKeyspacesContext ignored -> new DescribeStatement(Target.KEYSPACES, null, internals);
            case Cql.DescribeKeyspaceContext d -> new DescribeStatement(
                    d.K_ONLY() != null ? Target.ONLY_KEYSPACE : Target.KEYSPACE,
                    d.ident() == null ? null : QualifiedName.unqualified(Names.text(d.ident())), internals);
            case Cql.DescribeTablesContext ignored -> new DescribeStatement(Target.TABLES, null, internals);
            case Cql.DescribeTableContext d -> new DescribeStatement(Target.TABLE, Names.qualified(d.qualifiedName()), internals);
            case Cql.DescribeTypesContext ignored -> new DescribeStatement(Target.TYPES, null, internals);
            case Cql.DescribeTypeContext d -> new DescribeStatement(Target.TYPE, Names.qualified(d.qualifiedName()), internals);
            case Cql.DescribeFunctionsContext ignored -> new DescribeStatement(Target.FUNCTIONS, null, internals);
            case Cql.DescribeFunctionContext d -> new DescribeStatement(Target.FUNCTION, Names.function(d.functionName()), internals);
            case Cql.DescribeAggregatesContext ignored -> new DescribeStatement(Target.AGGREGATES, null, internals);
            case Cql.DescribeAggregateContext d -> new DescribeStatement(Target.AGGREGATE, Names.function(d.functionName()), internals);
            case Cql.DescribeIndexContext d -> new DescribeStatement(Target.INDEX, Names.qualified(d.qualifiedName()), internals);
            case Cql.DescribeViewContext d ->
                    new DescribeStatement(Target.MATERIALIZED_VIEW, Names.qualified(d.qualifiedName()), internals);
            case Cql.DescribeNameContext d -> new DescribeStatement(Target.NAME, Names.qualified(d.qualifiedName()), internals);
            default -> throw TermBuilder.unexpected(ctx.describeTarget());
        };
    }
}
