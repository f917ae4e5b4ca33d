package org.charybdis.cql.types;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A user-defined type: named, typed fields. Serialized like a tuple. A non-frozen UDT stores each
 * field in its own cell whose path is the field's position as a 2-byte short.
 */
public final class UserType implements CqlType {
    private final String keyspace;
    private final String name;
    private final List<String> fieldNames;
    private final List<CqlType> fieldTypes;
    private final boolean multiCell;

    private UserType(String keyspace, String name, List<String> fieldNames, List<CqlType> fieldTypes, boolean multiCell) {
        this.keyspace = keyspace;
        this.name = name;
        this.fieldNames = fieldNames;
        this.fieldTypes = fieldTypes;
        this.multiCell = multiCell;
    }

    public static UserType of(String keyspace, String name, List<String> fieldNames, List<CqlType> fieldTypes,
                              boolean multiCell) {
        if (fieldNames.size() != fieldTypes.size()) {
            throw new InvalidTypeException("User type " + name + " has " + fieldNames.size() + " field names but "
                    + fieldTypes.size() + " field types");
        }
        if (new HashSet<>(fieldNames).size() != fieldNames.size()) {
            throw new InvalidTypeException("Duplicate field name in user type " + name);
        }
        for (CqlType type : fieldTypes) {
            if (type.isCounter()) {
                throw new InvalidTypeException("A user type cannot contain counters");
            }
        }
        return new UserType(keyspace, name, List.copyOf(fieldNames), List.copyOf(fieldTypes), multiCell);
    }

    public String keyspace() {
        return keyspace;
    }

    public String name() {
        return name;
    }

    public List<String> fieldNames() {
        return fieldNames;
    }

    public List<CqlType> fieldTypes() {
        return fieldTypes;
    }

    public int size() {
        return fieldTypes.size();
    }

    /** The position of that field, or -1. */
    public int fieldIndex(String fieldName) {
        return fieldNames.indexOf(fieldName);
    }

    @Override
    public boolean isMultiCell() {
        return multiCell;
    }

    @Override
    public UserType freeze() {
        return multiCell ? new UserType(keyspace, name, fieldNames, fieldTypes, false) : this;
    }

    @Override
    public List<CqlType> subTypes() {
        return fieldTypes;
    }

    @Override
    public boolean referencesUserType(String otherKeyspace, String otherName) {
        return (keyspace.equals(otherKeyspace) && name.equals(otherName)) || CqlType.super.referencesUserType(otherKeyspace, otherName);
    }

    /** The UDT by its name (keyspace not printed), quoted when needed; {@code frozen<name>} when frozen. */
    @Override
    public String cqlName() {
        String quoted = CqlIdentifiers.maybeQuote(name);
        return multiCell ? quoted : "frozen<" + quoted + ">";
    }

    /** Cassandra's form: keyspace, hex of the name, then hex(field name):field type for each field. */
    @Override
    public String marshalClassName() {
        StringBuilder out = new StringBuilder(NativeType.MARSHAL_PACKAGE).append("UserType(")
                .append(keyspace).append(',').append(hex(name));
        for (int i = 0; i < fieldNames.size(); i++) {
            out.append(',').append(hex(fieldNames.get(i))).append(':').append(fieldTypes.get(i).marshalClassName());
        }
        out.append(')');
        return multiCell ? out.toString() : NativeType.MARSHAL_PACKAGE + "FrozenType(" + out + ")";
    }

    /** Accepts a {@link UdtValue} or Map by field name (absent fields null), or a List / {@link TupleValue} by position. */
    @Override
    public ByteBuffer serialize(Object value) {
        return switch (value) {
            case null -> null;
            case UdtValue udt -> FieldsFormat.serialize(byPosition(udt.fields()), fieldTypes, cqlName());
            case Map<?, ?> map -> FieldsFormat.serialize(byPosition(map), fieldTypes, cqlName());
            case TupleValue tuple -> FieldsFormat.serialize(tuple.values(), fieldTypes, cqlName());
            case List<?> list -> FieldsFormat.serialize(list, fieldTypes, cqlName());
            default -> throw new MarshalException("Expected a UdtValue for " + cqlName() + ", got "
                    + NumberCodecs.describe(value));
        };
    }

    private List<Object> byPosition(Map<?, ?> fields) {
        List<Object> values = new ArrayList<>(fieldNames.size());
        for (String field : fieldNames) {
            values.add(fields.get(field));
        }
        for (Object key : fields.keySet()) {
            if (!(key instanceof String field) || !fieldNames.contains(field)) {
                throw new MarshalException("Unknown field '" + key + "' in value of user type " + name);
            }
        }
        return values;
    }

    @Override
    public UdtValue deserialize(ByteBuffer bytes) {
        if (bytes == null) {
            return null;
        }
        List<Object> values = FieldsFormat.deserialize(bytes, fieldTypes, "UDT");
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldNames.size(); i++) {
            fields.put(fieldNames.get(i), values.get(i));
        }
        return new UdtValue(fields);
    }

    @Override
    public void validate(ByteBuffer bytes) {
        FieldsFormat.validate(bytes, fieldTypes, "UDT");
    }

    @Override
    public int compare(ByteBuffer a, ByteBuffer b) {
        return FieldsFormat.compare(a, b, fieldTypes, "UDT");
    }

    @Override
    public String toCqlLiteral(ByteBuffer bytes) {
        return bytes == null ? "null" : FieldsFormat.toCqlLiteral(bytes, fieldTypes, fieldNames, "UDT");
    }

    @Override
    public ByteBuffer fromString(String text) {
        throw new MarshalException("Cannot parse a value of user type " + name + " from a string; use a UDT literal");
    }

    /** The cell path of field i in a non-frozen UDT. */
    public static ByteBuffer cellPathOf(int fieldIndex) {
        return ByteBuffer.allocate(2).putShort(0, (short) fieldIndex);
    }

    /** One cell per non-null field, in field order (which is also cell path order). */
    public List<CollectionCell> toCells(ByteBuffer serialized) {
        ByteBuffer[] items = ValueFraming.unpackFields(serialized, fieldTypes.size(), "UDT");
        List<CollectionCell> cells = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            if (items[i] != null) {
                cells.add(new CollectionCell(cellPathOf(i), items[i]));
            }
        }
        return cells;
    }

    /** Rebuilds the value from cells sorted by path; fields without a cell are null. */
    public ByteBuffer fromCells(List<CollectionCell> sortedCells) {
        List<ByteBuffer> items = new ArrayList<>(fieldTypes.size());
        for (int i = 0; i < fieldTypes.size(); i++) {
            items.add(null);
        }
        for (CollectionCell cell : sortedCells) {
            int index = cell.path().getShort(cell.path().position());
            if (index < 0 || index >= items.size()) {
                throw new MarshalException("Cell path " + index + " is not a field of user type " + name);
            }
            items.set(index, cell.value());
        }
        return ValueFraming.packFields(items);
    }

    private static String hex(String text) {
        return RawBytes.toHex(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserType other && other.multiCell == multiCell && other.keyspace.equals(keyspace)
                && other.name.equals(name) && other.fieldNames.equals(fieldNames) && other.fieldTypes.equals(fieldTypes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyspace, name, fieldNames, fieldTypes, multiCell);
    }

    @Override
    public String toString() {
        return cqlName();
    }
}
