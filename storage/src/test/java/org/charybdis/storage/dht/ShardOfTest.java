package org.charybdis.storage.dht;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ShardOfTest {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    @Test
    void matchesTheSpecifiedInfinitePrecisionAlgorithm() {
        long[] tokens = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, Long.MAX_VALUE, -3485513579396041028L,
                7297452126230313552L, 0x0008_0000_0000_0000L, 0x7ff0_0000_0000_0000L, -0x0010_0000_0000_0001L};
        int[] shardCounts = {1, 2, 3, 7, 8, 12, 64, 255};
        for (long token : tokens)
            for (int shards : shardCounts)
                assertThat(new ShardOf(shards, 12).shard(token)).as("token %d, %d shards", token, shards)
                        .isEqualTo(bySpec(token, shards, 12));
    }

    @Test
    void randomTokensAndIgnoreMsbValues() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 5000; i++) {
            long token = random.nextLong();
            int shards = 1 + random.nextInt(300);
            int ignoreMsb = random.nextInt(20);
            assertThat(ShardOf.shard(token, shards, ignoreMsb)).isEqualTo(bySpec(token, shards, ignoreMsb));
        }
    }

    @Test
    void knownPlacements() {
        // Worked by hand: biased 0 -> shard 0; token 0 biases to 2^63, shifted by 12 that is 0 -> shard 0.
        assertThat(new ShardOf(4, 12).shard(Long.MIN_VALUE)).isZero();
        assertThat(new ShardOf(4, 12).shard(0)).isZero();
        // biased 2^63 + 2^51: after the shift 2^63, half the ring -> shard 2 of 4
        assertThat(new ShardOf(4, 12).shard(1L << 51)).isEqualTo(2);
        assertThat(new ShardOf(4, 0).shard(0)).isEqualTo(2);
        assertThat(new ShardOf(4, 0).shard(Long.MAX_VALUE)).isEqualTo(3);
    }

    @Test
    void spreadsTokensOverAllShards() {
        ShardOf shardOf = ShardOf.withDefaultIgnoreMsb(6);
        int[] counts = new int[6];
        for (int pk = 0; pk < 6000; pk++) counts[shardOf.shard(Murmur3Partitioner.token(java.nio.ByteBuffer.allocate(4).putInt(0, pk)))]++;
        for (int c : counts) assertThat(c).isBetween(800, 1200);
    }

    /** The spec's steps with BigInteger: bias by 2^63, shift left ignoreMsb bits modulo 2^64, multiply, divide by 2^64. */
    private static int bySpec(long token, int shards, int ignoreMsb) {
        BigInteger biased = BigInteger.valueOf(token).subtract(BigInteger.valueOf(Long.MIN_VALUE));
        biased = biased.shiftLeft(ignoreMsb).mod(TWO_64);
        return biased.multiply(BigInteger.valueOf(shards)).divide(TWO_64).intValueExact();
    }
}
