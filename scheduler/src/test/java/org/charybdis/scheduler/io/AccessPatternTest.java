package org.charybdis.scheduler.io;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Sequential or random, as the disk sees a class's requests. */
class AccessPatternTest {
    private final AccessPattern pattern = new AccessPattern();
    private final Object data = new Object();
    private final Object index = fileBesides(data);

    @Test
    void aRequestContinuingThePreviousOneOnTheSameFileIsSequentialEvenWithOtherFilesBetween() {
        assertThat(pattern.sequential(data, 0, 131072)).as("the first request to a file").isFalse();
        assertThat(pattern.sequential(index, 0, 4096)).isFalse();
        assertThat(pattern.sequential(data, 131072, 131072)).isTrue();
        assertThat(pattern.sequential(index, 4096, 4096)).isTrue();
    }

    @Test
    void rewritingTheTailPageOrSkippingLessThanAPageStaysSequential() {
        pattern.sequential(data, 0, 8192);
        assertThat(pattern.sequential(data, 4096, 8192)).as("an aligned writer rewrites its partial last page").isTrue();
        assertThat(pattern.sequential(data, 12288 + 100, 4096)).as("a read skipping a checksum").isTrue();
        assertThat(pattern.sequential(data, 12288 + 100 + 4096 + 4097, 4096)).isFalse();
        assertThat(pattern.sequential(data, 0, 4096)).as("back to the start").isFalse();
    }

    /** A file the table keeps apart from {@code file}: files are remembered in a small table, where two may collide. */
    private static Object fileBesides(Object file) {
        for (;;) {
            Object other = new Object();
            AccessPattern probe = new AccessPattern();
            probe.sequential(file, 0, 1);
            probe.sequential(other, 0, 1);
            if (probe.sequential(file, 1, 1)) return other;
        }
    }
}
