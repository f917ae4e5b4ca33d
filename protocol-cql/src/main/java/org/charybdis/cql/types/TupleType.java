package org.charybdis.cql.types;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** {@code tuple<A, B, ...>}: always frozen; its components are frozen too, as Cassandra does. */
public final class TupleType implements CqlType {
    private final List<CqlType> types;

    private TupleType(List<CqlType> types) {
        this.types = types;
    }

    public static TupleType of(CqlType... types) {
        return of(List.of(types));
    }

    public static TupleType of(List<CqlType> types) {
        if (types.isEmpty()) {
            throw new InvalidTypeException("A tuple needs at least one component");
        }
        List<CqlType> frozen = new ArrayList<>(types.size());
        for (CqlType type : types) {
            if (type.isCounter()) {
                throw new InvalidTypeException("Counters are not allowed inside tuples");
            }
            frozen.add(type.freeze());
        }
        return new TupleType(List.copyOf(frozen));
    }

    public int size() {
        return types.size();
    }

    public CqlType type(int index) {
        return types.get(index);
    }

    @Override
    public List<CqlType> subTypes() {
        return types;
    }

    @Override
    public String cqlName() {
        StringBuilder name = new StringBuilder("frozen<tuple<");
        for (int i = 0; i < types.size(); i++) {
            name.append(i == 0 ? "" : ", ").append(types.get(i).cqlName());
        }
        return name.append(">>").toString();
    }

    @Override
    public String marshalClassName() {
        StringBuilder name = new StringBuilder(NativeType.MARSHAL_PACKAGE).append("TupleType(");
        for (int i = 0; i < types.size(); i++) {
            name.append(i == 0 ? "" : ",").append(types.get(i).marshalClassName());
        }
        return name.append(')').toString();
    }

    /** Accepts a {@link TupleValue} or a List of component values (nulls allowed, trailing ones may be left off). */
    @Override
    public ByteBuffer serialize(Object value) {
        return switch (value) {
            case null -> null;
            case TupleValue tuple -> FieldsFormat.serialize(tuple.values(), types, "tuple");
            case List<?> list -> FieldsFormat.serialize(list, types, "tuple");
            default -> throw new MarshalException("Expected a TupleValue for " + cqlName() + ", got "
                    + NumberCodecs.describe(value));
        };
    }

    @Override
    public TupleValue deserialize(ByteBuffer bytes) {
        return bytes == null ? null : new TupleValue(FieldsFormat.deserialize(bytes, types, "tuple"));
    }

    @Override
    public void validate(ByteBuffer bytes) {
        FieldsFormat.validate(bytes, types, "Tuple");
    }

    @Override
    public int compare(ByteBuffer a, ByteBuffer b) {
        return FieldsFormat.compare(a, b, types, "Tuple");
    }

    @Override
    public String toCqlLiteral(ByteBuffer bytes) {
        return bytes == null ? "null" : FieldsFormat.toCqlLiteral(bytes, types, null, "Tuple");
    }

    /** Cassandra's string form, e.g. {@code 1:a\:b:@} for {@code (1, 'a:b', null)}. */
    @Override
    public ByteBuffer fromString(String text) {
        return TupleStrings.parse(text, this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TupleType other && other.types.equals(types);
    }

    @Override
    public int hashCode() {
        return types.hashCode();
    }

    @Override
    public String toString() {
        return cqlName();
    }
}
