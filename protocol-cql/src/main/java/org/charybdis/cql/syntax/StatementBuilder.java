package org.charybdis.cql.syntax;

import org.antlr.v4.runtime.tree.ParseTree;

/** Turns the parse tree of one statement into its AST. One instance per parse call. */
final class StatementBuilder {
    private final BindMarkers markers;
    private final TermBuilder terms;
    private final SelectBuilder selects;
    private final ModificationBuilder modifications;
    private final SchemaBuilder schema;
    private final AuthBuilder auth;
    private final ServiceLevelBuilder serviceLevels;

    private StatementBuilder(BindMarkers markers) {
        this.markers = markers;
        this.terms = new TermBuilder(markers);
        RelationBuilder relations = new RelationBuilder(terms);
        this.selects = new SelectBuilder(terms, relations);
        this.modifications = new ModificationBuilder(terms, relations, markers);
        this.schema = new SchemaBuilder(terms, selects, relations);
        this.auth = new AuthBuilder(terms);
        this.serviceLevels = new ServiceLevelBuilder(schema);
    }

    static Statement build(Cql.StatementContext ctx) {
        BindMarkers markers = BindMarkers.collect(ctx);
        Statement statement = new StatementBuilder(markers).statement(ctx.getChild(0));
        boolean takesMarkers = statement instanceof SelectStatement
                || statement instanceof ModificationStatement
                || statement instanceof BatchStatement;
        if (!takesMarkers && !markers.isEmpty()) {
            throw CqlSyntaxError.at(markers.firstNode().getStart(), "bind variables are not supported in this statement");
        }
        return statement;
    }

    static Term buildTerm(Cql.TermContext ctx) {
        BindMarkers markers = BindMarkers.collect(ctx);
        return new TermBuilder(markers).term(ctx);
    }

    static RawType buildType(Cql.TypeContext ctx) {
        return new TermBuilder(BindMarkers.collect(ctx)).type(ctx);
    }

    private Statement statement(ParseTree node) {
        return switch (node) {
            case Cql.SelectStatementContext c -> selects.select(c, markers.all());
            case Cql.InsertStatementContext c -> modifications.insert(c, markers.all());
            case Cql.UpdateStatementContext c -> modifications.update(c, markers.all());
            case Cql.DeleteStatementContext c -> modifications.delete(c, markers.all());
            case Cql.BatchStatementContext c -> modifications.batch(c);
            case Cql.UseStatementContext c -> new UseStatement(Names.text(c.ident()));
            case Cql.TruncateStatementContext c -> new TruncateStatement(Names.qualified(c.qualifiedName()));
            case Cql.CreateKeyspaceStatementContext c -> schema.createKeyspace(c);
            case Cql.AlterKeyspaceStatementContext c -> schema.alterKeyspace(c);
            case Cql.DropKeyspaceStatementContext c -> schema.dropKeyspace(c);
            case Cql.CreateTableStatementContext c -> schema.createTable(c);
            case Cql.AlterTableStatementContext c -> schema.alterTable(c);
            case Cql.DropTableStatementContext c -> schema.dropTable(c);
            case Cql.CreateTypeStatementContext c -> schema.createType(c);
            case Cql.AlterTypeStatementContext c -> schema.alterType(c);
            case Cql.DropTypeStatementContext c -> schema.dropType(c);
            case Cql.CreateIndexStatementContext c -> schema.createIndex(c);
            case Cql.DropIndexStatementContext c -> schema.dropIndex(c);
            case Cql.CreateMaterializedViewStatementContext c -> schema.createView(c);
            case Cql.AlterMaterializedViewStatementContext c -> schema.alterView(c);
            case Cql.DropMaterializedViewStatementContext c -> schema.dropView(c);
            case Cql.CreateFunctionStatementContext c -> schema.createFunction(c);
            case Cql.DropFunctionStatementContext c -> schema.dropFunction(c);
            case Cql.CreateAggregateStatementContext c -> schema.createAggregate(c);
            case Cql.DropAggregateStatementContext c -> schema.dropAggregate(c);
            case Cql.CreateTriggerStatementContext c -> schema.createTrigger(c);
            case Cql.DropTriggerStatementContext c -> schema.dropTrigger(c);
            case Cql.CreateRoleStatementContext c -> auth.createRole(c);
            case Cql.AlterRoleStatementContext c -> auth.alterRole(c);
            case Cql.DropRoleStatementContext c -> auth.dropRole(c);
            case Cql.ListRolesStatementContext c -> auth.listRoles(c);
            case Cql.CreateUserStatementContext c -> auth.createUser(c);
            case Cql.AlterUserStatementContext c -> auth.alterUser(c);
            case Cql.DropUserStatementContext c -> auth.dropUser(c);
            case Cql.ListUsersStatementContext ignored -> new ListUsersStatement();
            case Cql.GrantRoleStatementContext c -> auth.grantRole(c);
            case Cql.RevokeRoleStatementContext c -> auth.revokeRole(c);
            case Cql.GrantPermissionsStatementContext c -> auth.grantPermissions(c);
            case Cql.RevokePermissionsStatementContext c -> auth.revokePermissions(c);
            case Cql.ListPermissionsStatementContext c -> auth.listPermissions(c);
            case Cql.CreateServiceLevelStatementContext c -> serviceLevels.create(c);
            case Cql.AlterServiceLevelStatementContext c -> serviceLevels.alter(c);
            case Cql.DropServiceLevelStatementContext c -> serviceLevels.drop(c);
            case Cql.AttachServiceLevelStatementContext c -> serviceLevels.attach(c);
            case Cql.DetachServiceLevelStatementContext c -> serviceLevels.detach(c);
            case Cql.ListServiceLevelStatementContext c -> serviceLevels.list(c);
            case Cql.DescribeStatementContext c -> DescribeBuilder.describe(c);
            default -> throw new IllegalStateException("statement not handled: " + node.getClass().getSimpleName());
        };
    }
}
