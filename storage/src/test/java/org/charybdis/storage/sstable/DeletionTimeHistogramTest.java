package org.charybdis.storage.sstable;

import org.charybdis.storage.serialization.BufferReader;
import org.charybdis.storage.serialization.BufferWriter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeletionTimeHistogramTest {
    @Test
    void keepsAtMostAHundredBinsAndCountsEveryPoint() {
        DeletionTimeHistogram h = new DeletionTimeHistogram();
        for (int i = 0; i < 10_000; i++) h.add(1_000_000L + i * 61L);
        assertThat(h.totalCount()).isEqualTo(10_000);
        long half = h.countAtOrBefore(1_000_000L + 5_000 * 61L);
        assertThat(half).isBetween(4_000L, 6_000L);
        assertThat(h.countAtOrBefore(0)).isZero();

        BufferWriter out = new BufferWriter();
        h.writeTo(out);
        DeletionTimeHistogram read = DeletionTimeHistogram.read(new BufferReader(out.view()));
        assertThat(read.totalCount()).isEqualTo(10_000);
        assertThat(read.countAtOrBefore(Long.MAX_VALUE)).isEqualTo(10_000);
    }
}
