package org.charybdis.storage.data;

import java.nio.ByteBuffer;

/**
 * A clustering column's order written as bytes, for engines whose keys are compared as unsigned bytes (RocksDB): the
 * server supplies one per clustering column, from its CQL type, next to the column's comparator.
 * <p>
 * For any two non-empty values {@code a} and {@code b} of the column, comparing {@code encode(a)} and {@code encode(b)}
 * as unsigned bytes must give the sign the column's comparator (ascending) gives, and no encoding may be a proper
 * prefix of another (so that the next component can follow it). Empty values and DESC order are the caller's.
 */
@FunctionalInterface
public interface ByteOrderedEncoding {
    byte[] encode(ByteBuffer nonEmptyValue);

    /** Unsigned byte order: every 0x00 written as 0x00 0xFF, then a 0x00 0x00 terminator. */
    ByteOrderedEncoding UNSIGNED_BYTES = value -> {
        int zeros = 0;
        for (int i = value.position(); i < value.limit(); i++) if (value.get(i) == 0) zeros++;
        byte[] out = new byte[value.remaining() + zeros + 2];
        int at = 0;
        for (int i = value.position(); i < value.limit(); i++) {
            byte b = value.get(i);
            out[at++] = b;
            if (b == 0) out[at++] = (byte) 0xFF;
        }
        return out; // the last two bytes stay 0x00 0x00
    };
}
