package org.charybdis.cql.types;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * list, set and map. Values use the protocol v3+ collection format; in a set or map value the
 * elements (keys) are kept sorted and unique by the element comparator, as Cassandra returns them.
 */
public abstract sealed class CollectionType implements CqlType permits ListType, SetType, MapType {
    private final boolean multiCell;

    CollectionType(boolean multiCell) {
        this.multiCell = multiCell;
    }

    /** The type of the cell path of a non-frozen collection's cells (timeuuid, element, key). */
    public abstract CqlType cellPathType();

    /** The type of a non-frozen collection's cell values (element, empty for sets, map value). */
    public abstract CqlType cellValueType();

    /** Rebuilds the serialized collection from cells already sorted by {@link #cellPathType()}. */
    public abstract ByteBuffer fromCells(List<CollectionCell> sortedCells);

    /** The value with set elements / map keys sorted and deduplicated (later map entries win); lists unchanged. */
    public abstract ByteBuffer sortedForm(ByteBuffer bytes);

    /** "list", "set" or "map". */
    abstract String kind();

    /** 1 item per entry for lists and sets, 2 (key, value) for maps. */
    abstract int itemsPerEntry();

    /** The type of item k of an entry. */
    abstract CqlType itemType(int k);

    abstract char open();

    abstract char close();

    @Override
    public final boolean isMultiCell() {
        return multiCell;
    }

    @Override
    public final boolean isCollection() {
        return true;
    }

    @Override
    public final String cqlName() {
        StringBuilder name = new StringBuilder();
        name.append(kind()).append('<');
        for (int k = 0; k < itemsPerEntry(); k++) {
            name.append(k == 0 ? "" : ", ").append(itemType(k).cqlName());
        }
        name.append('>');
        return multiCell ? name.toString() : "frozen<" + name + ">";
    }

    @Override
    public final String marshalClassName() {
        StringBuilder name = new StringBuilder(NativeType.MARSHAL_PACKAGE);
        name.append(Character.toUpperCase(kind().charAt(0))).append(kind().substring(1)).append("Type(");
        for (int k = 0; k < itemsPerEntry(); k++) {
            name.append(k == 0 ? "" : ",").append(itemType(k).marshalClassName());
        }
        name.append(')');
        return multiCell ? name.toString() : NativeType.MARSHAL_PACKAGE + "FrozenType(" + name + ")";
    }

    @Override
    public final void validate(ByteBuffer bytes) {
        ByteBuffer[] items = ValueFraming.unpackCollection(bytes, itemsPerEntry(), kind());
        for (int i = 0; i < items.length; i++) {
            itemType(i % itemsPerEntry()).validate(items[i]);
        }
    }

    /** Entry by entry (key before value), then the shorter collection first; empty values first. */
    @Override
    public final int compare(ByteBuffer a, ByteBuffer b) {
        if (!a.hasRemaining() || !b.hasRemaining()) {
            return Boolean.compare(a.hasRemaining(), b.hasRemaining());
        }
        ByteBuffer[] left = ValueFraming.unpackCollection(a, itemsPerEntry(), kind());
        ByteBuffer[] right = ValueFraming.unpackCollection(b, itemsPerEntry(), kind());
        int common = Math.min(left.length, right.length);
        for (int i = 0; i < common; i++) {
            int c = itemType(i % itemsPerEntry()).compare(left[i], right[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.length, right.length);
    }

    @Override
    public final String toCqlLiteral(ByteBuffer bytes) {
        if (bytes == null) {
            return "null";
        }
        ByteBuffer[] items = ValueFraming.unpackCollection(bytes, itemsPerEntry(), kind());
        StringBuilder out = new StringBuilder().append(open());
        for (int i = 0; i < items.length; i++) {
            int k = i % itemsPerEntry();
            out.append(i == 0 ? "" : k == 0 ? ", " : ": ").append(itemType(k).toCqlLiteral(items[i]));
        }
        return out.append(close()).toString();
    }

    @Override
    public final ByteBuffer fromString(String text) {
        throw new MarshalException("Cannot parse a " + kind() + " value from a string; use a " + kind() + " literal");
    }

    @Override
    public List<CqlType> subTypes() {
        List<CqlType> types = new ArrayList<>(itemsPerEntry());
        for (int k = 0; k < itemsPerEntry(); k++) {
            types.add(itemType(k));
        }
        return List.copyOf(types);
    }

    @Override
    public final String toString() {
        return cqlName();
    }

    /** Serializes one element with its type, refusing nulls as Cassandra does inside collections. */
    final ByteBuffer serializeItem(int k, Object element) {
        if (element == null) {
            throw new MarshalException("null is not supported inside collections");
        }
        return itemType(k).serialize(element);
    }

    static void checkElementType(CqlType type, String role) {
        if (type.isMultiCell()) {
            throw new InvalidTypeException("Non-frozen " + (type instanceof UserType ? "UDTs" : "collections")
                    + " are not allowed inside collections: " + type.cqlName() + " as " + role);
        }
        if (type.isCounter()) {
            throw new InvalidTypeException("Counters are not allowed inside collections");
        }
    }
}
