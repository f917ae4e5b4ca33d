package org.charybdis.cql.syntax;

import java.util.Map;

/** Builds ScyllaDB's service level statements. */
final class ServiceLevelBuilder {
    private final SchemaBuilder schema;

    ServiceLevelBuilder(SchemaBuilder schema) {
        this.schema = schema;
    }

    ServiceLevelStatement create(Cql.CreateServiceLevelStatementContext ctx) {
        Map<String, Term> options = ctx.properties() == null ? Map.of() : schema.properties(ctx.properties());
        return new CreateServiceLevelStatement(name(ctx.serviceLevelName()), ctx.ifNotExists() != null, options);
    }

    ServiceLevelStatement alter(Cql.AlterServiceLevelStatementContext ctx) {
        return new AlterServiceLevelStatement(name(ctx.serviceLevelName()), ctx.ifExists() != null,
                schema.properties(ctx.properties()));
    }

    ServiceLevelStatement drop(Cql.DropServiceLevelStatementContext ctx) {
        return new DropServiceLevelStatement(name(ctx.serviceLevelName()), ctx.ifExists() != null);
    }

    ServiceLevelStatement attach(Cql.AttachServiceLevelStatementContext ctx) {
        return new AttachServiceLevelStatement(name(ctx.serviceLevelName()), AuthBuilder.role(ctx.roleName()));
    }

    ServiceLevelStatement detach(Cql.DetachServiceLevelStatementContext ctx) {
        return new DetachServiceLevelStatement(AuthBuilder.role(ctx.roleName()));
    }

    ServiceLevelStatement list(Cql.ListServiceLevelStatementContext ctx) {
        return switch (ctx) {
            case Cql.ListOneServiceLevelContext l ->
                    new ListServiceLevelsStatement(ListServiceLevelsStatement.Kind.ONE, name(l.serviceLevelName()), null);
            case Cql.ListAllServiceLevelsContext ignored ->
                    new ListServiceLevelsStatement(ListServiceLevelsStatement.Kind.ALL, null, null);
            case Cql.ListAttachedServiceLevelContext l -> new ListServiceLevelsStatement(
                    ListServiceLevelsStatement.Kind.ATTACHED, null, AuthBuilder.role(l.roleName()));
            case Cql.ListAllAttachedServiceLevelsContext ignored ->
                    new ListServiceLevelsStatement(ListServiceLevelsStatement.Kind.ALL_ATTACHED, null, null);
            case Cql.ListEffectiveServiceLevelContext l -> new ListServiceLevelsStatement(
                    ListServiceLevelsStatement.Kind.EFFECTIVE, null, AuthBuilder.role(l.roleName()));
            default -> throw TermBuilder.unexpected(ctx);
        };
    }

    private static String name(Cql.ServiceLevelNameContext ctx) {
        return Names.roleOrIdent(ctx.ident(), ctx.STRING_LITERAL());
    }
}
