package org.charybdis.tools.proc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcFilesTest {
    @Test
    void cpuTimeOfThisProcessGrowsAndOfAMissingOneIsUnknown() {
        long pid = ProcessHandle.current().pid();
        long before = ProcFiles.cpuNanos(pid);
        assertThat(before).isGreaterThan(0);
        long giveUp = System.nanoTime() + 5_000_000_000L;
        long now;
        do {
            now = ProcFiles.cpuNanos(pid); // reading /proc in a loop burns CPU until the next 10 ms tick shows
        } while (now == before && System.nanoTime() < giveUp);
        assertThat(now).isGreaterThan(before);
        assertThat(ProcFiles.cpuNanos(Integer.MAX_VALUE)).isEqualTo(-1);
    }
}
