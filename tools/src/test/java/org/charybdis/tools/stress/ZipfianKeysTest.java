package org.charybdis.tools.stress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZipfianKeysTest {
    @Test
    void drawsStayInRangeAndAFewHotKeysTakeMostRequests() {
        int keys = 100_000;
        ZipfianKeys zipf = new ZipfianKeys(keys, ZipfianKeys.DEFAULT_EXPONENT);
        int draws = 200_000;
        long[] counts = new long[keys];
        for (int i = 0; i < draws; i++) {
            long key = zipf.getAsLong();
            assertThat(key).isBetween(0L, keys - 1L);
            counts[(int) key]++;
        }
        long hottestPercent = 0;
        for (int k = 0; k < keys / 100; k++) hottestPercent += counts[k];
        // with exponent 0.99 over 100,000 keys the first 1,000 hold sum(1/i^0.99, i<=1000) / sum(..., i<=100000), about 0.6
        assertThat((double) hottestPercent / draws).isBetween(0.5, 0.7);
        assertThat(counts[0]).as("the hottest key").isGreaterThan(counts[1]).isGreaterThan(counts[100]);
        assertThat(counts[keys / 2] + counts[keys / 2 + 1]).as("the tail is rarely drawn").isLessThan(20);
    }

    @Test
    void oneKeyAndBadExponentsAreHandled() {
        assertThat(new ZipfianKeys(1, 0.5).getAsLong()).isZero();
        assertThatThrownBy(() -> new ZipfianKeys(10, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZipfianKeys(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(KeyDistribution.parse("zipf")).isEqualTo(KeyDistribution.ZIPF);
    }
}
