package org.charybdis.cql.types;

import java.nio.ByteBuffer;

/** A custom type named by its Cassandra class; its values are kept as opaque bytes. */
public record CustomType(String className) implements CqlType {
    /** Cassandra's EmptyType: only empty values; the hidden value column of a dense COMPACT STORAGE table has it. */
    public static final CustomType EMPTY = new CustomType("org.apache.cassandra.db.marshal.EmptyType");

    public CustomType {
        if (className == null || className.isEmpty()) {
            throw new InvalidTypeException("A custom type needs a class name");
        }
    }

    public static CustomType of(String className) {
        return new CustomType(className);
    }

    @Override
    public String cqlName() {
        if (equals(EMPTY)) return "empty"; // as Cassandra names it in system_schema and DESCRIBE
        return "'" + className.replace("'", "''") + "'";
    }

    @Override
    public String marshalClassName() {
        return className;
    }

    @Override
    public ByteBuffer serialize(Object value) {
        return value == null ? null : StringCodecs.BLOB.serialize(value);
    }

    @Override
    public Object deserialize(ByteBuffer bytes) {
        return bytes == null ? null : StringCodecs.BLOB.deserialize(bytes);
    }

    @Override
    public void validate(ByteBuffer bytes) {
        // opaque: any bytes are accepted
    }

    @Override
    public int compare(ByteBuffer a, ByteBuffer b) {
        return RawBytes.compareUnsigned(a, b);
    }

    @Override
    public String toCqlLiteral(ByteBuffer bytes) {
        return bytes == null ? "null" : RawBytes.toBlobLiteral(bytes);
    }

    @Override
    public ByteBuffer fromString(String text) {
        return RawBytes.fromHex(text);
    }

    @Override
    public String toString() {
        return cqlName();
    }
}
