package org.charybdis.storage.sstable;

import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.BufferWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BloomFilterTest {
    private static DecoratedKey key(long n) {
        return DecoratedKey.of(ByteBuffer.allocate(8).putLong(0, n));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.01, 0.001})
    void falsePositiveRateStaysWithinTwiceTheConfiguredChance(double chance) {
        int keys = 20_000;
        BloomFilter filter = BloomFilter.create(keys, chance);
        for (int k = 0; k < keys; k++) filter.add(key(k));
        for (int k = 0; k < keys; k++) assertThat(filter.mightContain(key(k))).isTrue();
        int probes = 200_000;
        int falsePositives = 0;
        for (int k = 0; k < probes; k++) if (filter.mightContain(key(1_000_000 + k))) falsePositives++;
        assertThat((double) falsePositives / probes).isLessThan(2 * chance);
    }

    @Test
    void roundTripsThroughItsSerializedForm() {
        BloomFilter filter = BloomFilter.create(100, 0.01);
        for (int k = 0; k < 100; k++) filter.add(key(k));
        BufferWriter out = new BufferWriter();
        filter.writeTo(out);
        BloomFilter read = BloomFilter.read(new BufferReader(out.view()));
        for (int k = 0; k < 100; k++) assertThat(read.mightContain(key(k))).isTrue();
        assertThat(read.memorySize()).isEqualTo(filter.memorySize());
    }

    @Test
    void chanceOfOneDisablesTheFilterAndZeroIsRefused() {
        BloomFilter none = BloomFilter.create(1000, 1.0);
        assertThat(none.mightContain(key(5))).isTrue();
        assertThat(none.memorySize()).isLessThan(64);
        assertThatThrownBy(() -> BloomFilter.create(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
