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

    /**
     * Compiles the key of an element or slice selector, a constant (refused when null) or a bind marker, for a key type
     * and receiver name.
     */
    @FunctionalInterface
    interface KeyCompiler {
        RowExpression compile(Term key, CqlType keyType, String receiver);
    }

    static Compiled element(Compiled collection, Selector.Element element, KeyCompiler keys) {
        CollectionType type = collectionType(collection, "element");
        CqlType keyType = keyType(type);
        RowExpression keyValue = key(element.key(), type, collection, "element", keys);
        CqlType resultType = type instanceof MapType map ? map.valueType() : keyType;
        boolean isMap = type instanceof MapType;
        CellSource cells = cells(collection);
        RowExpression expression = row -> {
            ByteBuffer key = keyValue.evaluate(row);
            for (CollectionCell cell : cells.of(row)) {
                if (keyType.compare(cell.path(), key) == 0) return (isMap ? cell.value() : cell.path()).duplicate();
            }
            return null;
        };
        return new Compiled(new SelectorNode.PerRow(expression), resultType, collection.label() + "[" + keyText(element.key()) + "]", null);
    }

    static Compiled slice(Compiled collection, Selector.Slice slice, KeyCompiler keys) {
        CollectionType type = collectionType(collection, "slice");
        CqlType keyType = keyType(type);
        RowExpression fromValue = slice.from() == null ? null : key(slice.from(), type, collection, "slice", keys);
        RowExpression toValue = slice.to() == null ? null : key(slice.to(), type, collection, "slice", keys);
        CollectionType resultType = type instanceof MapType map ? MapType.of(map.keyType(), map.valueType(), true)
                : SetType.of(keyType, true);
        boolean frozen = !type.isMultiCell();
        CellSource cells = cells(collection);
        RowExpression expression = row -> {
            ByteBuffer from = fromValue == null ? null : fromValue.evaluate(row);
            ByteBuffer to = toValue == null ? null : toValue.evaluate(row);
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
        String label = collection.label() + "[" + (slice.from() == null ? "" : keyText(slice.from())) + ".."
                + (slice.to() == null ? "" : keyText(slice.to())) + "]";
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

    /**
     * A key's value in each row, named {@code key(m)} for a map and {@code value(s)} for a set as Cassandra names them;
     * a bound value is refused when null (a constant is when compiled).
     */
    private static RowExpression key(Term term, CollectionType type, Compiled collection, String kind, KeyCompiler keys) {
        CqlType keyType = keyType(type);
        String receiver = (type instanceof MapType ? "key(" : "value(") + collection.label() + ")";
        RowExpression value = keys.compile(term, keyType, receiver);
        return row -> {
            ByteBuffer key = value.evaluate(row);
            if (key == null) throw new InvalidRequestException("Invalid null value for " + kind + " selection on " + collection.label());
            return key;
        };
    }

    /** A map's keys, a set's elements. */
    private static CqlType keyType(CollectionType type) {
        return type instanceof MapType map ? map.keyType() : ((SetType) type).elementType();
    }

    /** A key in a column name: Cassandra shows a marker, named or not, as {@code ?}. */
    private static String keyText(Term key) {
        return key instanceof Term.BindMarker ? "?" : SelectorCompiler.text(key);
    }

    private static String typeName(UserType type) {
        return type.freeze().cqlName().replaceFirst("^frozen<(.*)>$", "$1");
    }
}
