package org.charybdis.storage.compaction;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardingBoundariesTest {
    @Test
    void oneShardHoldsTheWholeRing() {
        ShardingBoundaries one = ShardingBoundaries.ofCount(1);
        assertThat(one.shardStart(0)).isEqualTo(TokenSpace.MIN_TOKEN);
        assertThat(one.shardEnd(0)).isEqualTo(Long.MAX_VALUE);
        assertThat(one.shardOf(Long.MIN_VALUE)).isZero();
        assertThat(one.shardOf(Long.MAX_VALUE)).isZero();
    }

    @Test
    void fourShardsSplitTheRingExactly() {
        ShardingBoundaries four = ShardingBoundaries.ofCount(4);
        assertThat(four.shardStart(0)).isEqualTo(Long.MIN_VALUE + 1);
        assertThat(four.shardStart(2)).isZero();
        assertThat(four.shardStart(1)).isEqualTo(Long.MIN_VALUE / 2);
        assertThat(four.shardEnd(3)).isEqualTo(Long.MAX_VALUE);
        assertThat(four.shardOf(-1)).isEqualTo(1);
        assertThat(four.shardOf(0)).isEqualTo(2);
        assertThat(four.shardOf(Long.MAX_VALUE)).isEqualTo(3);
        assertThat(four.shardOf(Long.MIN_VALUE)).isZero();
    }

    @Test
    void shardsTileTheRingWithoutGapsOrOverlap() {
        BigInteger ringTokens = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        for (int count : new int[] {1, 3, 4, 7, 12, 4 << 20}) {
            ShardingBoundaries b = ShardingBoundaries.ofCount(count);
            BigInteger total = BigInteger.ZERO;
            int[] sample = count > 64 ? new int[] {0, 1, count / 3, count / 2, count - 2, count - 1} : range(count);
            for (int i : sample) {
                assertThat(b.shardEnd(i)).isGreaterThanOrEqualTo(b.shardStart(i));
                if (i + 1 < count) assertThat(b.shardStart(i + 1)).isEqualTo(b.shardEnd(i) + 1);
                assertThat(b.shardOf(b.shardStart(i))).isEqualTo(i);
                assertThat(b.shardOf(b.shardEnd(i))).isEqualTo(i);
                total = total.add(BigInteger.valueOf(b.shardEnd(i)).subtract(BigInteger.valueOf(b.shardStart(i))).add(BigInteger.ONE));
            }
            if (count <= 64) assertThat(total).isEqualTo(ringTokens);
        }
    }

    @Test
    void boundariesOfNAreBoundariesOf2N() {
        for (int base : new int[] {1, 3, 4, 5}) {
            ShardingBoundaries n = ShardingBoundaries.ofCount(base * 4);
            ShardingBoundaries twice = ShardingBoundaries.ofCount(base * 8);
            for (int i = 0; i < n.count(); i++) assertThat(twice.shardStart(2 * i)).isEqualTo(n.shardStart(i));
        }
    }

    @Test
    void crossingIsReportedBetweenShards() {
        ShardingBoundaries four = ShardingBoundaries.ofCount(4);
        assertThat(four.crossesBoundary(-1, 0)).isTrue();
        assertThat(four.crossesBoundary(1, 5)).isFalse();
        assertThat(four.crossesBoundary(Long.MIN_VALUE, Long.MAX_VALUE)).isTrue();
    }

    @Test
    void cursorAgreesWithShardOfOnSortedTokens() {
        SplittableRandom random = new SplittableRandom(42);
        long[] tokens = random.longs(5_000).toArray();
        Arrays.sort(tokens);
        ShardingBoundaries b = ShardingBoundaries.ofCount(64);
        ShardingBoundaries.Cursor cursor = b.cursor();
        int splits = 0;
        int previous = 0;
        for (long token : tokens) {
            boolean crossed = cursor.advance(token);
            int expected = b.shardOf(token);
            assertThat(cursor.shard()).isEqualTo(expected);
            assertThat(crossed).isEqualTo(expected != previous);
            assertThat(token).isLessThanOrEqualTo(cursor.shardEnd());
            if (crossed) splits++;
            previous = expected;
        }
        assertThat(splits).isBetween(60, 63);
    }

    @Test
    void cursorOnOneShardNeverSplits() {
        ShardingBoundaries.Cursor cursor = ShardingBoundaries.ofCount(1).cursor();
        assertThat(cursor.advance(Long.MIN_VALUE)).isFalse();
        assertThat(cursor.advance(Long.MAX_VALUE)).isFalse();
        assertThat(cursor.shardEnd()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void badIndexesAndCountsAreRefused() {
        assertThatThrownBy(() -> ShardingBoundaries.ofCount(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShardingBoundaries.ofCount(4).shardStart(4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }
}
