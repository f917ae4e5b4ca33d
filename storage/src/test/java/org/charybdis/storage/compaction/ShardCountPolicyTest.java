package org.charybdis.storage.compaction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardCountPolicyTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @Test
    void basicSchemeWorkedExampleFromTheDesignDoc() {
        // Target 100 MiB, 4 base shards, no growth, no minimum.
        ShardCountPolicy policy = new ShardCountPolicy(4, 100 * MIB, 0, 0);
        // A 200 MiB flush: 200/100 · 1/4 < 1, so the base count of 4.
        assertThat(policy.shardCount(200.0 * MIB)).isEqualTo(4);
        // Six 50 MiB SSTables of one quarter: density 1200 MiB, ratio 3, rounded to 2^2 · 4 = 16 shards.
        assertThat(policy.shardCount(6 * 50.0 * MIB / 0.25)).isEqualTo(16);
    }

    @ParameterizedTest
    @CsvSource({
            // density in MiB, expected shards for b = 4, t = 1 GiB, lambda = 0, m = 0
            "0, 4",
            "1, 4",
            "4095, 4",
            "4096, 4",
            "5792, 4",    // just below 4 GiB · sqrt(2): still rounds down
            "5793, 8",    // just above
            "8192, 8",
            "16384, 16",
            "1048576, 1024",
    })
    void lambdaZeroRoundsTheLogarithm(double densityMiB, int expected) {
        assertThat(new ShardCountPolicy(4, GIB, 0, 0).shardCount(densityMiB * MIB)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            // density in MiB, expected shards for b = 4, t = 1 GiB, m = 100 MiB, lambda = 0
            "50, 1",      // d < m
            "99, 1",
            "100, 1",     // d / m = 1
            "200, 2",
            "399, 2",     // 3.99 rounds down to 2
            "400, 4",     // reaches m · b
    })
    void minimumSizeLowersTheBaseCount(double densityMiB, int expected) {
        assertThat(new ShardCountPolicy(4, GIB, 100 * MIB, 0).shardCount(densityMiB * MIB)).isEqualTo(expected);
    }

    @Test
    void minimumSizeOnlySplitsToDivisorsOfANonPowerOfTwoBase() {
        ShardCountPolicy policy = new ShardCountPolicy(6, GIB, 100 * MIB, 0);
        assertThat(policy.shardCount(450.0 * MIB)).isEqualTo(2); // 4 would not divide 6
        assertThat(policy.shardCount(650.0 * MIB)).isEqualTo(6);
    }

    @Test
    void growthOneFixesTheCount() {
        ShardCountPolicy policy = new ShardCountPolicy(10, GIB, 100 * MIB, 1);
        assertThat(policy.shardCount(50.0 * MIB)).isEqualTo(1);
        assertThat(policy.shardCount(10.0 * GIB)).isEqualTo(10);
        assertThat(policy.shardCount(1e15)).isEqualTo(10);
    }

    @Test
    void growthShrinksTheShardExponent() {
        // lambda = 0.5: the shard count grows with the square root of density / (t · b).
        ShardCountPolicy half = new ShardCountPolicy(4, GIB, 0, 0.5);
        assertThat(half.shardCount(4.0 * GIB * 64)).isEqualTo(4 * 8);
        assertThat(half.shardCount(4.0 * GIB * 2560)).isEqualTo(4 * 64); // 10 TiB: 2^round(5.66)
        // Default lambda 0.333: ratio 16 -> exponent 4 · 0.667 + 0.5 = 3.17 -> 8 · b.
        ShardCountPolicy third = CompactionOptions.defaults().shardCountPolicy();
        assertThat(third.shardCount(64.0 * GIB)).isEqualTo(32);
        assertThat(third.shardCount(3.0 * GIB)).isEqualTo(4);
    }

    @Test
    void countsStayBoundedAndPowerOfTwoMultiples() {
        ShardCountPolicy policy = new ShardCountPolicy(4, MIB, 0, 0);
        assertThat(policy.shardCount(Double.MAX_VALUE)).isEqualTo(4 << ShardCountPolicy.MAX_SHARD_SHIFT);
        assertThat(policy.shardCount(Double.NaN)).isEqualTo(4);
        ShardCountPolicy bigBase = new ShardCountPolicy(1 << 20, MIB, 0, 0);
        assertThat(bigBase.shardCount(1e300)).isLessThanOrEqualTo(ShardCountPolicy.MAX_SHARDS).isPositive();
        for (double d = MIB; d < 1e16; d *= 1.7) {
            int count = policy.shardCount(d);
            assertThat(count % 4).isZero();
            assertThat(Integer.bitCount(count / 4)).isEqualTo(1);
        }
    }

    @Test
    void invalidPoliciesAreBugs() {
        assertThatThrownBy(() -> new ShardCountPolicy(0, GIB, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShardCountPolicy(4, GIB, 0, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
