package org.charybdis.server.cql;

import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.ResultMetadata;
import org.charybdis.cql.messages.Result;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A statement checked against the schema and ready to run any number of times with bound values.
 * Prepared statements are shared by every shard, so implementations are immutable.
 */
public interface CqlStatement {
    /** The bind variables in marker order, as the PREPARED result describes them. */
    List<ColumnSpec> bindVariables();

    /** Bind-variable indexes of the partition key components, in key order (token-aware routing); empty if not all bound. */
    default int[] partitionKeyBindIndexes() {
        return new int[0];
    }

    /** The columns a SELECT returns; {@link ResultMetadata#EMPTY} for other statements. */
    default ResultMetadata resultMetadata() {
        return ResultMetadata.EMPTY;
    }

    /** Throws {@code UnauthorizedException} when the client's role may not run this statement. */
    default void checkAccess(ExecutionContext context) {}

    /** Runs the statement. The returned stage completes on the calling shard. */
    CompletionStage<? extends Result> execute(ExecutionContext context);
}
