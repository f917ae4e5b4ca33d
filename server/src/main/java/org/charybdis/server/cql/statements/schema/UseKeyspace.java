package org.charybdis.server.cql.statements.schema;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.messages.SetKeyspaceResult;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.QueryProcessor;
import org.charybdis.server.schema.Schema;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** USE ks: sets the connection's current keyspace. */
final class UseKeyspace implements CqlStatement {
    private final String keyspace;

    UseKeyspace(String keyspace, Schema schema) {
        this.keyspace = keyspace;
        checkExists(schema);
    }

    private void checkExists(Schema schema) {
        if (schema.keyspace(keyspace) == null) throw new InvalidRequestException("Keyspace '" + keyspace + "' does not exist");
    }

    @Override
    public List<ColumnSpec> bindVariables() {
        return List.of();
    }

    @Override
    public CompletionStage<? extends Result> execute(ExecutionContext context) {
        checkExists(context.server().schema().current());
        context.client().setKeyspace(keyspace);
        return QueryProcessor.done(new SetKeyspaceResult(keyspace));
    }
}
