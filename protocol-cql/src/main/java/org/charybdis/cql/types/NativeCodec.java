package org.charybdis.cql.types;

import java.nio.ByteBuffer;

/**
 * The value format of one native type. {@link NativeType} handles nulls and empty values before
 * calling in, so codecs see non-null values and (except in {@link #validate}) non-empty buffers.
 */
interface NativeCodec {
    ByteBuffer serialize(Object value);

    Object deserialize(ByteBuffer bytes);

    /** Checks the bytes, empty included: a codec that rejects empty values says so here. */
    void validate(ByteBuffer bytes);

    int compare(ByteBuffer a, ByteBuffer b);

    String toCqlLiteral(ByteBuffer bytes);

    /** Parses a non-empty string. */
    ByteBuffer fromString(String text);

    default int fixedLength() {
        return -1;
    }

    /** Whether an empty value is a value in its own right (text ''), rather than "no value". */
    default boolean emptyIsValue() {
        return false;
    }
}
