package org.charybdis.server.view;

import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.server.schema.PartitionKeys;
import org.charybdis.server.schema.TableMetadata;
import org.charybdis.server.schema.ViewDefinition;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Clustering;
import org.charybdis.storage.data.LivenessInfo;
import org.charybdis.storage.data.Row;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * How one view sees the rows of its base table: which view row a base row lands on (its key, or none when a key
 * column is null or the WHERE clause leaves it out), the liveness of that view row, and the view's cells of it.
 * Built per (view, base table) pair from the current schema; immutable.
 */
final class ViewRow {
    private final TableMetadata base;
    private final TableMetadata view;
    /** Per view key column (partition key, then clustering): the base column it comes from. */
    private final List<ColumnMetadata> keySources;
    /** The base regular column in the view's key, or null when the view key holds only base key columns. */
    private final ColumnMetadata regularKeyColumn;
    /** Base column id to view column id, -1 for base columns the view does not hold as regular columns. */
    private final int[] viewColumnOf;

    ViewRow(TableMetadata base, TableMetadata view) {
        this.base = base;
        this.view = view;
        List<ColumnMetadata> sources = new ArrayList<>();
        ColumnMetadata regular = null;
        for (ColumnMetadata column : view.allColumns()) {
            if (!column.isPrimaryKey()) continue;
            ColumnMetadata source = base.column(column.name());
            sources.add(source);
            if (!source.isPrimaryKey()) regular = source;
        }
        this.keySources = List.copyOf(sources);
        this.regularKeyColumn = regular;
        int maxId = -1;
        for (ColumnMetadata column : base.regularAndStatic()) maxId = Math.max(maxId, column.id());
        this.viewColumnOf = new int[maxId + 1];
        java.util.Arrays.fill(viewColumnOf, -1);
        for (ColumnMetadata column : base.regularAndStatic()) {
            ColumnMetadata inView = view.column(column.name());
            if (inView != null && !inView.isPrimaryKey()) viewColumnOf[column.id()] = inView.id();
        }
    }

    TableMetadata view() { return view; }

    TableMetadata base() { return base; }

    int baseKeySize() { return base.partitionKey().size(); }

    /** The view column holding base column {@code baseColumn}'s cells, or -1. */
    int viewColumn(int baseColumn) {
        return baseColumn < viewColumnOf.length ? viewColumnOf[baseColumn] : -1;
    }

    /** The view row a live base row lands on, or null when it has none. */
    Key keyOf(ByteBuffer[] baseKey, Row row) {
        if (row == null) return null;
        int partitionSize = view.partitionKey().size();
        List<ByteBuffer> partition = new ArrayList<>(partitionSize);
        ByteBuffer[] clustering = new ByteBuffer[view.clustering().size()];
        for (int i = 0; i < keySources.size(); i++) {
            ByteBuffer value = valueOf(keySources.get(i), baseKey, row);
            if (value == null) return null;
            if (i < partitionSize) partition.add(value); else clustering[i - partitionSize] = value;
        }
        for (ViewDefinition.Filter filter : view.view().filters()) {
            ColumnMetadata column = base.column(filter.column());
            if (!filter.accepts(column, valueOf(column, baseKey, row))) return null;
        }
        return new Key(PartitionKeys.serialize(partition), Clustering.of(clustering));
    }

    /**
     * The view row's liveness: with a base regular column in the view key, that cell's (the row lives as long as the
     * value that placed it there); else the base row's marker; else, for a row made by UPDATE alone, the newest cell's
     * timestamp, expiring only when every cell does.
     */
    LivenessInfo liveness(Row row) {
        LivenessInfo marker = row.liveness();
        if (regularKeyColumn != null) {
            Cell cell = row.simpleCell(regularKeyColumn.id());
            long timestamp = marker.isEmpty() ? cell.timestamp() : Math.max(marker.timestamp(), cell.timestamp());
            return cell.isExpiring() ? new LivenessInfo(timestamp, cell.ttl(), cell.expirationTime()) : new LivenessInfo(timestamp, 0, LivenessInfo.NO_EXPIRATION_TIME);
        }
        if (!marker.isEmpty()) return marker;
        long timestamp = LivenessInfo.NO_TIMESTAMP;
        Cell latest = null;
        for (Cell cell : row.cells()) {
            timestamp = Math.max(timestamp, cell.timestamp());
            if (!cell.isExpiring()) return new LivenessInfo(timestamp(row), 0, LivenessInfo.NO_EXPIRATION_TIME);
            if (latest == null || cell.expirationTime() > latest.expirationTime()) latest = cell;
        }
        return new LivenessInfo(timestamp, latest.ttl(), latest.expirationTime());
    }

    /**
     * The view's copy of a base cell: its view column, its timestamp raised to at least {@code minTimestamp} (so a row
     * moving back to a view key it left is not hidden by the tombstone it left there) and, when the view row lives by
     * an expiring key value, expiring no later than that value.
     */
    Cell copy(Cell cell, long minTimestamp, LivenessInfo rowLiveness) {
        int column = viewColumn(cell.column());
        long timestamp = Math.max(cell.timestamp(), minTimestamp);
        if (regularKeyColumn != null && rowLiveness.isExpiring() && (!cell.isExpiring() || cell.expirationTime() > rowLiveness.localExpirationTime())) {
            return new Cell(column, cell.path(), cell.value(), timestamp, rowLiveness.ttl(), rowLiveness.localExpirationTime());
        }
        return new Cell(column, cell.path(), cell.value(), timestamp, cell.ttl(), cell.localDeletionTime());
    }

    private static long timestamp(Row row) {
        long timestamp = row.liveness().isEmpty() ? LivenessInfo.NO_TIMESTAMP : row.liveness().timestamp();
        for (Cell cell : row.cells()) timestamp = Math.max(timestamp, cell.timestamp());
        return timestamp;
    }

    private static ByteBuffer valueOf(ColumnMetadata column, ByteBuffer[] baseKey, Row row) {
        return switch (column.kind()) {
            case PARTITION_KEY -> baseKey[column.position()];
            case CLUSTERING -> row.clustering().get(column.position());
            default -> {
                Cell cell = row.simpleCell(column.id());
                yield cell == null ? null : cell.value();
            }
        };
    }

    /** A view row's place: its partition key (serialized) and clustering. */
    record Key(ByteBuffer partitionKey, Clustering clustering) {}
}
