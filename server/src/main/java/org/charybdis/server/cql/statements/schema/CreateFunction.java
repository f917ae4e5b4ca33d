package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.messages.SchemaChange;
import org.charybdis.cql.syntax.CreateFunctionStatement;
import org.charybdis.cql.syntax.FieldDefinition;
import org.charybdis.cql.syntax.RawType;
import org.charybdis.cql.types.CqlType;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.udf.UdfSettings;
import org.charybdis.server.cql.udf.UserFunctionCalls;
import org.charybdis.server.schema.KeyspaceMetadata;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.SchemaManager.SchemaUpdate;
import org.charybdis.server.schema.UserFunction;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** CREATE [OR REPLACE] FUNCTION [IF NOT EXISTS]: Java only, compiled off the shards (and refused if it does not compile) before it is stored. */
final class CreateFunction extends SchemaChangeStatement {
    private final CreateFunctionStatement statement;
    private final String keyspace;

    CreateFunction(CreateFunctionStatement statement, String keyspace, UdfSettings settings) {
        FunctionDefinitions.checkCreate(settings, statement.orReplace(), statement.ifNotExists());
        if (!statement.language().toLowerCase(Locale.ROOT).equals("java")) {
            throw new InvalidRequestException("Currently only Java UDFs are available in Cassandra. For more information - CASSANDRA-18252 and CASSANDRA-17281");
        }
        this.statement = statement;
        this.keyspace = keyspace;
    }

    @Override
    public void checkAccess(ExecutionContext context) {
        List<RawType> types = new ArrayList<>();
        for (FieldDefinition argument : statement.arguments()) types.add(argument.type());
        FunctionDefinitions.checkCreateAccess(context, keyspace, statement.orReplace(), FunctionDefinitions.existing(
                context.server().schema().current(), keyspace, statement.function().name(), types, false));
    }

    /**
     * Compiles the body on a worker first (0.1 to 1 s of CPU that would stall a shard), then applies the change on
     * the schema owner, which finds the body compiled unless a concurrent change altered a type it uses.
     */
    @Override
    public CompletionStage<? extends Result> execute(ExecutionContext context) {
        Definition draft;
        try {
            draft = define(context.server().schema().current());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (draft == null) return super.execute(context);
        return UserFunctionCalls.compileOffShard(draft.function()).thenCompose(ignored -> super.execute(context));
    }

    @Override
    SchemaUpdate apply(Schema current, long nowMicros) {
        Definition definition = define(current);
        if (definition == null) return SchemaUpdate.unchanged(current);
        UserFunction function = definition.function();
        UserFunction existing = definition.existing();
        UserFunctionCalls.compile(function);
        if (existing != null) UserFunctionCalls.replaced(existing, function);
        SchemaChange.Change change = existing == null ? SchemaChange.Change.CREATED : SchemaChange.Change.UPDATED;
        KeyspaceMetadata ks = definition.keyspace();
        return new SchemaUpdate(current.with(ks.withFunctions(ks.functions().with(function))),
                FunctionDefinitions.event(change, SchemaChange.Target.FUNCTION, keyspace, function.name(), function.argumentTypes()));
    }

    /** The function defined, in its keyspace, and the one it replaces (null when new). */
    private record Definition(KeyspaceMetadata keyspace, UserFunction function, UserFunction existing) {}

    /** What this statement defines against {@code current}; null for an IF NOT EXISTS no-op. Throws the statement's errors. */
    private Definition define(Schema current) {
        KeyspaceMetadata ks = FunctionDefinitions.keyspace(current, keyspace);
        String name = statement.function().name();
        List<String> names = new ArrayList<>();
        List<CqlType> types = new ArrayList<>();
        for (FieldDefinition argument : statement.arguments()) {
            names.add(argument.name().name());
            types.add(FunctionDefinitions.argumentType(argument.type(), keyspace, current));
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new InvalidRequestException("Duplicate argument names for given function " + name + " with argument names " + names);
        }
        CqlType returnType = FunctionDefinitions.valueType(statement.returnType(), keyspace, current);
        UserFunction function = new UserFunction(keyspace, name, names, types, returnType, statement.calledOnNullInput(),
                statement.language().toLowerCase(Locale.ROOT), statement.body());
        UserFunction existing = ks.functions().functions().get(function.signature());
        if (existing != null) {
            if (statement.ifNotExists()) return null;
            if (!statement.orReplace()) throw new InvalidRequestException("Function '" + name + "' already exists");
            if (!existing.returnType().equals(returnType)) {
                throw new InvalidRequestException("Cannot replace function '" + name + "', the new return type " + returnType.cqlName()
                        + " is not compatible with the return type " + existing.returnType().cqlName() + " of existing function");
            }
            if (existing.calledOnNullInput() != function.calledOnNullInput()) {
                throw new InvalidRequestException("Function '" + name + "' must have "
                        + (function.calledOnNullInput() ? "CALLED ON NULL INPUT" : "RETURNS NULL ON NULL INPUT") + " directive");
            }
        }
        return new Definition(ks, function, existing);
    }
}
