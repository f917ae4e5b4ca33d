package org.charybdis.server.cql.statements.select.selection;

import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Row;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code writetime}, {@code maxwritetime} and {@code ttl} of a column as Cassandra 5.0 answers them:
 * one value for a single-cell column (frozen collections included), a list with one element per cell
 * for a non-frozen collection or UDT, and for maxwritetime the latest timestamp of all the cells.
 */
final class CellMetadata {
    enum Kind {
        WRITETIME("writetime"), MAXWRITETIME("maxwritetime"), TTL("ttl");

        final String function;

        Kind(String function) {
            this.function = function;
        }

        static Kind named(String name) {
            for (Kind k : values()) {
                if (k.function.equals(name)) return k;
            }
            return null;
        }
    }

    private CellMetadata() {}

    static CqlType type(Kind kind, ColumnMetadata column) {
        CqlType element = kind == Kind.TTL ? NativeType.INT : NativeType.BIGINT;
        return column.type().isMultiCell() && kind != Kind.MAXWRITETIME ? ListType.of(element, false) : element;
    }

    static RowExpression of(Kind kind, ColumnMetadata column) {
        return selected -> {
            Row row = column.isStatic() ? selected.staticRow() : selected.row();
            if (row == null) return null;
            if (!column.type().isMultiCell()) {
                Cell cell = row.simpleCell(column.id());
                return cell == null ? null : value(kind, cell, selected.nowInSeconds());
            }
            List<Cell> cells = row.cellsOf(column.id());
            if (cells.isEmpty()) return null;
            if (kind == Kind.MAXWRITETIME) {
                long max = Long.MIN_VALUE;
                for (Cell c : cells) max = Math.max(max, c.timestamp());
                return NativeType.BIGINT.serialize(max);
            }
            List<ByteBuffer> values = new ArrayList<>(cells.size());
            for (Cell c : cells) values.add(value(kind, c, selected.nowInSeconds()));
            return list(values);
        };
    }

    private static ByteBuffer value(Kind kind, Cell cell, long nowInSeconds) {
        if (kind != Kind.TTL) return NativeType.BIGINT.serialize(cell.timestamp());
        return cell.isExpiring() ? NativeType.INT.serialize((int) cell.remainingTtl(nowInSeconds)) : null;
    }

    /** A serialized list whose elements may be null (the ttl of a cell without one). */
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
