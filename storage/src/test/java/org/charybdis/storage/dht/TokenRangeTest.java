package org.charybdis.storage.dht;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenRangeTest {
    @Test
    void boundsAreHonoured() {
        assertThat(TokenRange.openClosed(10, 20).contains(10)).isFalse();
        assertThat(TokenRange.openClosed(10, 20).contains(11)).isTrue();
        assertThat(TokenRange.openClosed(10, 20).contains(20)).isTrue();
        assertThat(TokenRange.lessThan(0).contains(0)).isFalse();
        assertThat(TokenRange.FULL_RING.contains(Long.MIN_VALUE)).isTrue();
        assertThat(TokenRange.FULL_RING.contains(Long.MAX_VALUE)).isTrue();
    }

    @Test
    void emptiness() {
        assertThat(TokenRange.closed(5, 5).isEmpty()).isFalse();
        assertThat(TokenRange.openClosed(5, 5).isEmpty()).isTrue();
        assertThat(new TokenRange(5, false, 6, false).isEmpty()).isTrue();
        assertThat(TokenRange.closed(6, 5).isEmpty()).isTrue();
        assertThat(TokenRange.greaterThan(Long.MAX_VALUE).isEmpty()).isTrue();
        assertThat(TokenRange.FULL_RING.isEmpty()).isFalse();
    }
}
