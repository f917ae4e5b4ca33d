package org.charybdis.storage.sstable;

import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.BufferWriter;
import org.charybdis.storage.serialization.CorruptDataException;

/**
 * Which partition keys an SSTable may hold, sized from the expected key count and the table's
 * {@code bloom_filter_fp_chance}. Positions come from double hashing of the key's Murmur3 token (already a
 * good 64-bit hash) and a second hash mixed from it, so probing costs no extra pass over the key.
 * A chance of 1 (or more) disables the filter: it then says "maybe" for every key, as in Cassandra.
 */
final class BloomFilter {
    private static final int MAX_HASHES = 20;
    private final long[] words;
    private final long bits;
    private final int hashes;

    private BloomFilter(long[] words, int hashes) {
        this.words = words;
        this.bits = (long) words.length * 64;
        this.hashes = hashes;
    }

    static BloomFilter create(long expectedKeys, double fpChance) {
        if (!(fpChance > 0)) throw new IllegalArgumentException("bloom_filter_fp_chance must be larger than 0: " + fpChance);
        if (fpChance >= 1) return new BloomFilter(new long[0], 0);
        long n = Math.max(1, expectedKeys);
        double ln2 = Math.log(2);
        long bitCount = (long) Math.ceil(-n * Math.log(fpChance) / (ln2 * ln2));
        int hashCount = (int) Math.max(1, Math.min(MAX_HASHES, Math.round((double) bitCount / n * ln2)));
        long wordCount = Math.max(1, (bitCount + 63) / 64);
        if (wordCount > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("bloom filter too large for " + n + " keys");
        return new BloomFilter(new long[(int) wordCount], hashCount);
    }

    void add(DecoratedKey key) {
        if (hashes == 0) return;
        long h1 = key.token();
        long h2 = secondHash(h1);
        for (int i = 0; i < hashes; i++) {
            long bit = Long.remainderUnsigned(h1 + i * h2, bits);
            words[(int) (bit >>> 6)] |= 1L << bit;
        }
    }

    boolean mightContain(DecoratedKey key) {
        if (hashes == 0) return true;
        long h1 = key.token();
        long h2 = secondHash(h1);
        for (int i = 0; i < hashes; i++) {
            long bit = Long.remainderUnsigned(h1 + i * h2, bits);
            if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) return false;
        }
        return true;
    }

    /** Bytes held in memory. */
    long memorySize() { return 8L * words.length + 32; }

    void writeTo(BufferWriter out) {
        out.writeUnsignedVInt(hashes);
        out.writeUnsignedVInt(words.length);
        for (long w : words) out.writeLong(w);
    }

    static BloomFilter read(BufferReader in) {
        int hashes = in.readUnsignedVInt();
        int wordCount = in.readUnsignedVInt();
        if (hashes > MAX_HASHES || (long) wordCount * 8 != in.remaining() || (hashes > 0 && wordCount == 0))
            throw new CorruptDataException("bloom filter with " + hashes + " hashes and " + wordCount + " words in " + in.remaining() + " bytes");
        long[] words = new long[wordCount];
        for (int i = 0; i < wordCount; i++) words[i] = in.readLong();
        return new BloomFilter(words, hashes);
    }

    private static long secondHash(long token) {
        long k = token ^ 0x9E3779B97F4A7C15L;
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k | 1;
    }
}
