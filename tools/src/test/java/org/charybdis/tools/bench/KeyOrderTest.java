package org.charybdis.tools.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;

class KeyOrderTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 7, 1000, 4097, 65536})
    void visitsEveryKeyExactlyOnce(long size) {
        KeyOrder order = new KeyOrder(size, 42);
        BitSet seen = new BitSet();
        for (long p = 0; p < size; p++) {
            long key = order.at(p);
            assertThat(key).isBetween(0L, size - 1);
            assertThat(seen.get((int) key)).as("key %d seen twice", key).isFalse();
            seen.set((int) key);
        }
        assertThat(seen.cardinality()).isEqualTo((int) size);
    }

    @Test
    void doesNotWriteKeysInOrder() {
        KeyOrder order = new KeyOrder(10_000, 7);
        int ascendingSteps = 0;
        for (long p = 1; p < 10_000; p++) if (order.at(p) == order.at(p - 1) + 1) ascendingSteps++;
        assertThat(ascendingSteps).isLessThan(100);
    }

    @Test
    void theSeedChangesTheOrder() {
        assertThat(new KeyOrder(1000, 1).at(0)).isNotEqualTo(new KeyOrder(1000, 2).at(0));
    }
}
