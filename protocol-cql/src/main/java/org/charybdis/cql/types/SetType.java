package org.charybdis.cql.types;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** {@code set<T>}: unique elements in comparator order; a non-frozen set keys each cell by its element. */
public final class SetType extends CollectionType {
    private final CqlType elementType;

    private SetType(CqlType elementType, boolean multiCell) {
        super(multiCell);
        this.elementType = elementType;
    }

    public static SetType of(CqlType elementType, boolean multiCell) {
        checkElementType(elementType, "set element");
        return new SetType(elementType, multiCell);
    }

    public CqlType elementType() {
        return elementType;
    }

    @Override
    public SetType freeze() {
        return isMultiCell() ? new SetType(elementType, false) : this;
    }

    /** Java Set (or any Collection) of element values to the serialized set, sorted and deduplicated. */
    @Override
    public ByteBuffer serialize(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Iterable<?> elements)) {
            throw new MarshalException("Expected a Set for " + cqlName() + ", got " + NumberCodecs.describe(value));
        }
        List<ByteBuffer> items = new ArrayList<>();
        for (Object element : elements) {
            items.add(serializeItem(0, element));
        }
        return ValueFraming.packCollection(sortedUnique(items), 1);
    }

    /** The elements in the value's order, as an unmodifiable insertion-ordered set. */
    @Override
    public Set<Object> deserialize(ByteBuffer bytes) {
        if (bytes == null) {
            return null;
        }
        ByteBuffer[] items = ValueFraming.unpackCollection(bytes, 1, kind());
        Set<Object> values = new LinkedHashSet<>();
        for (ByteBuffer item : items) {
            values.add(elementType.deserialize(item));
        }
        return Collections.unmodifiableSet(values);
    }

    /** One cell per element: path = element, value empty; sorted by element. */
    public List<CollectionCell> toCells(ByteBuffer serialized) {
        List<ByteBuffer> elements = sortedUnique(List.of(ValueFraming.unpackCollection(serialized, 1, kind())));
        List<CollectionCell> cells = new ArrayList<>(elements.size());
        for (ByteBuffer element : elements) {
            cells.add(new CollectionCell(element, RawBytes.EMPTY));
        }
        return cells;
    }

    @Override
    public ByteBuffer fromCells(List<CollectionCell> sortedCells) {
        List<ByteBuffer> items = new ArrayList<>(sortedCells.size());
        for (CollectionCell cell : sortedCells) {
            items.add(cell.path());
        }
        return ValueFraming.packCollection(items, 1);
    }

    @Override
    public ByteBuffer sortedForm(ByteBuffer bytes) {
        List<ByteBuffer> items = List.of(ValueFraming.unpackCollection(bytes, 1, kind()));
        return ValueFraming.packCollection(sortedUnique(items), 1);
    }

    private List<ByteBuffer> sortedUnique(List<ByteBuffer> items) {
        List<ByteBuffer> sorted = new ArrayList<>(items);
        sorted.sort(elementType::compare);
        List<ByteBuffer> unique = new ArrayList<>(sorted.size());
        for (ByteBuffer item : sorted) {
            if (unique.isEmpty() || elementType.compare(unique.getLast(), item) != 0) {
                unique.add(item);
            }
        }
        return unique;
    }

    @Override
    public CqlType cellPathType() {
        return elementType;
    }

    @Override
    public CqlType cellValueType() {
        return NativeType.BLOB;
    }

    @Override
    String kind() {
        return "set";
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
        return '{';
    }

    @Override
    char close() {
        return '}';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SetType other && other.isMultiCell() == isMultiCell() && other.elementType.equals(elementType);
    }

    @Override
    public int hashCode() {
        return Objects.hash("set", elementType, isMultiCell());
    }
}
