package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.syntax.CreateAggregateStatement;
import org.charybdis.cql.syntax.Permission;
import org.charybdis.cql.syntax.QualifiedName;
import org.charybdis.cql.types.CqlType;
import org.charybdis.server.auth.AuthResource;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.terms.Terms;
import org.charybdis.server.cql.udf.UdfSettings;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;
import org.charybdis.server.schema.UserAggregate;
import org.charybdis.server.schema.UserFunction;
import org.charybdis.server.schema.UserFunctions;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** CREATE [OR REPLACE] AGGREGATE [IF NOT EXISTS] of functions of the same keyspace. */
final class CreateAggregate extends SchemaChangeStatement {
    private final CreateAggregateStatement statement;
    private final String keyspace;

    CreateAggregate(CreateAggregateStatement statement, String keyspace, UdfSettings settings) {
        FunctionDefinitions.checkCreate(settings, statement.orReplace(), statement.ifNotExists());
        this.statement = statement;
        this.keyspace = keyspace;
    }

    /** As Cassandra: CREATE (or ALTER to replace), then EXECUTE on the state and final functions the aggregate will call. */
    @Override
    public void checkAccess(ExecutionContext context) {
        Schema schema = context.server().schema().current();
        FunctionDefinitions.checkCreateAccess(context, keyspace, statement.orReplace(), FunctionDefinitions.existing(
                schema, keyspace, statement.aggregate().name(), statement.argumentTypes(), true));
        List<CqlType> stateArguments;
        try {
            CqlType stateType = FunctionDefinitions.valueType(statement.stateType(), keyspace, schema);
            stateArguments = new ArrayList<>(List.of(stateType));
            stateArguments.addAll(FunctionDefinitions.argumentTypes(statement.argumentTypes(), keyspace, schema));
        } catch (InvalidRequestException e) {
            return; // the statement fails with this error once it runs
        }
        ensureExecute(context, statement.stateFunction(), stateArguments);
        if (statement.finalFunction() != null) ensureExecute(context, statement.finalFunction(), stateArguments.subList(0, 1));
    }

    private void ensureExecute(ExecutionContext context, QualifiedName function, List<CqlType> arguments) {
        String functionKeyspace = function.keyspace() != null ? function.keyspace() : keyspace;
        context.access().ensure(Permission.EXECUTE, AuthResource.function(functionKeyspace, UserFunctions.signature(function.name(), arguments)));
    }

    @Override
    SchemaUpdate apply(Schema current, long nowMicros) {
        KeyspaceMetadata ks = FunctionDefinitions.keyspace(current, keyspace);
        String name = statement.aggregate().name();
        List<CqlType> types = FunctionDefinitions.argumentTypes(statement.argumentTypes(), keyspace, current);
        CqlType stateType = FunctionDefinitions.valueType(statement.stateType(), keyspace, current);
        UserAggregate draft = new UserAggregate(keyspace, name, types, functionName(statement.stateFunction()), stateType, null, null, stateType);
        UserFunction state = function(ks, "State", draft.stateFunction(), draft.stateFunctionArguments());
        if (!state.returnType().equals(stateType)) {
            throw new InvalidRequestException("State function " + state.description()
                    + " return type must be the same as the first argument type - check STYPE, argument and return types");
        }
        UserFunction last = statement.finalFunction() == null ? null
                : function(ks, "Final", functionName(statement.finalFunction()), List.of(stateType));
        UserAggregate aggregate = new UserAggregate(keyspace, name, types, state.name(), stateType, last == null ? null : last.name(),
                initialCondition(stateType), last == null ? stateType : last.returnType());
        UserAggregate existing = ks.functions().aggregates().get(aggregate.signature());
        if (existing != null) {
            if (statement.ifNotExists()) return SchemaUpdate.unchanged(current);
            if (!statement.orReplace()) throw new InvalidRequestException("Aggregate '" + name + "' already exists");
        }
        SchemaChange.Change change = existing == null ? SchemaChange.Change.CREATED : SchemaChange.Change.UPDATED;
        return new SchemaUpdate(current.with(ks.withFunctions(ks.functions().with(aggregate))),
                FunctionDefinitions.event(change, SchemaChange.Target.AGGREGATE, keyspace, name, types));
    }

    /** State and final functions live in the aggregate's keyspace. */
    private String functionName(QualifiedName function) {
        if (function.keyspace() != null && !function.keyspace().equals(keyspace)) {
            throw new InvalidRequestException("Function " + function + " must be in the keyspace of aggregate " + keyspace + "." + statement.aggregate().name());
        }
        return function.name();
    }

    private UserFunction function(KeyspaceMetadata ks, String role, String name, List<CqlType> arguments) {
        UserFunction function = ks.functions().functions().get(UserFunctions.signature(name, arguments));
        if (function == null) {
            throw new InvalidRequestException(role + " function " + keyspace + "." + UserFunctions.signature(name, arguments) + " does not exist");
        }
        return function;
    }

    private ByteBuffer initialCondition(CqlType stateType) {
        if (statement.initialCondition() == null) return null;
        return Terms.constant(statement.initialCondition(), stateType, "(dummy)"); // tuples and collections of literals too
    }
}
