package org.charybdis.server.cql.statements;

import org.charybdis.cql.messages.BatchType;
import org.charybdis.cql.messages.Result;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.statements.modification.ModificationStatements;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Runs a protocol BATCH message: INSERT, UPDATE and DELETE statements, each with its own values. Logged and
 * unlogged batches behave the same on a single node (each partition's share applies atomically on its shard);
 * counter batches hold counter increments and deletions only.
 */
public final class BatchExecution {
    private BatchExecution() {}

    public static CompletionStage<? extends Result> execute(BatchType type, List<CqlStatement> statements,
                                                            List<List<ByteBuffer>> values, ExecutionContext context) {
        for (CqlStatement statement : statements) statement.checkAccess(context);
        return ModificationStatements.executeBatch(type, statements, values, context);
    }
}
