package org.charybdis.tools.iotune;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequentialOffsetsTest {
    @Test
    void walksItsStripeAndStartsOverAtItsEnd() {
        SequentialOffsets offsets = new SequentialOffsets(1000, 300, 100);
        long[] drawn = new long[7];
        for (int i = 0; i < drawn.length; i++) drawn[i] = offsets.getAsLong();
        assertThat(drawn).containsExactly(1000, 1100, 1200, 1000, 1100, 1200, 1000);
    }

    @Test
    void aPartialRequestAtTheStripeEndIsNeverIssued() {
        SequentialOffsets offsets = new SequentialOffsets(0, 250, 100);
        assertThat(new long[] {offsets.getAsLong(), offsets.getAsLong(), offsets.getAsLong()}).containsExactly(0, 100, 0);
    }

    @Test
    void aStripeSmallerThanOneRequestIsRefused() {
        assertThatThrownBy(() -> new SequentialOffsets(0, 99, 100)).hasMessageContaining("cannot hold");
    }
}
