package org.charybdis.server.cql.statements.select.selection;

import org.charybdis.cql.types.CollectionCell;
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
 * The elements of a collection or UDT column in a row as (path, value) cells, frozen or not: a set's
 * elements are paths, a map's keys paths and its values values, a list's elements values, a UDT's field
 * indexes paths. Used by CONTAINS, map-entry filters and element selectors.
 */
public final class CollectionCells {
    private CollectionCells() {}

    /** The cells, sorted by path (list cells in list order); empty when the column has no value. */
    public static List<CollectionCell> of(ColumnMetadata column, Row staticRow, Row row) {
        Row source = column.isStatic() ? staticRow : row;
        if (source == null) return List.of();
        CqlType type = column.type();
        if (type.isMultiCell()) {
            List<Cell> cells = source.cellsOf(column.id());
            List<CollectionCell> out = new ArrayList<>(cells.size());
            for (Cell c : cells) out.add(new CollectionCell(c.path(), c.value()));
            return out;
        }
        Cell cell = source.simpleCell(column.id());
        return cell == null ? List.of() : ofFrozen(type, cell.value());
    }

    /** The cells of a frozen value of the type. */
    public static List<CollectionCell> ofFrozen(CqlType type, ByteBuffer value) {
        return switch (type) {
            case MapType map -> map.toCells(value.duplicate());
            case SetType set -> set.toCells(value.duplicate());
            case ListType list -> list.toCells(value.duplicate(), () -> ByteBuffer.allocate(0));
            case UserType udt -> udt.toCells(value.duplicate());
            default -> throw new IllegalArgumentException("not a collection or user type: " + type.cqlName());
        };
    }
}
