package org.charybdis.server.cql.statements.modification;

import org.charybdis.server.cql.Columns;
import org.charybdis.server.service.PartitionWrites;
import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.ColumnIdentifier;
import org.charybdis.cql.syntax.InsertStatement;
import org.charybdis.cql.syntax.Term;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.restrictions.ValueList;
import org.charybdis.server.cql.terms.BindVariables;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.cql.terms.Terms;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.CompactStorage;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.Clustering;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * {@code INSERT INTO t (cols) VALUES (..)}: one row with its row marker, or only static columns when no
 * clustering is given. Null values write tombstones, unset values are skipped.
 */
final class CompiledInsert extends WriteStatement {
    private final TableMetadata table;
    private final BoundValue[] partitionKey;
    private final BoundValue[] clustering;
    private final List<ColumnOperation> operations;
    private final boolean staticOnly;

    CompiledInsert(TableMetadata table, WriteAttributes attributes, BindVariables variables, int[] bindIndexes,
                           BoundValue[] partitionKey, BoundValue[] clustering, List<ColumnOperation> operations, boolean staticOnly,
                           StatementConditions conditions) {
        super(table, attributes, variables.specs(), bindIndexes, conditions);
        this.table = table;
        this.partitionKey = partitionKey;
        this.clustering = clustering;
        this.operations = List.copyOf(operations);
        this.staticOnly = staticOnly;
    }

    static CompiledInsert compile(InsertStatement insert, TableMetadata table, BindVariables variables) {
        for (ColumnMetadata c : table.regularAndStatic()) {
            if (c.type().isCounter()) {
                throw new InvalidRequestException("INSERT statements are not allowed on counter tables, use UPDATE instead");
            }
        }
        if (insert.isJson()) return JsonInsert.compile(insert, table, variables);
        if (insert.columns().size() != insert.values().size()) throw new InvalidRequestException("Unmatched column names/values");
        WriteAttributes attributes = WriteAttributes.compile(insert.attributes(), variables);
        StatementConditions conditions = insert.ifNotExists() ? StatementConditions.ifNotExists() : null;
        if (conditions != null) StatementConditions.checkStatement(table, attributes);
        BoundValue[] partitionKey = new BoundValue[table.partitionKey().size()];
        BoundValue[] clustering = new BoundValue[table.clustering().size()];
        int[] bindIndexes = new int[partitionKey.length];
        List<ColumnOperation> operations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean onlyStatic = true;
        for (int i = 0; i < insert.columns().size(); i++) {
            ColumnIdentifier name = insert.columns().get(i);
            ColumnMetadata column = Columns.resolve(table, name);
            if (!seen.add(column.name())) throw new InvalidRequestException("The column names contains duplicates");
            Term value = insert.values().get(i);
            switch (column.kind()) {
                case PARTITION_KEY -> {
                    partitionKey[column.position()] = Terms.resolve(value, column.type(), name.toCqlString(), variables);
                    bindIndexes[column.position()] = value instanceof Term.BindMarker marker ? marker.index() : -1;
                }
                case CLUSTERING -> clustering[column.position()] = Terms.resolve(value, column.type(), name.toCqlString(), variables);
                default -> {
                    onlyStatic &= column.isStatic();
                    operations.add(OperationCompiler.insertValue(column, value, variables));
                }
            }
        }
        checkComplete(partitionKey, table.partitionKey(), "Some partition key parts are missing: ");
        if (table.compactStorage() == CompactStorage.DENSE && operations.isEmpty()) operations.add(denseValue(table));
        boolean noClustering = Arrays.stream(clustering).allMatch(c -> c == null);
        boolean staticOnly = noClustering && onlyStatic && !operations.isEmpty() && !table.clustering().isEmpty();
        if (!staticOnly) checkComplete(clustering, table.clustering(), "Some clustering keys are missing: ");
        boolean allBound = Arrays.stream(bindIndexes).allMatch(index -> index >= 0);
        return new CompiledInsert(table, attributes, variables, allBound ? bindIndexes : new int[0], partitionKey,
                clustering, operations, staticOnly, conditions);
    }

    /**
     * What an INSERT that names no value writes into a dense table: an empty value into its hidden value column, for
     * a row lives only as long as a value does; a table with a value column of its own wants it named.
     */
    private static ColumnOperation denseValue(TableMetadata table) {
        ColumnMetadata value = table.regularAndStatic().getFirst();
        if (!table.isHidden(value)) {
            throw new InvalidRequestException("Column " + ColumnIdentifier.quoteIfNeeded(value.name()) + " is mandatory for this COMPACT STORAGE table");
        }
        return new ColumnWrites.SetSimple(value, BoundValue.constant(ByteBuffer.allocate(0)));
    }

    private static void checkComplete(BoundValue[] values, List<ColumnMetadata> columns, String message) {
        StringJoiner missing = new StringJoiner(", ");
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) missing.add(ColumnIdentifier.quoteIfNeeded(columns.get(i).name()));
        }
        if (missing.length() > 0) throw new InvalidRequestException(message + missing);
    }

    @Override
    void collect(ExecutionContext context, PartitionWrites writes) {
        List<ByteBuffer> key = new ArrayList<>(partitionKey.length);
        for (int i = 0; i < partitionKey.length; i++) key.add(single(partitionKey[i], table.partitionKey().get(i), context));
        UpdateParameters parameters = parameters(context);
        PartitionWrites.Partition partition = writes.partition(table, key);
        if (staticOnly) {
            applyOperations(operations, partition, Clustering.STATIC, parameters);
            return;
        }
        Clustering row = conditionRow(context);
        // a COMPACT STORAGE table has no row markers
        if (!table.compactStorage().isCompact()) partition.row(row).marker(parameters.timestamp(), parameters.ttl(), parameters.nowInSeconds());
        applyOperations(operations, partition, row, parameters);
    }

    @Override
    Clustering conditionRow(ExecutionContext context) {
        if (staticOnly) return Clustering.STATIC;
        ByteBuffer[] components = new ByteBuffer[clustering.length];
        for (int i = 0; i < clustering.length; i++) {
            components[i] = single(clustering[i], table.clustering().get(i), context);
            PartitionWrites.checkKeyLength(components[i]);
        }
        return Clustering.of(components);
    }

    @Override
    boolean updatesStatic() {
        return anyStatic(operations);
    }

    @Override
    boolean updatesRegular() {
        return !staticOnly;
    }

    private static ByteBuffer single(BoundValue value, ColumnMetadata column, ExecutionContext context) {
        return ValueList.checked(value.bind(context), ColumnIdentifier.quoteIfNeeded(column.name()));
    }
}
