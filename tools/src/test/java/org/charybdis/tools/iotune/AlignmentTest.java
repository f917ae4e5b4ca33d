package org.charybdis.tools.iotune;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlignmentTest {
    @Test
    void roundsToMultiplesOfTheAlignment() {
        assertThat(Alignment.roundUp(4096, 4096)).isEqualTo(4096);
        assertThat(Alignment.roundUp(4097, 4096)).isEqualTo(8192);
        assertThat(Alignment.roundUp(1, 512)).isEqualTo(512);
        assertThat(Alignment.roundUp(0, 4096)).isZero();
        assertThat(Alignment.roundUp(128 * 1024, 65536)).isEqualTo(128 * 1024);
        assertThat(Alignment.roundDown(8191, 4096)).isEqualTo(4096);
        assertThat(Alignment.roundDown(4095, 4096)).isZero();
        assertThat(Alignment.roundDown((1L << 40) + 5, 131072)).isEqualTo(1L << 40);
        assertThat(Alignment.isAligned(12288, 4096)).isTrue();
        assertThat(Alignment.isAligned(12289, 4096)).isFalse();
        assertThatThrownBy(() -> Alignment.roundUp(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buffersStartOnTheAlignmentAndHaveTheRequestedSize() {
        for (int alignment : new int[] {512, 4096, 65536}) {
            ByteBuffer buffer = Alignment.buffer(3 * alignment, alignment);
            assertThat(buffer.isDirect()).isTrue();
            assertThat(buffer.alignmentOffset(0, alignment)).isZero();
            assertThat(buffer.capacity()).isEqualTo(3 * alignment);
            assertThat(buffer.position()).isZero();
            assertThat(buffer.limit()).isEqualTo(3 * alignment);
        }
        assertThatThrownBy(() -> Alignment.buffer(4096, 3000)).hasMessageContaining("power of two");
    }
}
