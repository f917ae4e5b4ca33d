package org.charybdis.server.cql.statements.modification;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.exceptions.WriteType;
import org.charybdis.cql.messages.ConsistencyLevel;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.messages.Result;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.service.CasOperation;
import org.charybdis.server.service.Deadline;
import org.charybdis.server.service.PartitionWrites;
import org.charybdis.storage.data.ClusteringComparator;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Compiles lightweight transactions: a conditional INSERT, UPDATE or DELETE, or a batch holding one, on a single
 * partition, into the update and the {@link CasOperation} the coordinator runs on the owning shard, in that
 * partition's turn (so no other transaction reads or writes it in between, even while this one waits for the disk):
 * it reads the rows the conditions name, judges them and either writes or reports the current values.
 * <p>
 * Timestamps: like Cassandra, which commits a transaction at its Paxos ballot's timestamp, every cell the
 * transaction writes gets one timestamp chosen on the owning shard, ignoring the client's default timestamp:
 * the shard's clock, raised above the newest timestamp among the rows read, and never below an earlier
 * transaction's on that shard (deletions go one microsecond lower, see
 * {@link PartitionUpdate#withUpdatedTimestamps}). Later writes with server or client timestamps from a
 * synchronised clock therefore order after it; a write with a smaller explicit {@code USING TIMESTAMP} loses,
 * as in Cassandra.
 */
final class CasExecution {
    private CasExecution() {}

    /**
     * @param statements the statements of the transaction (one, or a batch's), each with its execution
     * @param batch      whether failures report the primary key of each row (batches do)
     * @param timeout    the statement's or batch's {@code USING TIMEOUT}, or null
     */
    static CompletionStage<Result> execute(List<WriteStatement> statements, List<ExecutionContext> contexts, boolean batch,
                                           Duration timeout, ExecutionContext context) {
        checkConsistency(context.options());
        TableMetadata table = statements.getFirst().table();
        PartitionWrites writes = new PartitionWrites();
        CasRequest request = new CasRequest(table);
        boolean wholeRows = false;
        Set<ColumnMetadata> reported = new LinkedHashSet<>();
        for (int i = 0; i < statements.size(); i++) {
            WriteStatement statement = statements.get(i);
            ExecutionContext statementContext = contexts.get(i);
            if (!statement.table().id().equals(table.id())) {
                throw new InvalidRequestException("Batch with conditions cannot span multiple tables");
            }
            statement.collect(statementContext, writes);
            if (writes.partitions().size() > 1) throw new InvalidRequestException("Batch with conditions cannot span multiple partitions");
            request.noteUpdates(statement.updatesStatic(), statement.updatesRegular());
            StatementConditions conditions = statement.conditions();
            if (conditions == null) continue;
            conditions.addTo(request, statement.conditionRow(statementContext), statementContext);
            if (conditions.isExistence()) wholeRows = true;
            else reported.addAll(conditions.reportedColumns());
        }
        PartitionWrites.Partition partition = writes.partitions().iterator().next();
        CasResults.Report report = new CasResults.Report(wholeRows, batch, reported);
        Deadline deadline = context.deadline(Deadline.Kind.CAS, timeout, WriteType.CAS);
        return context.server().proxy().cas(partition, new Conditions(request, partition, report), context.nowInSeconds(), deadline,
                context.trace());
    }

    /** The transaction's conditions as the coordinator runs them: read the rows they name, then judge. */
    private record Conditions(CasRequest request, PartitionWrites.Partition partition, CasResults.Report report)
            implements CasOperation<Result> {
        @Override
        public ReadFilter readFilter(ClusteringComparator comparator) {
            return request.readFilter(comparator);
        }

        @Override
        public Decision<Result> decide(PartitionView view) {
            CasRequest.Current current = request.current(view);
            TableMetadata table = request.table();
            if (!request.appliesTo(current)) {
                return new Decision<>(false, 0, CasResults.notApplied(table, partition.key(), current, report));
            }
            return new Decision<>(true, current.maxTimestamp(), CasResults.applied(table));
        }
    }

    /** Cassandra's checks: a serial consistency for the Paxos rounds, any other level for the commit. */
    private static void checkConsistency(QueryOptions options) {
        ConsistencyLevel serial = options.serialConsistency();
        if (serial != ConsistencyLevel.SERIAL && serial != ConsistencyLevel.LOCAL_SERIAL) {
            throw new InvalidRequestException("Invalid consistency for conditional update. Must be one of SERIAL or LOCAL_SERIAL");
        }
        ConsistencyLevel commit = options.consistency();
        if (commit == ConsistencyLevel.SERIAL || commit == ConsistencyLevel.LOCAL_SERIAL) {
            throw new InvalidRequestException(commit + " is not supported as conditional update commit consistency. Use ANY if you "
                    + "mean \"make sure it is accepted but I don't care how many replicas commit it for non-SERIAL reads\"");
        }
    }
}
