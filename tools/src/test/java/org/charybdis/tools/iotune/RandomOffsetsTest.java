package org.charybdis.tools.iotune;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RandomOffsetsTest {
    @Test
    void offsetsAreAlignedAndEveryRequestFitsInTheFile() {
        long fileSize = 1 << 20;
        RandomOffsets offsets = new RandomOffsets(fileSize, 8192, 4096, 7);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            long offset = offsets.getAsLong();
            assertThat(offset % 4096).isZero();
            assertThat(offset).isBetween(0L, fileSize - 8192);
            seen.add(offset);
        }
        // 255 aligned starts leave room for an 8 KiB request: all are drawn, the first and the last included
        assertThat(seen).hasSize(255).contains(0L, fileSize - 8192);
    }

    @Test
    void theSameSeedGivesTheSameOffsets() {
        RandomOffsets a = new RandomOffsets(1L << 30, 4096, 4096, 3);
        RandomOffsets b = new RandomOffsets(1L << 30, 4096, 4096, 3);
        for (int i = 0; i < 100; i++) assertThat(a.getAsLong()).isEqualTo(b.getAsLong());
    }

    @Test
    void largeFilesAreCoveredBeyondFourGigabytes() {
        RandomOffsets offsets = new RandomOffsets(1L << 40, 4096, 4096, 1);
        long largest = 0;
        for (int i = 0; i < 1000; i++) largest = Math.max(largest, offsets.getAsLong());
        assertThat(largest).isGreaterThan(1L << 32);
    }

    @Test
    void aFileOfOneRequestAlwaysGivesOffsetZeroAndALargerRequestIsRefused() {
        RandomOffsets one = new RandomOffsets(4096, 4096, 4096, 1);
        for (int i = 0; i < 10; i++) assertThat(one.getAsLong()).isZero();
        assertThatThrownBy(() -> new RandomOffsets(4096, 8192, 4096, 1)).hasMessageContaining("does not fit");
    }
}
