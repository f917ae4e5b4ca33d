package org.charybdis.cql.types;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A CQL data type. Values travel as serialized bytes (the native protocol's v3+ value format); Java
 * values are used only at the edges. Every method leaves the buffers it is given untouched (absolute
 * reads only), so callers may share them.
 */
public interface CqlType {
    /** The type as Cassandra 5.0 prints it in system_schema and DESCRIBE, e.g. {@code frozen<map<text, int>>}. */
    String cqlName();

    /** Cassandra's marshal class string, e.g. {@code org.apache.cassandra.db.marshal.Int32Type}. */
    String marshalClassName();

    /** Java value (Integer, String, List, ...) to bytes; {@code null} gives {@code null}. */
    ByteBuffer serialize(Object value);

    /** Bytes to a Java value; {@code null} gives {@code null}, and so does an empty value of a type where empty means "no value". */
    Object deserialize(ByteBuffer bytes);

    /** Checks that the bytes are a well-formed value of this type. */
    void validate(ByteBuffer bytes) throws MarshalException;

    /** Orders two serialized values the way Cassandra does for this type (empty values first). */
    int compare(ByteBuffer a, ByteBuffer b);

    /** A literal the CQL parser accepts and cqlsh/DESCRIBE would print; {@code null} gives {@code null}. */
    String toCqlLiteral(ByteBuffer bytes);

    /** Parses Cassandra's string form of a value (as CQL string constants are converted). */
    ByteBuffer fromString(String text) throws MarshalException;

    /** True for non-frozen collections and UDTs, whose elements are stored as separate cells. */
    default boolean isMultiCell() {
        return false;
    }

    /** The frozen form of this type (itself when it is not multi-cell). */
    default CqlType freeze() {
        return this;
    }

    default boolean isCollection() {
        return false;
    }

    default boolean isCounter() {
        return false;
    }

    /** The serialized size when every value of this type has the same one, else -1. */
    default int valueLengthIfFixed() {
        return -1;
    }

    /** The types this one is built from (elements, keys and values, fields), in declaration order. */
    default List<CqlType> subTypes() {
        return List.of();
    }

    /** True if this type is, or contains, the user type of that keyspace and name. */
    default boolean referencesUserType(String keyspace, String name) {
        for (CqlType sub : subTypes()) {
            if (sub.referencesUserType(keyspace, name)) {
                return true;
            }
        }
        return false;
    }
}
