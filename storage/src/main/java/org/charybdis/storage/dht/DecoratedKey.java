package org.charybdis.storage.dht;

import org.charybdis.storage.data.UnsignedBytes;

import java.nio.ByteBuffer;

/**
 * A partition key with its token, ordered the way partitions are laid out on the ring: by token, then
 * by the key's unsigned bytes (so two keys sharing a token still have a stable order).
 * The key buffer must not be modified after construction.
 */
public record DecoratedKey(long token, ByteBuffer key) implements Comparable<DecoratedKey> {
    public DecoratedKey {
        if (key == null) throw new NullPointerException("key");
    }

    /** Decorates a serialized partition key with its Murmur3 token. */
    public static DecoratedKey of(ByteBuffer key) {
        return new DecoratedKey(Murmur3Partitioner.token(key), key);
    }

    /** The smallest possible key with a given token: a position for range starts. */
    public static DecoratedKey minimumFor(long token) {
        return new DecoratedKey(token, ByteBuffer.allocate(0));
    }

    @Override
    public int compareTo(DecoratedKey other) {
        int byToken = Long.compare(token, other.token);
        return byToken != 0 ? byToken : UnsignedBytes.compare(key, other.key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecoratedKey other && token == other.token && key.equals(other.key);
    }

    @Override
    public int hashCode() { return Long.hashCode(token); }

    @Override
    public String toString() { return "DecoratedKey(" + token + ", " + key.remaining() + " bytes)"; }
}
