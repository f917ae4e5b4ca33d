package org.charybdis.server.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryBudgetTest {
    private static final long MIB = 1L << 20;

    @Test
    void oneGibibyteLeavesTheJvmItsOverheadAndSplitsTheRestBetweenMemtablesAndHeap() {
        MemoryBudget budget = MemoryBudget.of(1024 * MIB, 0.5, 2);

        assertThat(budget.jvmOverhead()).isEqualTo(160 * MIB);
        assertThat(budget.directBuffers()).isEqualTo(64 * MIB);
        assertThat(budget.memtables()).isEqualTo(240 * MIB); // half of 60% of the 800 MiB left
        assertThat(budget.heap()).isEqualTo(560 * MIB);
        assertThat(budget.chunkCache()).isEqualTo(100 * MIB);
        assertThat(budget.requestsInFlight()).isEqualTo(40 * MIB);
        assertThat(budget.maxDirectMemory()).isEqualTo(368 * MIB);
    }

    @Test
    void theHeapHasRoomForTheMemtablesIndexesBesideTheCacheAndTheRequests() {
        MemoryBudget budget = MemoryBudget.of(4096 * MIB, 0.5, 4);

        assertThat(budget.heap() - budget.chunkCache() - budget.requestsInFlight()).isGreaterThan(budget.memtables());
    }

    @Test
    void thePartsAddUpToMemoryFromOneGibibyteUp() {
        for (long memory : new long[] {1024 * MIB, 2048 * MIB, 3000 * MIB, 64L << 30}) {
            for (double share : new double[] {0.1, 0.5, 0.7, 1.0}) {
                MemoryBudget budget = MemoryBudget.of(memory, share, 4);
                long parts = budget.jvmOverhead() + budget.directBuffers() + budget.memtables() + budget.heap();
                String what = "memory " + (memory >> 20) + " MiB, share " + share;
                assertThat(memory - parts).as(what).isBetween(0L, 2 * MIB);
                assertThat(budget.heap() % (2 * MIB)).as(what).isZero();
            }
        }
    }

    @Test
    void memtableShareMovesMemoryBetweenMemtablesAndHeap() {
        MemoryBudget small = MemoryBudget.of(2048 * MIB, 0.25, 2);
        MemoryBudget large = MemoryBudget.of(2048 * MIB, 0.5, 2);

        assertThat(small.memtables()).isEqualTo(273 * MIB);
        assertThat(small.heap()).isEqualTo(1550 * MIB);
        assertThat(large.memtables()).isEqualTo(547 * MIB);
        assertThat(large.heap()).isEqualTo(1276 * MIB);
    }

    @Test
    void belowAGibibyteTheHeapFloorAndTheEnginesMinimumWin() {
        MemoryBudget tests = MemoryBudget.of(256 * MIB, 0.5, 2);
        assertThat(tests.memtables()).isEqualTo(38 * MIB); // half of memory is usable at least
        assertThat(tests.heap()).isEqualTo(MemoryBudget.HEAP_FLOOR);

        MemoryBudget tiny = MemoryBudget.of(32 * MIB, 0.5, 4);
        assertThat(tiny.memtables()).isEqualTo(16 * MIB); // 4 MiB a shard
        assertThat(tiny.heap()).isEqualTo(MemoryBudget.HEAP_FLOOR);
    }

    @Test
    void readsMemoryShareAndShardsFromTheConfiguration() {
        ServerConfig config = new ConfigLoader().set(ServerConfig.MEMORY, "2G").set(ServerConfig.MEMTABLE_TOTAL_SPACE, "0.25")
                .set(ServerConfig.SMP, "3").build();

        assertThat(MemoryBudget.of(config)).isEqualTo(MemoryBudget.of(2048 * MIB, 0.25, 3));
    }
}
