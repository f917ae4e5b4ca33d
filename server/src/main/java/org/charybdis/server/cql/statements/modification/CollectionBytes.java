package org.charybdis.server.cql.statements.modification;

import org.charybdis.cql.exceptions.InvalidRequestException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Reads the elements of a serialized list or set (protocol v3+ format: int count, then [int length][bytes] each). */
final class CollectionBytes {
    private CollectionBytes() {}

    static List<ByteBuffer> elements(ByteBuffer value) {
        ByteBuffer in = value.duplicate();
        if (in.remaining() < 4) throw new InvalidRequestException("Invalid collection value: not enough bytes to read its size");
        int count = in.getInt();
        if (count < 0) throw new InvalidRequestException("Invalid collection value: negative size " + count);
        List<ByteBuffer> elements = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            if (in.remaining() < 4) throw new InvalidRequestException("Invalid collection value: truncated element " + i);
            int length = in.getInt();
            if (length < 0) throw new InvalidRequestException("null is not supported inside collections");
            if (in.remaining() < length) throw new InvalidRequestException("Invalid collection value: truncated element " + i);
            elements.add(in.slice(in.position(), length));
            in.position(in.position() + length);
        }
        return elements;
    }
}
