package org.charybdis.storage.memtable;

import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.ColumnLayout;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.TestTables;
import org.charybdis.storage.memory.MemoryTableEngine;
import org.charybdis.storage.read.LivePartitionView;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.storage.engine.TestTables.S;
import static org.charybdis.storage.engine.TestTables.V1;

/**
 * The memtable read through {@link LivePartitionView} must return exactly what {@link MemoryTableEngine}
 * returns for the same writes: random updates with every tombstone kind, TTLs, older and newer overwrites,
 * static rows and collections, read with random slices, directions, column selections and read times,
 * across slabs small enough that rows spread over many of them, and across a column drop and re-add.
 */
class MemtableComparisonTest {
    private static final int STEPS = 400;
    private static final int DROP_AT = 180;
    private static final int READD_AT = 260;

    @Test
    void readsMatchTheInMemoryEngine() {
        for (int seed = 1; seed <= 10; seed++) runRound(seed);
    }

    private static void runRound(long seed) {
        RandomWrites writes = new RandomWrites(seed);
        TableLayout layout = TestTables.layout();
        MemtableMemory memory = new MemtableMemory(1L << 30, 4096);
        Memtable memtable = new Memtable(layout, memory);
        MemoryTableEngine engine = new MemoryTableEngine(layout);
        for (int step = 1; step <= STEPS; step++) {
            long now = 1000 + step / 25;
            if (step == DROP_AT || step == READD_AT) {
                layout = step == DROP_AT ? withoutV2AndMap() : TestTables.layout();
                memtable.updateLayout(layout);
                engine.updateLayout(layout);
            }
            var update = writes.update(now);
            memtable.apply(update, step);
            engine.apply(update);
            if (step % 20 == 0) compareReads(seed, step, writes, memtable, engine, now);
        }
        assertThat(memtable.overwrittenBytes()).isPositive();
        assertThat(memory.used()).isEqualTo(memtable.ownedBytes());
        memtable.discard();
        assertThat(memory.used()).isZero();
    }

    private static void compareReads(long seed, int step, RandomWrites writes, Memtable memtable, MemoryTableEngine engine, long now) {
        for (int check = 0; check < 4; check++) {
            long readNow = now + writes.nextInt(12);
            ReadFilter filter = writes.filter();
            for (int key = 0; key < RandomWrites.KEYS; key++) {
                DecoratedKey dk = TestTables.key(key);
                assertThat(Rendering.of(read(memtable, dk, filter, readNow)))
                        .as("seed %d step %d key %d filter %s now %d", seed, step, key, filter, readNow)
                        .isEqualTo(Rendering.of(engine.read(dk, filter, readNow).join()));
            }
            List<String> expected = new ArrayList<>();
            engine.scan(TokenRange.FULL_RING, filter, readNow).forEachRemaining(v -> expected.add(Rendering.of(v))).join();
            assertThat(scan(memtable, memtable.partitions(), filter, readNow)).as("scan, seed %d step %d", seed, step).isEqualTo(expected);
        }
    }

    private static PartitionView read(Memtable memtable, DecoratedKey key, ReadFilter filter, long now) {
        PartitionFragment fragment = memtable.partition(key);
        return fragment == null ? null : LivePartitionView.of(fragment, memtable.layout(), filter, now);
    }

    private static List<String> scan(Memtable memtable, Iterator<PartitionFragment> fragments, ReadFilter filter, long now) {
        List<String> out = new ArrayList<>();
        while (fragments.hasNext()) {
            PartitionView view = LivePartitionView.of(fragments.next(), memtable.layout(), filter, now);
            if (view != null) out.add(Rendering.of(view));
        }
        return out;
    }

    private static TableLayout withoutV2AndMap() {
        return TestTables.layout(List.of(ColumnLayout.simple(V1, false), ColumnLayout.simple(S, true)));
    }

}
