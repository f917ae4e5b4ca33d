package org.charybdis.server.cql.statements.modification;

import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.Result;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.Clustering;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A compiled INSERT, UPDATE or DELETE. Executing it collects its writes per partition and applies them
 * on the owning shards; a batch collects several statements' writes first, then applies them together.
 */
public abstract sealed class WriteStatement implements CqlStatement permits CompiledInsert, CompiledUpdate, CompiledDelete {
    private final TableMetadata table;
    private final WriteAttributes attributes;
    private final List<ColumnSpec> bindVariables;
    private final int[] partitionKeyBindIndexes;

    WriteStatement(TableMetadata table, WriteAttributes attributes, List<ColumnSpec> bindVariables, int[] partitionKeyBindIndexes) {
        this.table = table;
        this.attributes = attributes;
        this.bindVariables = bindVariables;
        this.partitionKeyBindIndexes = partitionKeyBindIndexes;
    }

    /** The table written, as it was when the statement was compiled. */
    public TableMetadata table() {
        return table;
    }

    @Override
    public List<ColumnSpec> bindVariables() {
        return bindVariables;
    }

    @Override
    public int[] partitionKeyBindIndexes() {
        return partitionKeyBindIndexes.clone();
    }

    @Override
    public CompletionStage<? extends Result> execute(ExecutionContext context) {
        PartitionWrites writes = new PartitionWrites();
        collect(context, writes);
        return MutationDispatcher.apply(writes, context);
    }

    boolean hasTimestamp() {
        return attributes.hasTimestamp();
    }

    /** Adds this execution's writes to the per-partition updates. Runs on the calling shard. */
    abstract void collect(ExecutionContext context, PartitionWrites writes);

    UpdateParameters parameters(ExecutionContext context) {
        return new UpdateParameters(context, attributes.timestamp(context),
                attributes.ttl(context, table.params().defaultTimeToLive()), context.nowInSeconds());
    }

    /** Runs the column operations on one row; static columns go to the partition's static row. */
    static void applyOperations(List<ColumnOperation> operations, PartitionWrites.Partition partition, Clustering clustering,
                                UpdateParameters parameters) {
        for (ColumnOperation operation : operations) {
            operation.execute(partition, operation.column().isStatic() ? Clustering.STATIC : clustering, parameters);
        }
    }
}
