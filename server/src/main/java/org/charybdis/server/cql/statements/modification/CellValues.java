package org.charybdis.server.cql.statements.modification;

import org.charybdis.cql.types.CollectionCell;
import org.charybdis.cql.types.CollectionType;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.SetType;
import org.charybdis.cql.types.UserType;
import org.charybdis.server.schema.ColumnMetadata;
import org.charybdis.storage.data.Cell;
import org.charybdis.storage.data.Row;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What IF conditions compare against: a column's current value in a stored row, one element of a
 * collection, one field of a UDT, whether a collection contains a value. Works on non-frozen columns
 * (one cell per element or field) and on frozen ones (one serialized value). Null when absent.
 */
final class CellValues {
    private CellValues() {}

    /** The column's whole value, rebuilt from its cells for non-frozen collections and UDTs. */
    static ByteBuffer column(ColumnMetadata column, Row row) {
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

    /** {@code l[index]} or {@code m[key]}; null when the element is absent or the key is (unset). */
    static ByteBuffer element(ColumnMetadata column, Row row, ByteBuffer key) {
        if (row == null || key == null) return null;
        if (column.type().isMultiCell()) {
            List<Cell> cells = row.cellsOf(column.id());
            if (column.type() instanceof ListType) {
                int index = key.getInt(key.position());
                return index < cells.size() ? cells.get(index).value().duplicate() : null;
            }
            CqlType keyType = ((MapType) column.type()).keyType();
            for (Cell cell : cells) {
                if (keyType.compare(cell.path(), key) == 0) return cell.value().duplicate();
            }
            return null;
        }
        ByteBuffer value = column(column, row);
        if (value == null) return null;
        if (column.type() instanceof ListType) {
            List<ByteBuffer> elements = items(value, 1, 0);
            int index = key.getInt(key.position());
            return index < elements.size() ? elements.get(index) : null;
        }
        MapType map = (MapType) column.type();
        List<ByteBuffer> keys = items(value, 2, 0);
        List<ByteBuffer> values = items(value, 2, 1);
        for (int i = 0; i < keys.size(); i++) {
            if (map.keyType().compare(keys.get(i), key) == 0) return values.get(i);
        }
        return null;
    }

    /** {@code u.field}; null when the field has no value. */
    static ByteBuffer field(ColumnMetadata column, Row row, int field) {
        if (row == null) return null;
        if (column.type().isMultiCell()) {
            for (Cell cell : row.cellsOf(column.id())) {
                if (cell.path().getShort(cell.path().position()) == field) return cell.value().duplicate();
            }
            return null;
        }
        ByteBuffer value = column(column, row);
        return value == null ? null : fieldOf(value, field);
    }

    /** {@code c CONTAINS v} (set elements, list elements, map values) or {@code m CONTAINS KEY k}. */
    static boolean contains(ColumnMetadata column, Row row, ByteBuffer wanted, boolean key) {
        if (row == null) return false;
        CqlType type = column.type();
        CqlType itemType = switch (type) {
            case ListType list -> list.elementType();
            case SetType set -> set.elementType();
            case MapType map -> key ? map.keyType() : map.valueType();
            default -> throw new IllegalStateException("CONTAINS on " + type.cqlName());
        };
        for (ByteBuffer item : containedItems(column, row, key)) {
            if (itemType.compare(item, wanted) == 0) return true;
        }
        return false;
    }

    private static List<ByteBuffer> containedItems(ColumnMetadata column, Row row, boolean key) {
        boolean fromPath = column.type() instanceof SetType || key;
        if (column.type().isMultiCell()) {
            List<Cell> cells = row.cellsOf(column.id());
            List<ByteBuffer> items = new ArrayList<>(cells.size());
            for (Cell cell : cells) items.add(fromPath ? cell.path() : cell.value());
            return items;
        }
        ByteBuffer value = column(column, row);
        if (value == null) return List.of();
        return column.type() instanceof MapType ? items(value, 2, key ? 0 : 1) : items(value, 1, 0);
    }

    /** Item {@code which} of every entry of a serialized collection ({@code perEntry} 2 for maps). */
    private static List<ByteBuffer> items(ByteBuffer value, int perEntry, int which) {
        ByteBuffer in = value.duplicate();
        int count = in.getInt();
        List<ByteBuffer> items = new ArrayList<>(count);
        for (int i = 0; i < count * perEntry; i++) {
            int length = in.getInt();
            ByteBuffer item = length < 0 ? null : in.slice(in.position(), length);
            if (length > 0) in.position(in.position() + length);
            if (i % perEntry == which) items.add(item);
        }
        return items;
    }

    /** Field {@code index} of a serialized UDT: [int length][bytes] per field; missing trailing fields are null. */
    private static ByteBuffer fieldOf(ByteBuffer value, int index) {
        ByteBuffer in = value.duplicate();
        for (int i = 0; in.remaining() >= 4; i++) {
            int length = in.getInt();
            if (i == index) return length < 0 ? null : in.slice(in.position(), length);
            if (length > 0) in.position(in.position() + length);
        }
        return null;
    }
}
