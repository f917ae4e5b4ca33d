package org.charybdis.storage.compaction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TokenSpaceTest {
    @Test
    void fractionsOfTheRing() {
        assertThat(TokenSpace.fractionCovered(TokenSpace.MIN_TOKEN, TokenSpace.MAX_TOKEN)).isCloseTo(1.0, within(1e-15));
        assertThat(TokenSpace.fractionCovered(Long.MIN_VALUE, Long.MAX_VALUE)).isCloseTo(1.0, within(1e-15));
        assertThat(TokenSpace.fractionCovered(0, Long.MAX_VALUE)).isCloseTo(0.5, within(1e-15));
        assertThat(TokenSpace.fractionCovered(-(1L << 61), 1L << 61)).isCloseTo(0.25, within(1e-15));
    }

    @Test
    void tinySpansCountAsTheWholeRing() {
        assertThat(TokenSpace.fractionCovered(7, 7)).isEqualTo(1.0);
        assertThat(TokenSpace.fractionCovered(0, 1000)).isEqualTo(1.0);
        assertThat(TokenSpace.fractionCovered(0, 1L << 20)).isCloseTo(0x1p-44, within(1e-20));
    }

    @Test
    void unsignedConversionIsExactAtTheExtremes() {
        assertThat(TokenSpace.unsignedToDouble(-1L)).isEqualTo(0x1p64);
        assertThat(TokenSpace.unsignedToDouble(Long.MIN_VALUE)).isEqualTo(0x1p63);
        assertThat(TokenSpace.unsignedToDouble(12)).isEqualTo(12.0);
    }

    @Test
    void reversedSpanIsABug() {
        assertThatThrownBy(() -> TokenSpace.fractionCovered(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
