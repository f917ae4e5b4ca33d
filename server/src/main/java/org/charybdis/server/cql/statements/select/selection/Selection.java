package org.charybdis.server.cql.statements.select.selection;

import org.charybdis.cql.messages.ColumnSpec;
import org.charybdis.cql.types.CollectionCell;
import org.charybdis.cql.types.CollectionType;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.UserType;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The compiled SELECT clause: what each result column is and how to compute it from a stored row.
 * Immutable; {@link #values} runs on the shard owning the data.
 */
public final class Selection {
    /** What one result column computes. */
    public enum Kind { COLUMN, WRITETIME, TTL, TOKEN, COUNT }

    /** One result column: its kind and the table column it reads (null for TOKEN and COUNT). */
    public record Output(Kind kind, ColumnMetadata column, ColumnSpec spec) {}

    private final Output[] outputs;
    private final List<ColumnSpec> specs;
    private final boolean aggregate;
    private final boolean selectsStatic;

    Selection(List<Output> outputs) {
        this.outputs = outputs.toArray(new Output[0]);
        List<ColumnSpec> list = new ArrayList<>(outputs.size());
        boolean count = false;
        boolean statics = false;
        for (Output o : outputs) {
            list.add(o.spec());
            count |= o.kind() == Kind.COUNT;
            statics |= o.column() != null && o.column().isStatic();
        }
        this.specs = List.copyOf(list);
        this.aggregate = count;
        this.selectsStatic = statics;
    }

    public List<ColumnSpec> columns() { return specs; }

    public int size() { return outputs.length; }

    public Output output(int i) { return outputs[i]; }

    /** True when the result is one row aggregated over everything read (COUNT). */
    public boolean isAggregate() { return aggregate; }

    public boolean selectsStatic() { return selectsStatic; }

    /**
     * The result values of one row; {@code row} is null for a partition's static-only row. COUNT
     * outputs are left null (the coordinator fills them).
     */
    public ByteBuffer[] values(DecoratedKey key, ByteBuffer[] keyComponents, Row staticRow, Row row, long nowInSeconds) {
        ByteBuffer[] values = new ByteBuffer[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            Output o = outputs[i];
            values[i] = switch (o.kind()) {
                case COLUMN -> columnValue(o.column(), keyComponents, staticRow, row);
                case WRITETIME -> writetime(o.column(), o.column().isStatic() ? staticRow : row);
                case TTL -> ttl(o.column(), o.column().isStatic() ? staticRow : row, nowInSeconds);
                case TOKEN -> NativeType.BIGINT.serialize(key.token());
                case COUNT -> null;
            };
        }
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

    private static ByteBuffer writetime(ColumnMetadata column, Row row) {
        if (row == null) return null;
        if (!column.type().isMultiCell()) {
            Cell cell = row.simpleCell(column.id());
            return cell == null ? null : NativeType.BIGINT.serialize(cell.timestamp());
        }
        List<Cell> cells = row.cellsOf(column.id());
        if (cells.isEmpty()) return null;
        List<ByteBuffer> times = new ArrayList<>(cells.size());
        for (Cell c : cells) times.add(NativeType.BIGINT.serialize(c.timestamp()));
        return list(times);
    }

    private static ByteBuffer ttl(ColumnMetadata column, Row row, long nowInSeconds) {
        if (row == null) return null;
        if (!column.type().isMultiCell()) {
            Cell cell = row.simpleCell(column.id());
            return cell == null || !cell.isExpiring() ? null : NativeType.INT.serialize((int) cell.remainingTtl(nowInSeconds));
        }
        List<Cell> cells = row.cellsOf(column.id());
        if (cells.isEmpty()) return null;
        List<ByteBuffer> ttls = new ArrayList<>(cells.size());
        for (Cell c : cells) ttls.add(c.isExpiring() ? NativeType.INT.serialize((int) c.remainingTtl(nowInSeconds)) : null);
        return list(ttls);
    }

    /** A serialized list whose elements may be null (writetime/ttl of each collection cell). */
    private static ByteBuffer list(List<ByteBuffer> elements) {
        int size = 4;
        for (ByteBuffer e : elements) size += 4 + (e == null ? 0 : e.remaining());
        ByteBuffer out = ByteBuffer.allocate(size).putInt(elements.size());
        for (ByteBuffer e : elements) {
            if (e == null) out.putInt(-1);
            else out.putInt(e.remaining()).put(e.duplicate());
        }
        return out.flip();
    }
}
