package org.charybdis.tools.cql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ring cut into ranges that touch end to end and cover every token once. */
class TokenRangesTest {
    @Test
    void rangesAreContiguousAndCoverTheRing() {
        for (int count : new int[] {1, 2, 3, 7, 64, 1000}) {
            List<TokenRanges.Range> ranges = TokenRanges.split(count);
            assertThat(ranges).hasSize(count);
            assertThat(ranges.getFirst().start()).isEqualTo(Long.MIN_VALUE);
            assertThat(ranges.getLast().end()).isEqualTo(Long.MAX_VALUE);
            for (int i = 0; i < count; i++) {
                TokenRanges.Range r = ranges.get(i);
                assertThat(r.end()).as("range %d of %d is not empty", i, count).isGreaterThan(r.start());
                if (i > 0) assertThat(r.start()).as("range %d starts where %d ends", i, i - 1).isEqualTo(ranges.get(i - 1).end());
            }
        }
    }

    @Test
    void rangesAreEqualInWidth() {
        List<TokenRanges.Range> halves = TokenRanges.split(2);
        assertThat(halves.getFirst().end()).isZero();
        List<TokenRanges.Range> quarters = TokenRanges.split(4);
        assertThat(quarters.get(0).end()).isEqualTo(Long.MIN_VALUE / 2);
        assertThat(quarters.get(2).end()).isEqualTo(-(Long.MIN_VALUE / 2));
    }

    @Test
    void zeroRangesIsRefused() {
        assertThatThrownBy(() -> TokenRanges.split(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
