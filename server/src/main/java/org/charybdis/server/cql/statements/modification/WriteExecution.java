package org.charybdis.server.cql.statements.modification;

import org.charybdis.cql.exceptions.WriteType;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.messages.VoidResult;
import org.charybdis.server.cql.ConsistencyChecks;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.service.Deadline;
import org.charybdis.server.service.PartitionWrites;
import org.charybdis.server.service.StorageProxy;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** Hands what an unconditional statement or batch collected to the coordinator, under the request's deadline. */
final class WriteExecution {
    private WriteExecution() {}

    /**
     * @param counter whether the writes are to counter tables (a counter statement or batch)
     * @param timeout the statement's or batch's {@code USING TIMEOUT}, or null
     */
    static CompletionStage<Result> apply(PartitionWrites writes, boolean counter, WriteType type, Duration timeout,
                                         ExecutionContext context) {
        ConsistencyChecks.forWrite(context.options().consistency());
        Deadline deadline = context.deadline(counter ? Deadline.Kind.COUNTER_WRITE : Deadline.Kind.WRITE, timeout, type);
        StorageProxy proxy = context.server().proxy();
        long now = context.nowInSeconds();
        return (counter ? proxy.counterMutate(writes, now, deadline, context.trace()) : proxy.mutate(writes, now, deadline, context.trace()))
                .thenApply(ignored -> VoidResult.INSTANCE);
    }
}
