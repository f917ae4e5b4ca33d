package org.charybdis.server.cql.udf.context;

/** A field of a UDT or tuple value read or written as a Java type its CQL type does not map to, as Cassandra names it. */
public final class CodecNotFoundException extends IllegalArgumentException {
    CodecNotFoundException(String cqlType, Class<?> javaType) {
        super("Codec not found for requested operation: [" + cqlType + " <-> " + javaType.getName() + "]");
    }
}
