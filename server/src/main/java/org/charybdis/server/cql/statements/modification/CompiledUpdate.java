package org.charybdis.server.cql.statements.modification;

import org.charybdis.server.service.PartitionWrites;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.ColumnIdentifier;
import org.charybdis.cql.syntax.UpdateStatement;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.statements.schema.TableDefinitions;
import org.charybdis.server.cql.restrictions.Restrictions;
import org.charybdis.server.cql.restrictions.RestrictionsCompiler;
import org.charybdis.server.cql.restrictions.StatementType;
import org.charybdis.server.cql.terms.BindVariables;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.Clustering;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.StringJoiner;

/** {@code UPDATE t SET .. WHERE <primary key>}: cells without a row marker, on each row (or static row) named. */
final class CompiledUpdate extends WriteStatement {
    private final TableMetadata table;
    private final Restrictions keys;
    private final List<ColumnOperation> operations;

    private CompiledUpdate(TableMetadata table, WriteAttributes attributes, BindVariables variables, Restrictions keys,
                           List<ColumnOperation> operations, StatementConditions conditions) {
        super(table, attributes, variables.specs(), keys.partitionKeyBindIndexes(), conditions);
        this.table = table;
        this.keys = keys;
        this.operations = List.copyOf(operations);
    }

    static CompiledUpdate compile(UpdateStatement update, TableMetadata table, BindVariables variables) {
        if (update.isConditional()) StatementConditions.checkNotCounterTable(table, update.conditions());
        WriteAttributes attributes = WriteAttributes.compile(update.attributes(), variables);
        List<ColumnOperation> operations = OperationCompiler.updates(table, update.operations(), variables);
        Restrictions keys = RestrictionsCompiler.compileModification(StatementType.UPDATE, table, update.where(), variables);
        if (table.isCounterTable()) attributes.checkForCounterTable();
        StatementConditions conditions = StatementConditions.compile(table, update.ifExists(), update.conditions(), variables);
        if (conditions != null) {
            StatementConditions.checkStatement(table, attributes);
            keys.checkNoInForConditions("updates");
        }
        boolean onlyStatic = operations.stream().allMatch(o -> o.column().isStatic())
                && (conditions == null || !conditions.onRegularColumns());
        if (onlyStatic && keys.isClusteringRestricted()) throw clusteringWithOnlyStatics("UPDATE");
        if (!keys.namesRows() && (keys.isClusteringRestricted() || !onlyStatic)) {
            StringJoiner missing = new StringJoiner(", ");
            for (int i = keys.prefixSize(); i < table.clustering().size(); i++) {
                missing.add(ColumnIdentifier.quoteIfNeeded(table.clustering().get(i).name()));
            }
            throw new InvalidRequestException("Some clustering keys are missing: " + missing);
        }
        return new CompiledUpdate(table, attributes, variables, keys, operations, conditions);
    }

    /** Cassandra refuses clustering restrictions on a write of static columns only, as likely unintended. */
    static InvalidRequestException clusteringWithOnlyStatics(String statement) {
        return new InvalidRequestException("Invalid restrictions on clustering columns since the " + statement
                + " statement modifies only static columns");
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
        return anyRegular(operations);
    }

    @Override
    void collect(ExecutionContext context, PartitionWrites writes) {
        UpdateParameters parameters = parameters(context);
        List<List<ByteBuffer>> partitionKeys = keys.partitionKeys(context);
        List<Clustering> rows = keys.namesRows() ? keys.clusterings(context) : List.of(Clustering.STATIC);
        for (List<ByteBuffer> key : partitionKeys) {
            PartitionWrites.Partition partition = writes.partition(table, key);
            for (Clustering row : rows) applyOperations(operations, partition, row, parameters);
        }
    }
}
