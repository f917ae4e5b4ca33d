package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.syntax.DropAggregateStatement;
import org.charybdis.cql.syntax.Permission;
import org.charybdis.cql.types.CqlType;
import org.charybdis.server.auth.AuthResource;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;
import org.charybdis.server.schema.UserAggregate;

import java.util.List;

/** DROP AGGREGATE [IF EXISTS] a [(types)]. */
final class DropAggregate extends SchemaChangeStatement {
    private final DropAggregateStatement statement;
    private final String keyspace;

    DropAggregate(DropAggregateStatement statement, String keyspace) {
        this.statement = statement;
        this.keyspace = keyspace;
    }

    @Override
    public void checkAccess(ExecutionContext context) {
        UserAggregate aggregate = find(context.server().schema().current(), false);
        if (aggregate != null) context.access().ensure(Permission.DROP, AuthResource.function(keyspace, aggregate.signature()));
    }

    @Override
    SchemaUpdate apply(Schema current, long nowMicros) {
        KeyspaceMetadata ks = FunctionDefinitions.keyspace(current, keyspace);
        String name = statement.aggregate().name();
        List<CqlType> signature = signature(current);
        UserAggregate aggregate = find(current, true);
        if (aggregate == null) {
            if (statement.ifExists()) return SchemaUpdate.unchanged(current);
            throw new InvalidRequestException("Aggregate '" + FunctionDefinitions.droppedName(keyspace, name, signature) + "' doesn't exist");
        }
        return new SchemaUpdate(current.with(ks.withFunctions(ks.functions().withoutAggregate(aggregate.signature()))),
                FunctionDefinitions.event(SchemaChange.Change.DROPPED, SchemaChange.Target.AGGREGATE, keyspace, name, aggregate.argumentTypes()));
    }

    /** @param checked false while checking access: an ambiguous name is then left for {@link #apply} to refuse */
    private UserAggregate find(Schema schema, boolean checked) {
        KeyspaceMetadata ks = schema.keyspace(keyspace);
        if (ks == null) return null;
        List<UserAggregate> named = ks.functions().aggregatesNamed(statement.aggregate().name());
        if (!checked && statement.argumentTypes() == null && named.size() > 1) return null;
        return FunctionDefinitions.overloadToDrop("AGGREGATE", statement.aggregate().name(), signature(schema), ks.functions().aggregates(), named);
    }

    private List<CqlType> signature(Schema schema) {
        return statement.argumentTypes() == null ? null : FunctionDefinitions.argumentTypes(statement.argumentTypes(), keyspace, schema);
    }
}
