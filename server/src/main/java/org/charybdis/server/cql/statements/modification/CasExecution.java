package org.charybdis.server.cql.statements.modification;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.ConsistencyLevel;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.messages.Result;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.ServerClock;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.TableEngine;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs lightweight transactions: a conditional INSERT, UPDATE or DELETE, or a batch holding one, on a single
 * partition. On the shard owning the partition, and in that partition's turn of the shard's
 * {@link org.charybdis.storage.engine.PartitionSequencer} (so no other transaction reads or writes it in
 * between, even while this one waits for the disk), it reads the rows the conditions name, judges them and
 * either writes or reports the current values.
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
     */
    static CompletionStage<Result> execute(List<WriteStatement> statements, List<ExecutionContext> contexts, boolean batch,
                                           ExecutionContext context) {
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
        long now = context.nowInSeconds();
        long maxMutationBytes = MutationDispatcher.maxMutationBytes(context);
        ServerClock clock = context.server().clock();
        int shard = context.server().database().shardOf(partition.key());
        return context.server().database().onShardAsync(shard, storage -> storage.sequencer().run(table.id(), partition.key(),
                () -> onOwner(storage, request, partition, report, now, maxMutationBytes, clock)));
    }

    /** Read, judge, then write or report; runs on the owning shard, in the partition's turn. */
    private static CompletableFuture<Result> onOwner(ShardStorage storage, CasRequest request, PartitionWrites.Partition partition,
                                                     CasResults.Report report, long now, long maxMutationBytes, ServerClock clock) {
        TableMetadata table = request.table();
        TableEngine engine = storage.table(table.id());
        if (engine == null) throw new InvalidRequestException("Table " + table + " was dropped while the write was running");
        return engine.read(partition.key(), request.readFilter(engine.layout().clusteringComparator()), now).thenCompose(view -> {
            CasRequest.Current current = request.current(view);
            if (!request.appliesTo(current)) {
                return CompletableFuture.completedFuture(CasResults.notApplied(table, partition.key(), current, report));
            }
            return MutationDispatcher.readBeforeWrite(engine, partition, now).thenCompose(ignored -> {
                long timestamp = clock.nextMicrosAbove(storage.shardId(), current.maxTimestamp());
                PartitionUpdate update = partition.builder().build().withUpdatedTimestamps(timestamp);
                MutationDispatcher.checkSize(update, partition, maxMutationBytes);
                return storage.write(List.of(engine), List.of(update)).thenApply(done -> (Result) CasResults.applied(table));
            });
        });
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
