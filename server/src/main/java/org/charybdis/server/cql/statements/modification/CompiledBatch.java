package org.charybdis.server.cql.statements.modification;

import org.charybdis.cql.syntax.Permission;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.Result;
import org.charybdis.cql.syntax.BatchStatement;
import org.charybdis.cql.syntax.ModificationStatement;
import org.charybdis.server.cql.ClientState;
import org.charybdis.server.cql.CqlStatement;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.terms.BindVariables;
import org.charybdis.server.schema.Schema;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.service.PartitionWrites;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code BEGIN [UNLOGGED | COUNTER] BATCH ... APPLY BATCH} as text. Logged and unlogged batches behave the same
 * on a single node: every partition's share is applied atomically on its shard. A counter batch applies each
 * partition's increments in that partition's turn (see {@link CounterWrites}).
 */
final class CompiledBatch implements CqlStatement {
    private final List<WriteStatement> statements;
    private final WriteAttributes attributes;
    private final List<ColumnSpec> bindVariables;
    private final int[] partitionKeyBindIndexes;
    private final BatchRules.Kind kind;

    private CompiledBatch(List<WriteStatement> statements, WriteAttributes attributes, List<ColumnSpec> bindVariables,
                          int[] partitionKeyBindIndexes, BatchRules.Kind kind) {
        this.statements = List.copyOf(statements);
        this.attributes = attributes;
        this.bindVariables = List.copyOf(bindVariables);
        this.partitionKeyBindIndexes = partitionKeyBindIndexes;
        this.kind = kind;
    }

    static CompiledBatch compile(BatchStatement batch, ClientState client, Schema schema) {
        if (batch.attributes().ttl() != null) throw new InvalidRequestException("Global TTL on the BATCH statement is not supported.");
        int count = batch.bindMarkerCount();
        List<TableMetadata> tables = new ArrayList<>(batch.statements().size());
        for (ModificationStatement statement : batch.statements()) {
            tables.add(ModificationStatements.table(statement.table(), client, schema));
        }
        // the batch's own markers ([timestamp]) name the first statement's table
        BindVariables batchVariables = tables.isEmpty() ? new BindVariables(count, null, null)
                : new BindVariables(count, tables.getFirst().keyspace(), tables.getFirst().name());
        WriteAttributes attributes = WriteAttributes.compile(batch.attributes(), batchVariables);
        List<BindVariables> perStatement = new ArrayList<>();
        List<WriteStatement> compiled = new ArrayList<>(batch.statements().size());
        for (int i = 0; i < batch.statements().size(); i++) {
            ModificationStatement statement = batch.statements().get(i);
            TableMetadata table = tables.get(i);
            BindVariables variables = new BindVariables(count, table.keyspace(), table.name(), schema);
            compiled.add(ModificationStatements.compile(statement, table, variables));
            perStatement.add(variables);
        }
        BatchRules.check(kind(batch.type()), compiled, attributes.hasTimestamp());
        if (compiled.stream().anyMatch(WriteStatement::isConditional)) checkConditional(compiled);
        List<ColumnSpec> specs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) specs.add(specOf(i, batchVariables, perStatement));
        int[] keyIndexes = compiled.isEmpty() ? new int[0] : compiled.getFirst().partitionKeyBindIndexes();
        return new CompiledBatch(compiled, attributes, specs, keyIndexes, kind(batch.type()));
    }

    private static BatchRules.Kind kind(BatchStatement.Type type) {
        return switch (type) {
            case LOGGED -> BatchRules.Kind.LOGGED;
            case UNLOGGED -> BatchRules.Kind.UNLOGGED;
            case COUNTER -> BatchRules.Kind.COUNTER;
        };
    }

    /** A conditional batch is one lightweight transaction, on one table. */
    private static void checkConditional(List<WriteStatement> statements) {
        for (WriteStatement statement : statements) {
            if (!statement.table().id().equals(statements.getFirst().table().id())) {
                throw new InvalidRequestException("Batch with conditions cannot span multiple tables");
            }
        }
    }

    private static ColumnSpec specOf(int index, BindVariables batchVariables, List<BindVariables> perStatement) {
        ColumnSpec spec = batchVariables.get(index);
        for (int s = 0; spec == null && s < perStatement.size(); s++) spec = perStatement.get(s).get(index);
        if (spec == null) throw new IllegalStateException("bind marker " + index + " has no receiver");
        return spec;
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
    public void checkAccess(ExecutionContext context) {
        for (WriteStatement statement : statements) statement.checkAccess(context);
    }

    @Override
    public CompletionStage<? extends Result> execute(ExecutionContext context) {
        ExecutionContext batchContext = context.withTimestamp(attributes.timestamp(context));
        Duration timeout = attributes.timeout(context);
        if (statements.stream().anyMatch(WriteStatement::isConditional)) {
            return CasExecution.execute(statements, Collections.nCopies(statements.size(), batchContext), true, timeout, context);
        }
        PartitionWrites writes = new PartitionWrites();
        for (WriteStatement statement : statements) statement.collect(batchContext, writes);
        BatchSizeWarning.check(writes, context);
        boolean counter = !statements.isEmpty() && statements.getFirst().isCounter();
        return WriteExecution.apply(writes, counter, kind.writeType(), timeout, context);
    }
}
