package org.charybdis.server.schema;

import org.charybdis.storage.dht.DecoratedKey;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The partition key as stored and hashed: a single component as its bytes; several components in
 * Cassandra's composite form (for each: 2-byte length, bytes, a 0 end-of-component byte), so tokens
 * match Cassandra's and drivers route to the right shard.
 */
public final class PartitionKeys {
    private PartitionKeys() {}

    public static ByteBuffer serialize(List<ByteBuffer> components) {
        if (components.size() == 1) return components.get(0).duplicate();
        int size = 0;
        for (ByteBuffer c : components) size += 2 + c.remaining() + 1;
        ByteBuffer out = ByteBuffer.allocate(size);
        for (ByteBuffer c : components) {
            if (c.remaining() > 0xFFFF) throw new IllegalArgumentException("partition key component longer than 65535 bytes");
            out.putShort((short) c.remaining()).put(c.duplicate()).put((byte) 0);
        }
        return out.flip();
    }

    public static DecoratedKey decorate(List<ByteBuffer> components) {
        return DecoratedKey.of(serialize(components));
    }

    /** Splits a stored key back into its components. */
    public static ByteBuffer[] split(ByteBuffer key, int componentCount) {
        if (componentCount == 1) return new ByteBuffer[] {key.duplicate()};
        ByteBuffer in = key.duplicate();
        ByteBuffer[] components = new ByteBuffer[componentCount];
        for (int i = 0; i < componentCount; i++) {
            int length = in.getShort() & 0xFFFF;
            ByteBuffer c = in.slice(in.position(), length);
            in.position(in.position() + length + 1);
            components[i] = c;
        }
        return components;
    }
}
