package org.charybdis.server.cql.statements.select.selection;

import org.charybdis.cql.types.CollectionCell;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.NativeType;
import org.charybdis.cql.types.SetType;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Row;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code writetime}, {@code maxwritetime} and {@code ttl} of a column as Cassandra 5.0 answers them:
 * one value for a single-cell column (frozen collections included), a list with one element per cell
 * for a non-frozen collection or UDT, and for maxwritetime the latest timestamp of all the cells; of a set's or map's
 * element ({@code s[1]}) or slice ({@code m['a'..'c']}), the cells of those keys.
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

    static CqlType typeOfKeys(Kind kind, boolean single) {
        CqlType element = kind == Kind.TTL ? NativeType.INT : NativeType.BIGINT;
        return single || kind == Kind.MAXWRITETIME ? element : ListType.of(element, false);
    }

    /**
     * The cells of a set's or map's keys from {@code from} to {@code to} (either null: open), one value for a single
     * element (null when absent); a frozen collection has one cell, whose metadata any of its elements shares.
     */
    static RowExpression ofKeys(Kind kind, ColumnMetadata column, CqlType keyType, ByteBuffer from, ByteBuffer to, boolean single) {
        if (!column.type().isMultiCell()) {
            RowExpression whole = of(kind, column);
            return selected -> {
                Row row = column.isStatic() ? selected.staticRow() : selected.row();
                Cell cell = row == null ? null : row.simpleCell(column.id());
                if (cell == null) return null;
                for (CollectionCell element : frozenElements(column.type(), cell.value())) {
                    if (inRange(keyType, element.path(), from, to)) return whole.evaluate(selected);
                }
                return null;
            };
        }
        return selected -> {
            Row row = column.isStatic() ? selected.staticRow() : selected.row();
            if (row == null) return null;
            List<ByteBuffer> values = new ArrayList<>();
            long max = Long.MIN_VALUE;
            for (Cell c : row.cellsOf(column.id())) {
                if (!inRange(keyType, c.path(), from, to)) continue;
                values.add(value(kind, c, selected.nowInSeconds()));
                max = Math.max(max, c.timestamp());
            }
            if (values.isEmpty()) return null;
            if (kind == Kind.MAXWRITETIME) return NativeType.BIGINT.serialize(max);
            return single ? values.getFirst() : list(values);
        };
    }

    private static boolean inRange(CqlType keyType, ByteBuffer key, ByteBuffer from, ByteBuffer to) {
        return (from == null || keyType.compare(key, from) >= 0) && (to == null || keyType.compare(key, to) <= 0);
    }

    /** A frozen set's or map's elements, keyed as a non-frozen one's cells. */
    private static List<CollectionCell> frozenElements(CqlType type, ByteBuffer value) {
        return type instanceof MapType map ? map.toCells(value) : ((SetType) type).toCells(value);
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
