package org.charybdis.cql.types;

import java.nio.ByteBuffer;

/**
 * API stub, completed by the type-system work: a CQL data type. Values travel as serialized bytes
 * (the native protocol's v4+ value format); Java values are used only at the edges.
 */
public interface CqlType {
    /** The type as CQL writes it, e.g. {@code int}, {@code frozen<map<text, int>>}. */
    String cqlName();

    /** Java value (Integer, String, List, ...) to bytes. */
    ByteBuffer serialize(Object value);

    /** Bytes to a Java value. */
    Object deserialize(ByteBuffer bytes);

    /** Orders two serialized values the way Cassandra does for this type. */
    int compare(ByteBuffer a, ByteBuffer b);
}
