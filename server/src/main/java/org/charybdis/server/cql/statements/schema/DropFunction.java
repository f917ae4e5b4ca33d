package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.syntax.DropFunctionStatement;
import org.charybdis.cql.syntax.Permission;
import org.charybdis.cql.types.CqlType;
import org.charybdis.server.auth.AuthResource;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.udf.UserFunctionCalls;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;
import org.charybdis.server.schema.UserFunction;

import java.util.List;

/** DROP FUNCTION [IF EXISTS] f [(types)]; refused while an aggregate uses the function. */
final class DropFunction extends SchemaChangeStatement {
    private final DropFunctionStatement statement;
    private final String keyspace;

    DropFunction(DropFunctionStatement statement, String keyspace) {
        this.statement = statement;
        this.keyspace = keyspace;
    }

    @Override
    public void checkAccess(ExecutionContext context) {
        UserFunction function = find(context.server().schema().current(), false);
        if (function != null) context.access().ensure(Permission.DROP, AuthResource.function(keyspace, function.signature()));
    }

    @Override
    SchemaUpdate apply(Schema current, long nowMicros) {
        KeyspaceMetadata ks = FunctionDefinitions.keyspace(current, keyspace);
        UserFunction function = find(current, true);
        List<CqlType> signature = signature(current);
        String name = FunctionDefinitions.droppedName(keyspace, statement.function().name(), signature);
        if (function == null) {
            if (statement.ifExists()) return SchemaUpdate.unchanged(current);
            throw new InvalidRequestException("Function '" + name + "' doesn't exist");
        }
        List<String> users = ks.functions().aggregatesUsing(function);
        if (!users.isEmpty()) {
            throw new InvalidRequestException("Function '" + name + "' is still referenced by aggregates " + String.join(", ", users));
        }
        UserFunctionCalls.forget(function);
        return new SchemaUpdate(current.with(ks.withFunctions(ks.functions().withoutFunction(function.signature()))),
                FunctionDefinitions.event(SchemaChange.Change.DROPPED, SchemaChange.Target.FUNCTION, keyspace, function.name(),
                        function.argumentTypes()));
    }

    private UserFunction find(Schema schema, boolean checked) {
        KeyspaceMetadata ks = schema.keyspace(keyspace);
        if (ks == null) return null;
        if (!checked && statement.argumentTypes() == null && ks.functions().functionsNamed(statement.function().name()).size() > 1) return null;
        return FunctionDefinitions.overloadToDrop("FUNCTION", statement.function().name(), signature(schema),
                ks.functions().functions(), ks.functions().functionsNamed(statement.function().name()));
    }

    private List<CqlType> signature(Schema schema) {
        return statement.argumentTypes() == null ? null : FunctionDefinitions.argumentTypes(statement.argumentTypes(), keyspace, schema);
    }
}
