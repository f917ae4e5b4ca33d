package org.charybdis.server.cql.statements.modification;

import org.charybdis.cql.exceptions.InvalidRequestException;

import java.util.List;

/**
 * Cassandra's checks of what one batch may hold, in its order: a batch-wide timestamp, and counter statements
 * (writes to counter tables) only in counter or unlogged batches, never with other statements. A timeout belongs to
 * the batch as a whole, never to a statement inside it.
 */
final class BatchRules {
    /** The batch types of CQL text and of the protocol's BATCH message. */
    enum Kind {
        LOGGED, UNLOGGED, COUNTER;

        /** What a timeout of such a batch reports. */
        org.charybdis.cql.exceptions.WriteType writeType() {
            return switch (this) {
                case LOGGED -> org.charybdis.cql.exceptions.WriteType.BATCH;
                case UNLOGGED -> org.charybdis.cql.exceptions.WriteType.UNLOGGED_BATCH;
                case COUNTER -> org.charybdis.cql.exceptions.WriteType.COUNTER;
            };
        }
    }

    private BatchRules() {}

    /** @param batchTimestamp whether the batch gives its own {@code USING TIMESTAMP} */
    static void check(Kind kind, List<WriteStatement> statements, boolean batchTimestamp) {
        if (batchTimestamp) {
            if (statements.stream().anyMatch(WriteStatement::isConditional)) {
                throw new InvalidRequestException("Cannot provide custom timestamp for conditional BATCH");
            }
            if (kind == Kind.COUNTER) throw new InvalidRequestException("Cannot provide custom timestamp for counter BATCH");
        }
        boolean counters = false, nonCounters = false;
        for (WriteStatement statement : statements) {
            if (batchTimestamp && statement.isCounter()) {
                throw new InvalidRequestException("Cannot provide custom timestamp for a BATCH containing counters");
            }
            if (batchTimestamp && statement.hasTimestamp()) {
                throw new InvalidRequestException("Timestamp must be set either on BATCH or individual statements");
            }
            if (kind == Kind.COUNTER && !statement.isCounter()) {
                throw new InvalidRequestException("Cannot include non-counter statement in a counter batch");
            }
            if (statement.hasTimeout()) {
                throw new InvalidRequestException("Timeout cannot be set on a statement inside a BATCH: give the BATCH its USING TIMEOUT");
            }
            if (statement.isCounter()) counters = true;
            else nonCounters = true;
        }
        if (counters && nonCounters) throw new InvalidRequestException("Counter and non-counter mutations cannot exist in the same batch");
        if (kind == Kind.LOGGED && counters) throw new InvalidRequestException("Cannot include a counter statement in a logged batch");
    }
}
