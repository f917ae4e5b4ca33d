package org.charybdis.server.cql.statements.select.selection;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.cql.syntax.Selector;
import org.charybdis.cql.syntax.Term;
import org.charybdis.cql.types.CollectionCell;
import org.charybdis.cql.types.CollectionType;
import org.charybdis.cql.types.CqlType;
import org.charybdis.cql.types.ListType;
import org.charybdis.cql.types.MapType;
import org.charybdis.cql.types.SetType;
import org.charybdis.cql.types.UserType;
import org.charybdis.server.cql.statements.select.selection.SelectorCompiler.Compiled;
import org.charybdis.server.cql.terms.Terms;
import org.charybdis.server.schema.ColumnMetadata;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Cassandra 5.0's element, slice and field selectors: {@code m['k']}, {@code s['a'..'c']},
 * {@code m[..'c']}, {@code u.f}, on frozen and non-frozen maps, sets and UDTs. Lists refuse both, as in
 * 5.0. A slice of a non-frozen collection with no element in range is null; of a frozen one, empty.
 */
final class ElementSelectors {
    private ElementSelectors() {}

    static Compiled element(Compiled collection, Selector.Element element) {
        CollectionType type = collectionType(collection, "element");
        CqlType keyType = type instanceof MapType map ? map.keyType() : ((SetType) type).elementType();
        ByteBuffer key = constant(element.key(), keyType, collection);
        CqlType resultType = type instanceof MapType map ? map.valueType() : keyType;
        boolean isMap = type instanceof MapType;
        CellSource cells = cells(collection);
        RowExpression expression = row -> {
            for (CollectionCell cell : cells.of(row)) {
                if (keyType.compare(cell.path(), key) == 0) return (isMap ? cell.value() : cell.path()).duplicate();
            }
            return null;
        };
        return new Compiled(new SelectorNode.PerRow(expression), resultType, collection.label() + "[" + SelectorCompiler.text(element.key()) + "]", null);
    }

    static Compiled slice(Compiled collection, Selector.Slice slice) {
        CollectionType type = collectionType(collection, "slice");
        CqlType keyType = type instanceof MapType map ? map.keyType() : ((SetType) type).elementType();
        ByteBuffer from = slice.from() == null ? null : constant(slice.from(), keyType, collection);
        ByteBuffer to = slice.to() == null ? null : constant(slice.to(), keyType, collection);
        CollectionType resultType = type instanceof MapType map ? MapType.of(map.keyType(), map.valueType(), true)
                : SetType.of(keyType, true);
        boolean frozen = !type.isMultiCell();
        CellSource cells = cells(collection);
        RowExpression expression = row -> {
            List<CollectionCell> all = cells.of(row);
            if (all.isEmpty() && (collection.column() == null || !frozen || !hasValue(collection, row))) return null;
            List<CollectionCell> inRange = new ArrayList<>(all.size());
            for (CollectionCell cell : all) {
                if (from != null && keyType.compare(cell.path(), from) < 0) continue;
                if (to != null && keyType.compare(cell.path(), to) > 0) continue;
                inRange.add(cell);
            }
            if (inRange.isEmpty() && !frozen) return null;
            return resultType.fromCells(inRange);
        };
        String label = collection.label() + "[" + (from == null ? "" : SelectorCompiler.text(slice.from())) + ".."
                + (to == null ? "" : SelectorCompiler.text(slice.to())) + "]";
        return new Compiled(new SelectorNode.PerRow(expression), resultType, label, null);
    }

    static Compiled field(Compiled udt, Selector.FieldAccess access) {
        if (!(udt.type() instanceof UserType type)) {
            throw new InvalidRequestException("Invalid field selection: " + udt.label() + " of type " + udt.type().cqlName() + " is not a user type");
        }
        int index = type.fieldIndex(access.field().name());
        if (index < 0) {
            throw new InvalidRequestException(udt.label() + " of type " + typeName(type) + " has no field " + access.field().toCqlString());
        }
        ByteBuffer path = UserType.cellPathOf(index);
        CellSource cells = cells(udt);
        RowExpression expression = row -> {
            for (CollectionCell cell : cells.of(row)) {
                if (cell.path().equals(path)) return cell.value().duplicate();
            }
            return null;
        };
        return new Compiled(new SelectorNode.PerRow(expression), type.fieldTypes().get(index), udt.label() + "." + access.field().toCqlString(), null);
    }

    /** The elements of the selected value in a row. */
    @FunctionalInterface
    private interface CellSource {
        List<CollectionCell> of(SelectedRow row);
    }

    /** A column reads its cells directly; any other selector's value is decoded as a frozen value. */
    private static CellSource cells(Compiled selected) {
        ColumnMetadata column = selected.column();
        if (column != null) return row -> CollectionCells.of(column, row.staticRow(), row.row());
        if (selected.node().hasAggregate()) throw new InvalidRequestException("Element selection on aggregates is not supported");
        RowExpression value = selected.node().perRow();
        CqlType type = selected.type();
        return row -> {
            ByteBuffer bytes = value.evaluate(row);
            return bytes == null ? List.of() : CollectionCells.ofFrozen(type, bytes);
        };
    }

    private static boolean hasValue(Compiled collection, SelectedRow row) {
        ColumnMetadata c = collection.column();
        return Selection.columnValue(c, row.keyComponents(), row.staticRow(), row.row()) != null;
    }

    private static CollectionType collectionType(Compiled selected, String kind) {
        CqlType type = selected.type();
        if (type instanceof ListType) {
            String capitalized = Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
            throw new InvalidRequestException(capitalized + " selection is only allowed on sets and maps, but " + selected.label() + " is a list");
        }
        if (!(type instanceof CollectionType collection)) {
            throw new InvalidRequestException("Invalid " + kind + " selection: " + selected.label() + " is of type " + type.cqlName()
                    + " is not a collection");
        }
        return collection;
    }

    private static ByteBuffer constant(Term term, CqlType keyType, Compiled collection) {
        if (term instanceof Term.BindMarker) throw new InvalidRequestException("Bind markers are not supported yet in selection clauses");
        ByteBuffer value = Terms.constant(term, keyType, "key(" + collection.label() + ")");
        if (value == null) throw new InvalidRequestException("Invalid null value for key(" + collection.label() + ")");
        return value;
    }

    private static String typeName(UserType type) {
        return type.freeze().cqlName().replaceFirst("^frozen<(.*)>$", "$1");
    }
}
