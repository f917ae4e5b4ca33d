package org.charybdis.server.cql.statements.modification;

import org.charybdis.cql.syntax.Permission;
import org.charybdis.cql.exceptions.WriteType;
import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.Result;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.service.PartitionWrites;
import org.charybdis.storage.data.Clustering;

import java.time.Duration;
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
    private final StatementConditions conditions;
    private final boolean counter;

    /** @param conditions the IF clause, null for an unconditional statement */
    WriteStatement(TableMetadata table, WriteAttributes attributes, List<ColumnSpec> bindVariables, int[] partitionKeyBindIndexes,
                   StatementConditions conditions) {
        this.table = table;
        this.attributes = attributes;
        this.bindVariables = bindVariables;
        this.partitionKeyBindIndexes = partitionKeyBindIndexes;
        this.conditions = conditions;
        this.counter = table.isCounterTable();
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

    /** True for a lightweight transaction (IF NOT EXISTS, IF EXISTS, IF conditions). */
    public boolean isConditional() {
        return conditions != null;
    }

    /** True for a write to a counter table (an increment or a deletion), which batches keep apart. */
    public boolean isCounter() {
        return counter;
    }

    /** MODIFY on the table; a conditional write reads the row, so SELECT too. */
    @Override
    public void checkAccess(ExecutionContext context) {
        context.access().ensureTable(Permission.MODIFY, table.keyspace(), table.name());
        if (conditions != null) context.access().ensureTable(Permission.SELECT, table.keyspace(), table.name());
    }

    @Override
    public CompletionStage<? extends Result> execute(ExecutionContext context) {
        Duration timeout = attributes.timeout(context);
        if (conditions != null) return CasExecution.execute(List.of(this), List.of(context), false, timeout, context);
        PartitionWrites writes = new PartitionWrites();
        collect(context, writes);
        return WriteExecution.apply(writes, counter, counter ? WriteType.COUNTER : WriteType.SIMPLE, timeout, context);
    }

    boolean hasTimestamp() {
        return attributes.hasTimestamp();
    }

    /** A statement inside a batch takes the batch's timeout. */
    boolean hasTimeout() {
        return attributes.hasTimeout();
    }

    /** Adds this execution's writes to the per-partition updates. Runs on the calling shard. */
    abstract void collect(ExecutionContext context, PartitionWrites writes);

    /** The IF clause, or null. */
    StatementConditions conditions() {
        return conditions;
    }

    /**
     * The row a conditional statement names: its clustering, or {@link Clustering#STATIC} for a statement on
     * static columns only that gives no clustering.
     */
    abstract Clustering conditionRow(ExecutionContext context);

    /** Whether the statement writes static columns (decides what an existence condition reads and reports). */
    abstract boolean updatesStatic();

    /** Whether the statement writes regular rows (a row marker, a regular column, a row deletion). */
    abstract boolean updatesRegular();

    static boolean anyStatic(List<ColumnOperation> operations) {
        for (ColumnOperation operation : operations) if (operation.column().isStatic()) return true;
        return false;
    }

    static boolean anyRegular(List<ColumnOperation> operations) {
        for (ColumnOperation operation : operations) if (!operation.column().isStatic()) return true;
        return false;
    }

    UpdateParameters parameters(ExecutionContext context) {
        int defaultTtl = table.params().defaultTimeToLive();
        int ttl = attributes.ttl(context, defaultTtl);
        WriteAttributes.checkExpiration(table.keyspace(), table.name(), ttl, ttl == defaultTtl, context.nowInSeconds());
        return new UpdateParameters(context, attributes.timestamp(context), ttl, context.nowInSeconds());
    }

    /** Runs the column operations on one row; static columns go to the partition's static row. */
    static void applyOperations(List<ColumnOperation> operations, PartitionWrites.Partition partition, Clustering clustering,
                                UpdateParameters parameters) {
        for (ColumnOperation operation : operations) {
            operation.execute(partition, operation.column().isStatic() ? Clustering.STATIC : clustering, parameters);
        }
    }
}
