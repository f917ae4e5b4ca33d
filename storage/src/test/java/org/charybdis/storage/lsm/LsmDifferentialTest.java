package org.charybdis.storage.lsm;

import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.TestTables;
import org.charybdis.storage.memory.MemoryTableEngine;
import org.charybdis.storage.memtable.RandomWrites;
import org.charybdis.storage.memtable.Rendering;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The LSM engine against the in-memory engine under random writes, flushes and compactions. */
class LsmDifferentialTest {
    @Test
    void readsMatchTheInMemoryEngineAcrossFlushesAndCompactions() throws Exception {
        for (int seed = 1; seed <= 4; seed++) {
            TableLayout layout = TestTables.layout();
            try (LsmTestNode node = new LsmTestNode(4 << 20)) {
                node.open(List.of(layout));
                TableEngine lsm = node.table(layout);
                MemoryTableEngine memory = new MemoryTableEngine(layout);
                RandomWrites writes = new RandomWrites(seed);
                for (int step = 1; step <= 300; step++) {
                    long now = 1000 + step / 25;
                    node.clock(now);
                    PartitionUpdate update = writes.update(now);
                    node.write(lsm, update);
                    memory.apply(update);
                    if (step % 7 == 0) node.flush(lsm);
                    if (step % 50 == 0) node.compact(lsm);
                    if (step % 10 == 0) {
                        for (int check = 0; check < 3; check++) {
                            long readNow = now + writes.nextInt(12);
                            ReadFilter filter = writes.filter();
                            for (int key = 0; key < RandomWrites.KEYS; key++) {
                                DecoratedKey dk = TestTables.key(key);
                                assertThat(Rendering.of(node.read(lsm, dk, filter, readNow)))
                                        .as("seed %d step %d key %d filter %s now %d", seed, step, key, filter, readNow)
                                        .isEqualTo(Rendering.of(memory.read(dk, filter, readNow).join()));
                            }
                        }
                    }
                }
            }
        }
    }
}
