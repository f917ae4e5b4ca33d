package org.charybdis.storage.dht;

import java.nio.ByteBuffer;

/**
 * Cassandra's Murmur3Partitioner token function: MurmurHash3 x64 128-bit, seed 0, token = first 64-bit
 * half of the hash. Two Cassandra quirks are reproduced on purpose because drivers and existing data
 * depend on them: tail bytes are read as <em>signed</em> bytes (sign-extended before shifting), and
 * {@link Long#MIN_VALUE} is reserved for the empty key and remapped to {@link Long#MAX_VALUE} otherwise.
 */
public final class Murmur3Partitioner {
    /** The smallest token: owned by the empty key only, and the start of the full ring. */
    public static final long MIN_TOKEN = Long.MIN_VALUE;
    public static final long MAX_TOKEN = Long.MAX_VALUE;

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private Murmur3Partitioner() {}

    /** Token of a serialized partition key, reading the buffer's remaining bytes without moving its position. */
    public static long token(ByteBuffer partitionKey) {
        int length = partitionKey.remaining();
        if (length == 0) return MIN_TOKEN;
        long hash = hashFirstHalf(partitionKey, partitionKey.position(), length);
        return hash == Long.MIN_VALUE ? Long.MAX_VALUE : hash;
    }

    private static long hashFirstHalf(ByteBuffer key, int offset, int length) {
        long h1 = 0;
        long h2 = 0;
        int blocks = length >>> 4;
        for (int i = 0; i < blocks; i++) {
            int at = offset + (i << 4);
            long k1 = littleEndianLong(key, at);
            long k2 = littleEndianLong(key, at + 8);

            h1 ^= mixK1(k1);
            h1 = Long.rotateLeft(h1, 27);
            h1 += h2;
            h1 = h1 * 5 + 0x52dce729;

            h2 ^= mixK2(k2);
            h2 = Long.rotateLeft(h2, 31);
            h2 += h1;
            h2 = h2 * 5 + 0x38495ab5;
        }

        int tail = offset + (blocks << 4);
        int rest = length & 15;
        long k1 = 0;
        long k2 = 0;
        // Signed byte reads (sign extension before the shift) are Cassandra's variant of the algorithm.
        for (int i = rest - 1; i >= 8; i--) k2 ^= ((long) key.get(tail + i)) << ((i - 8) * 8);
        if (rest > 8) h2 ^= mixK2(k2);
        for (int i = Math.min(rest, 8) - 1; i >= 0; i--) k1 ^= ((long) key.get(tail + i)) << (i * 8);
        if (rest > 0) h1 ^= mixK1(k1);

        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = finalMix(h1);
        h2 = finalMix(h2);
        h1 += h2;
        return h1;
    }

    private static long mixK1(long k1) {
        k1 *= C1;
        k1 = Long.rotateLeft(k1, 31);
        return k1 * C2;
    }

    private static long mixK2(long k2) {
        k2 *= C2;
        k2 = Long.rotateLeft(k2, 33);
        return k2 * C1;
    }

    private static long finalMix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    private static long littleEndianLong(ByteBuffer key, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = (v << 8) | (key.get(at + i) & 0xffL);
        return v;
    }
}
