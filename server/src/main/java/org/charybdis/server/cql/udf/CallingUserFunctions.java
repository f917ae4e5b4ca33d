package org.charybdis.server.cql.udf;

import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.messages.ResultMetadata;
import org.charybdis.cql.syntax.Permission;
import org.charybdis.server.auth.AuthResource;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.cql.ExecutionContext;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** A statement that calls user-defined functions or aggregates: running it needs EXECUTE on each, as in Cassandra. */
public record CallingUserFunctions(CqlStatement statement, List<AuthResource> functions) implements CqlStatement {

    @Override
    public void checkAccess(ExecutionContext context) {
        for (AuthResource function : functions) context.access().ensure(Permission.EXECUTE, function);
        statement.checkAccess(context);
    }

    @Override
    public List<ColumnSpec> bindVariables() {
        return statement.bindVariables();
    }

    @Override
    public int[] partitionKeyBindIndexes() {
        return statement.partitionKeyBindIndexes();
    }

    @Override
    public ResultMetadata resultMetadata() {
        return statement.resultMetadata();
    }

    @Override
    public CompletionStage<? extends Result> execute(ExecutionContext context) {
        return statement.execute(context);
    }
}
