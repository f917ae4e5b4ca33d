package org.charybdis.cql.types;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code map<K, V>}: entries with unique keys in key order; a non-frozen map keys each cell by its key. */
public final class MapType extends CollectionType {
    private final CqlType keyType;
    private final CqlType valueType;

    private MapType(CqlType keyType, CqlType valueType, boolean multiCell) {
        super(multiCell);
        this.keyType = keyType;
        this.valueType = valueType;
    }

    public static MapType of(CqlType keyType, CqlType valueType, boolean multiCell) {
        checkElementType(keyType, "map key");
        checkElementType(valueType, "map value");
        return new MapType(keyType, valueType, multiCell);
    }

    public CqlType keyType() {
        return keyType;
    }

    public CqlType valueType() {
        return valueType;
    }

    @Override
    public MapType freeze() {
        return isMultiCell() ? new MapType(keyType, valueType, false) : this;
    }

    /** Java Map to the serialized map, entries sorted by key. */
    @Override
    public ByteBuffer serialize(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new MarshalException("Expected a Map for " + cqlName() + ", got " + NumberCodecs.describe(value));
        }
        List<ByteBuffer> items = new ArrayList<>(map.size() * 2);
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            items.add(serializeItem(0, entry.getKey()));
            items.add(serializeItem(1, entry.getValue()));
        }
        return ValueFraming.packCollection(sortedUnique(items), 2);
    }

    /** The entries in the value's order, as an unmodifiable insertion-ordered map. */
    @Override
    public Map<Object, Object> deserialize(ByteBuffer bytes) {
        if (bytes == null) {
            return null;
        }
        ByteBuffer[] items = ValueFraming.unpackCollection(bytes, 2, kind());
        Map<Object, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < items.length; i += 2) {
            values.put(keyType.deserialize(items[i]), valueType.deserialize(items[i + 1]));
        }
        return Collections.unmodifiableMap(values);
    }

    /** One cell per entry: path = key, value = value; sorted by key. */
    public List<CollectionCell> toCells(ByteBuffer serialized) {
        List<ByteBuffer> items = sortedUnique(List.of(ValueFraming.unpackCollection(serialized, 2, kind())));
        List<CollectionCell> cells = new ArrayList<>(items.size() / 2);
        for (int i = 0; i < items.size(); i += 2) {
            cells.add(new CollectionCell(items.get(i), items.get(i + 1)));
        }
        return cells;
    }

    @Override
    public ByteBuffer fromCells(List<CollectionCell> sortedCells) {
        List<ByteBuffer> items = new ArrayList<>(sortedCells.size() * 2);
        for (CollectionCell cell : sortedCells) {
            items.add(cell.path());
            items.add(cell.value());
        }
        return ValueFraming.packCollection(items, 2);
    }

    @Override
    public ByteBuffer sortedForm(ByteBuffer bytes) {
        return ValueFraming.packCollection(sortedUnique(List.of(ValueFraming.unpackCollection(bytes, 2, kind()))), 2);
    }

    /** Key/value items sorted by key; of equal keys the later entry's value wins. */
    private List<ByteBuffer> sortedUnique(List<ByteBuffer> items) {
        List<Integer> entries = new ArrayList<>(items.size() / 2);
        for (int i = 0; i < items.size(); i += 2) {
            entries.add(i);
        }
        entries.sort((x, y) -> keyType.compare(items.get(x), items.get(y)));
        List<ByteBuffer> unique = new ArrayList<>(items.size());
        for (int index : entries) {
            ByteBuffer key = items.get(index);
            if (!unique.isEmpty() && keyType.compare(unique.get(unique.size() - 2), key) == 0) {
                unique.set(unique.size() - 1, items.get(index + 1));
            } else {
                unique.add(key);
                unique.add(items.get(index + 1));
            }
        }
        return unique;
    }

    @Override
    public CqlType cellPathType() {
        return keyType;
    }

    @Override
    public CqlType cellValueType() {
        return valueType;
    }

    @Override
    String kind() {
        return "map";
    }

    @Override
    int itemsPerEntry() {
        return 2;
    }

    @Override
    CqlType itemType(int k) {
        return k == 0 ? keyType : valueType;
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
        return o instanceof MapType other && other.isMultiCell() == isMultiCell()
                && other.keyType.equals(keyType) && other.valueType.equals(valueType);
    }

    @Override
    public int hashCode() {
        return Objects.hash("map", keyType, valueType, isMultiCell());
    }
}
