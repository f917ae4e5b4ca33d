package org.charybdis.server.cli;

import org.charybdis.server.config.MemoryBudget;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JvmMemoryFlagsTest {
    private static final MemoryBudget TWO_GIB = MemoryBudget.of(2L << 30, 0.5, 2);

    @Test
    void sizeTheHeapAndDirectMemoryFromTheBudgetAndCapTheJvmsOwnAreas() {
        assertThat(JvmMemoryFlags.of(TWO_GIB, List.of())).containsExactly("-Xmx1276m", "-XX:MaxDirectMemorySize=675m",
                "-XX:MaxMetaspaceSize=256m", "-XX:ReservedCodeCacheSize=128m", "-XX:ZUncommitDelay=30");
    }

    @Test
    void aFlagTheUserGivesReplacesTheComputedOne() {
        assertThat(JvmMemoryFlags.of(TWO_GIB, List.of("-XX:MaxDirectMemorySize=4g", "-Xlog:gc")))
                .contains("-Xmx1276m").noneMatch(flag -> flag.startsWith("-XX:MaxDirectMemorySize"));
    }

    @Test
    void aHeapSizeTheUserGivesLeavesTheHeapToTheUser() {
        for (String heap : List.of("-Xmx4g", "-XX:MaxHeapSize=4g", "-Xms1g")) {
            assertThat(JvmMemoryFlags.of(TWO_GIB, List.of(heap))).as(heap)
                    .noneMatch(flag -> flag.startsWith("-Xm")).contains("-XX:MaxDirectMemorySize=675m");
        }
    }
}
