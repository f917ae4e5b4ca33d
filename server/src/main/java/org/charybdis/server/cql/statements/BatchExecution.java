package org.charybdis.server.cql.statements;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.BatchType;
import org.charybdis.cql.messages.Result;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.cql.ExecutionContext;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Runs a protocol BATCH message. (Placeholder until the modification statements land.) */
public final class BatchExecution {
    private BatchExecution() {}

    public static CompletionStage<? extends Result> execute(BatchType type, List<CqlStatement> statements,
                                                            List<List<ByteBuffer>> values, ExecutionContext context) {
        throw new InvalidRequestException("BATCH is not available in this build");
    }
}
