package org.charybdis.server.cql.statements.modification;

import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.ResultMetadata;
import org.charybdis.cql.messages.RowsResult;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.PartitionKeys;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The answer of a lightweight transaction, shaped as Cassandra 5.0 sends it: an {@code [applied]} boolean
 * column first; when not applied, the current values of the conditioned columns (the whole row for IF
 * [NOT] EXISTS; in a batch, preceded by the primary key) for each row read, or {@code [applied]} alone
 * when nothing was read.
 */
final class CasResults {
    static final String APPLIED = "[applied]";
    private static final ByteBuffer TRUE = NativeType.BOOLEAN.serialize(true);
    private static final ByteBuffer FALSE = NativeType.BOOLEAN.serialize(false);

    private CasResults() {}

    /**
     * Which columns a failure reports.
     *
     * @param wholeRows  some statement is IF [NOT] EXISTS: every column of the table
     * @param batch      a batch: the primary key comes first, so that rows can be told apart
     * @param conditions the conditioned columns otherwise, in Cassandra's order
     */
    record Report(boolean wholeRows, boolean batch, Set<ColumnMetadata> conditions) {
        List<ColumnMetadata> columns(TableMetadata table) {
            if (wholeRows) return table.visibleColumns();
            Set<ColumnMetadata> columns = new LinkedHashSet<>();
            if (batch) {
                columns.addAll(table.partitionKey());
                columns.addAll(table.clustering());
            }
            columns.addAll(conditions);
            return new ArrayList<>(columns);
        }
    }

    static RowsResult applied(TableMetadata table) {
        List<ByteBuffer[]> rows = new ArrayList<>(1);
        rows.add(new ByteBuffer[] {TRUE.duplicate()});
        return new RowsResult(ResultMetadata.of(List.of(appliedSpec(table))), rows);
    }

    /** Runs on the owning shard: values are copied, as they may point into memtable memory. */
    static RowsResult notApplied(TableMetadata table, DecoratedKey key, CasRequest.Current current, Report report) {
        List<Row> reported = current.reportedRows();
        if (reported.isEmpty() && !current.reportsStaticRowAlone()) {
            List<ByteBuffer[]> rows = new ArrayList<>(1);
            rows.add(new ByteBuffer[] {FALSE.duplicate()});
            return new RowsResult(ResultMetadata.of(List.of(appliedSpec(table))), rows);
        }
        List<ColumnMetadata> columns = report.columns(table);
        List<ColumnSpec> specs = new ArrayList<>(columns.size() + 1);
        specs.add(appliedSpec(table));
        for (ColumnMetadata column : columns) specs.add(new ColumnSpec(table.keyspace(), table.name(), column.name(), column.type()));
        ByteBuffer[] keyComponents = PartitionKeys.split(key.key(), table.partitionKey().size());
        Row staticRow = current.reportsStatic() ? current.staticRow() : null;
        List<ByteBuffer[]> rows = new ArrayList<>(Math.max(1, reported.size()));
        if (reported.isEmpty()) rows.add(values(columns, keyComponents, current, staticRow, null));
        for (Row row : reported) rows.add(values(columns, keyComponents, current, staticRow, row));
        return new RowsResult(ResultMetadata.of(specs), rows);
    }

    private static ByteBuffer[] values(List<ColumnMetadata> columns, ByteBuffer[] keyComponents, CasRequest.Current current,
                                       Row staticRow, Row row) {
        ByteBuffer[] values = new ByteBuffer[columns.size() + 1];
        values[0] = FALSE.duplicate();
        for (int i = 0; i < columns.size(); i++) {
            ColumnMetadata column = columns.get(i);
            ByteBuffer value = switch (column.kind()) {
                case PARTITION_KEY -> keyComponents[column.position()];
                case CLUSTERING -> row == null ? null : row.clustering().get(column.position());
                case STATIC -> current.reads(column) ? CellValues.column(column, staticRow) : null;
                case REGULAR -> current.reads(column) ? CellValues.column(column, row) : null;
            };
            values[i + 1] = value == null ? null : copy(value);
        }
        return values;
    }

    private static ByteBuffer copy(ByteBuffer value) {
        ByteBuffer copy = ByteBuffer.allocate(value.remaining());
        copy.put(value.duplicate());
        return copy.flip();
    }

    private static ColumnSpec appliedSpec(TableMetadata table) {
        return new ColumnSpec(table.keyspace(), table.name(), APPLIED, NativeType.BOOLEAN);
    }
}
