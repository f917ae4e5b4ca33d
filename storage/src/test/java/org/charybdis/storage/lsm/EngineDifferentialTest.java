package org.charybdis.storage.lsm;

import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.TestTables;
import org.charybdis.storage.memtable.RandomWrites;
import org.charybdis.storage.memtable.Rendering;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two engines as each other's oracle: the same random mutations (every tombstone kind, TTLs, clashing timestamps)
 * go to a table stored by the LSM engine and to one stored by RocksDB on the same shard, with flushes, major
 * compactions and crash-restarts between them, and every read and scan must answer alike.
 */
class EngineDifferentialTest {
    @Test
    void theLsmAndRocksDbEnginesAnswerAlike() throws Exception {
        for (int seed = 1; seed <= 4; seed++) {
            TableLayout lsmLayout = TestTables.layout();
            TableLayout rocksLayout = TestTables.rocksLayout();
            List<TableLayout> layouts = List.of(lsmLayout, rocksLayout);
            try (LsmTestNode node = new LsmTestNode(4 << 20)) {
                node.open(layouts);
                RandomWrites writes = new RandomWrites(seed);
                for (int step = 1; step <= 400; step++) {
                    long now = 1000 + step / 25;
                    node.clock(now);
                    PartitionUpdate update = writes.update(now);
                    node.write(node.table(lsmLayout), update);
                    node.write(node.table(rocksLayout), update);
                    switch (step % 50) {
                        case 7, 21, 35 -> layouts.forEach(l -> node.flush(node.table(l)));
                        case 30 -> layouts.forEach(l -> node.compact(node.table(l)));
                        case 45 -> node.restart(layouts);
                        default -> { }
                    }
                    if (step % 10 == 0) {
                        for (int check = 0; check < 3; check++) {
                            long readNow = now + writes.nextInt(12);
                            ReadFilter filter = writes.filter();
                            String what = "seed " + seed + " step " + step + " filter " + filter + " now " + readNow;
                            for (int key = 0; key < RandomWrites.KEYS; key++) {
                                DecoratedKey dk = TestTables.key(key);
                                assertThat(Rendering.of(node.read(node.table(rocksLayout), dk, filter, readNow))).as("%s key %d", what, key)
                                        .isEqualTo(Rendering.of(node.read(node.table(lsmLayout), dk, filter, readNow)));
                            }
                            assertThat(render(node.scan(node.table(rocksLayout), null, filter, readNow))).as("scan, %s", what)
                                    .isEqualTo(render(node.scan(node.table(lsmLayout), null, filter, readNow)));
                        }
                    }
                }
            }
        }
    }

    private static List<String> render(List<PartitionView> views) {
        List<String> rendered = new ArrayList<>();
        for (PartitionView view : views) rendered.add(Rendering.of(view));
        return rendered;
    }
}
