package org.charybdis.cql.types;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** {@code list<T>}: ordered elements; a non-frozen list keys each element's cell by a timeuuid. */
public final class ListType extends CollectionType {
    private final CqlType elementType;

    private ListType(CqlType elementType, boolean multiCell) {
        super(multiCell);
        this.elementType = elementType;
    }

    public static ListType of(CqlType elementType, boolean multiCell) {
        checkElementType(elementType, "list element");
        return new ListType(elementType, multiCell);
    }

    public CqlType elementType() {
        return elementType;
    }

    @Override
    public ListType freeze() {
        return isMultiCell() ? new ListType(elementType, false) : this;
    }

    /** Java List (or any Collection) of element values to the serialized list. */
    @Override
    public ByteBuffer serialize(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Iterable<?> elements)) {
            throw new MarshalException("Expected a List for " + cqlName() + ", got " + NumberCodecs.describe(value));
        }
        List<ByteBuffer> items = new ArrayList<>();
        for (Object element : elements) {
            items.add(serializeItem(0, element));
        }
        return ValueFraming.packCollection(items, 1);
    }

    @Override
    public List<Object> deserialize(ByteBuffer bytes) {
        if (bytes == null) {
            return null;
        }
        ByteBuffer[] items = ValueFraming.unpackCollection(bytes, 1, kind());
        List<Object> values = new ArrayList<>(items.length);
        for (ByteBuffer item : items) {
            values.add(elementType.deserialize(item));
        }
        return Collections.unmodifiableList(values);
    }

    /**
     * Splits a serialized list into cells, taking each element's path from {@code nextPath}, which
     * must hand out increasing timeuuids (see {@link TimeUuidGenerator}).
     */
    public List<CollectionCell> toCells(ByteBuffer serialized, Supplier<ByteBuffer> nextPath) {
        ByteBuffer[] items = ValueFraming.unpackCollection(serialized, 1, kind());
        List<CollectionCell> cells = new ArrayList<>(items.length);
        for (ByteBuffer item : items) {
            cells.add(new CollectionCell(nextPath.get(), item));
        }
        return cells;
    }

    @Override
    public ByteBuffer fromCells(List<CollectionCell> sortedCells) {
        List<ByteBuffer> items = new ArrayList<>(sortedCells.size());
        for (CollectionCell cell : sortedCells) {
            items.add(cell.value());
        }
        return ValueFraming.packCollection(items, 1);
    }

    @Override
    public ByteBuffer sortedForm(ByteBuffer bytes) {
        return bytes;
    }

    @Override
    public CqlType cellPathType() {
        return NativeType.TIMEUUID;
    }

    @Override
    public CqlType cellValueType() {
        return elementType;
    }

    @Override
    String kind() {
        return "list";
    }

    @Override
    int itemsPerEntry() {
        return 1;
    }

    @Override
    CqlType itemType(int k) {
        return elementType;
    }

    @Override
    char open() {
        return '[';
    }

    @Override
    char close() {
        return ']';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListType other && other.isMultiCell() == isMultiCell() && other.elementType.equals(elementType);
    }

    @Override
    public int hashCode() {
        return Objects.hash("list", elementType, isMultiCell());
    }
}
