package org.charybdis.server.cql.statements.select.selection;

import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.messages.QueryOptions;
import org.charybdis.cql.types.CollectionCell;
import org.charybdis.cql.types.CollectionType;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.UserType;
import org.charybdis.server.cql.ExecutionContext;
import org.charybdis.server.cql.terms.BoundValue;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.service.pager.RowProjection;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The compiled SELECT clause: the result columns and how to compute them. Immutable; {@link #values}
 * runs on the shard owning the data. Without aggregates the values of a row are the result row; with
 * aggregates they are the inputs the coordinator folds with {@link #newAggregation()} into one row.
 */
public final class Selection implements RowProjection {
    private static final ByteBuffer[] NO_MARKERS = new ByteBuffer[0];

    private final List<ColumnSpec> specs;
    private final RowExpression[] rowValues;
    private final AggregationPlan aggregation;
    private final boolean selectsStatic;
    private final List<BoundValue> markers;

    Selection(List<ColumnSpec> specs, List<RowExpression> rowValues, AggregationPlan aggregation, boolean selectsStatic,
              List<BoundValue> markers) {
        this.specs = List.copyOf(specs);
        this.rowValues = rowValues.toArray(new RowExpression[0]);
        this.aggregation = aggregation;
        this.selectsStatic = selectsStatic;
        this.markers = List.copyOf(markers);
    }

    public List<ColumnSpec> columns() { return specs; }

    public int size() { return specs.size(); }

    /** True when the result is one row aggregated over everything read. */
    public boolean isAggregate() { return aggregation != null; }

    public boolean selectsStatic() { return selectsStatic; }

    /** A fresh fold of aggregate inputs into the single result row; only for aggregate selections. */
    public Aggregation newAggregation() {
        if (aggregation == null) throw new IllegalStateException("not an aggregate selection");
        return aggregation.start();
    }

    /**
     * The values computed from one row (the result row, or the aggregate inputs); {@code row} is null
     * for a partition's static-only row.
     */
    @Override
    public ByteBuffer[] values(DecoratedKey key, ByteBuffer[] keyComponents, Row staticRow, Row row, long nowInSeconds) {
        return values(key, keyComponents, staticRow, row, nowInSeconds, NO_MARKERS);
    }

    /** This selection with the execution's values of its bind markers (itself when it has none). */
    public RowProjection bind(ExecutionContext context) {
        if (markers.isEmpty()) return this;
        ByteBuffer[] bound = new ByteBuffer[markers.size()];
        for (int i = 0; i < bound.length; i++) {
            ByteBuffer value = markers.get(i).bind(context);
            bound[i] = value == QueryOptions.UNSET ? null : value; // an unset argument is no value
        }
        return (key, keyComponents, staticRow, row, nowInSeconds) -> values(key, keyComponents, staticRow, row, nowInSeconds, bound);
    }

    private ByteBuffer[] values(DecoratedKey key, ByteBuffer[] keyComponents, Row staticRow, Row row, long nowInSeconds, ByteBuffer[] bound) {
        SelectedRow selected = new SelectedRow(key, keyComponents, staticRow, row, nowInSeconds, bound);
        ByteBuffer[] values = new ByteBuffer[rowValues.length];
        for (int i = 0; i < values.length; i++) values[i] = rowValues[i].evaluate(selected);
        return values;
    }

    /** The value of a table column in a row: key components, clustering, or the cell(s). */
    public static ByteBuffer columnValue(ColumnMetadata column, ByteBuffer[] keyComponents, Row staticRow, Row row) {
        return switch (column.kind()) {
            case PARTITION_KEY -> keyComponents[column.position()].duplicate();
            case CLUSTERING -> row == null ? null : row.clustering().get(column.position()).duplicate();
            case STATIC -> cellValue(column, staticRow);
            case REGULAR -> cellValue(column, row);
        };
    }

    private static ByteBuffer cellValue(ColumnMetadata column, Row row) {
        if (row == null) return null;
        CqlType type = column.type();
        if (!type.isMultiCell()) {
            Cell cell = row.simpleCell(column.id());
            return cell == null ? null : cell.value().duplicate();
        }
        List<Cell> cells = row.cellsOf(column.id());
        if (cells.isEmpty()) return null;
        List<CollectionCell> collected = new ArrayList<>(cells.size());
        for (Cell c : cells) collected.add(new CollectionCell(c.path(), c.value()));
        if (type instanceof CollectionType collection) return collection.fromCells(collected);
        return ((UserType) type).fromCells(collected);
    }
}
