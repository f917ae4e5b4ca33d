package org.charybdis.server.cql.statements.modification;

import org.charybdis.server.service.PartitionWrites;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.DeleteStatement;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.statements.schema.TableDefinitions;
import org.charybdis.server.cql.restrictions.Restrictions;
import org.charybdis.server.cql.restrictions.RestrictionsCompiler;
import org.charybdis.server.cql.restrictions.StatementType;
import org.charybdis.server.cql.terms.BindVariables;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.Slice;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * {@code DELETE [targets] FROM t WHERE ..}: cell, element and field deletions on named rows; without
 * targets a row deletion, a range deletion over clustering prefixes and slices, or a partition deletion.
 */
final class CompiledDelete extends WriteStatement {
    private final TableMetadata table;
    private final Restrictions keys;
    private final List<ColumnOperation> operations;

    private CompiledDelete(TableMetadata table, WriteAttributes attributes, BindVariables variables, Restrictions keys,
                           List<ColumnOperation> operations, StatementConditions conditions) {
        super(table, attributes, variables.specs(), keys.partitionKeyBindIndexes(), conditions);
        this.table = table;
        this.keys = keys;
        this.operations = List.copyOf(operations);
    }

    static CompiledDelete compile(DeleteStatement delete, TableMetadata table, BindVariables variables) {
        if (delete.attributes().ttl() != null) throw new InvalidRequestException("A DELETE statement cannot use TTL");
        if (delete.isConditional()) StatementConditions.checkNotCounterTable(table, delete.conditions());
        WriteAttributes attributes = WriteAttributes.compile(delete.attributes(), variables);
        List<ColumnOperation> operations = OperationCompiler.deletions(table, delete.targets(), variables);
        Restrictions keys = RestrictionsCompiler.compileModification(StatementType.DELETE, table, delete.where(), variables);
        if (table.isCounterTable()) attributes.checkForCounterTable();
        StatementConditions conditions = StatementConditions.compile(table, delete.ifExists(), delete.conditions(), variables);
        if (!operations.isEmpty() && operations.stream().allMatch(o -> o.column().isStatic()) && keys.isClusteringRestricted()
                && (conditions == null || !conditions.onRegularColumns())) {
            throw CompiledUpdate.clusteringWithOnlyStatics("DELETE");
        }
        if (conditions != null) checkConditional(table, attributes, keys, operations, conditions);
        if (!operations.isEmpty() && !keys.namesRows()) {
            boolean onlyStatic = operations.stream().allMatch(o -> o.column().isStatic());
            if (keys.isClusteringRestricted() || !onlyStatic) {
                throw new InvalidRequestException("Range deletions are not supported for specific columns");
            }
        }
        return new CompiledDelete(table, attributes, variables, keys, operations, conditions);
    }

    /** A conditional DELETE names one row, or the static row when it deletes static columns only. */
    private static void checkConditional(TableMetadata table, WriteAttributes attributes, Restrictions keys,
                                         List<ColumnOperation> operations, StatementConditions conditions) {
        StatementConditions.checkStatement(table, attributes);
        keys.checkNoInForConditions("deletions");
        if (keys.namesRows()) return;
        if (operations.isEmpty() || anyRegular(operations)) {
            throw new InvalidRequestException("DELETE statements must restrict all PRIMARY KEY columns with equality relations"
                    + " in order to delete non static columns");
        }
        if (conditions.onRegularColumns()) {
            throw new InvalidRequestException("DELETE statements must restrict all PRIMARY KEY columns with equality relations"
                    + " in order to use IF condition on non static columns");
        }
    }

    @Override
    Clustering conditionRow(ExecutionContext context) {
        return keys.namesRows() ? keys.clusterings(context).getFirst() : Clustering.STATIC;
    }

    @Override
    boolean updatesStatic() {
        return anyStatic(operations);
    }

    @Override
    boolean updatesRegular() {
        return operations.isEmpty() || anyRegular(operations);
    }

    @Override
    void collect(ExecutionContext context, PartitionWrites writes) {
        UpdateParameters p = parameters(context);
        List<List<ByteBuffer>> partitionKeys = keys.partitionKeys(context);
        if (!operations.isEmpty()) {
            List<Clustering> rows = keys.namesRows() ? keys.clusterings(context) : List.of(Clustering.STATIC);
            for (List<ByteBuffer> key : partitionKeys) {
                PartitionWrites.Partition partition = writes.partition(table, key);
                for (Clustering row : rows) applyOperations(operations, partition, row, p);
            }
        } else if (!keys.isClusteringRestricted()) {
            for (List<ByteBuffer> key : partitionKeys) {
                writes.partition(table, key).builder().deletePartition(p.timestamp(), p.nowInSeconds());
            }
        } else if (keys.namesRows()) {
            List<Clustering> rows = keys.clusterings(context);
            for (List<ByteBuffer> key : partitionKeys) {
                PartitionWrites.Partition partition = writes.partition(table, key);
                for (Clustering row : rows) partition.row(row).delete(p.timestamp(), p.nowInSeconds());
            }
        } else {
            List<Slice> slices = keys.slices(context);
            for (List<ByteBuffer> key : partitionKeys) {
                PartitionWrites.Partition partition = writes.partition(table, key);
                for (Slice slice : slices) partition.builder().deleteRange(slice, p.timestamp(), p.nowInSeconds());
            }
        }
    }
}
