package org.charybdis.storage.lsm;

import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.scheduler.controller.BacklogController;
import org.charybdis.scheduler.controller.ControlCurve;
import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.engine.StorageParams;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.TestTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shard's flush and compaction shares follow their backlogs. The controllers are stepped by hand on the shard
 * (their timers run too, but only set what the same measurement gives), so nothing here depends on timing.
 */
class BackgroundControllersTest {
    private static final long NOW = System.currentTimeMillis() / 1000;
    private static final int ROW_BYTES = 4096;

    private final SplittableRandom random = new SplittableRandom(7);
    private LsmTestNode node;
    private int nextKey;

    @AfterEach
    void close() throws IOException {
        if (node != null) node.close();
    }

    @Test
    void flushSharesRiseWithDirtinessAndFallBackAfterTheFlush() throws IOException {
        long budget = 16L << 20;
        TableEngine table = open(budget, LsmConfig.StaticShares.CONTROLLED, TestTables.layout());
        BacklogController flush = node.controllers().memtableFlush();
        ControlCurve curve = BackgroundControllers.flushCurve(node.config().flushThreshold());

        // one shard task: the flush that crossing the soft limit starts cannot finish before the last step
        List<Step> steps = node.call(() -> {
            List<Step> seen = new ArrayList<>();
            LsmShard shard = ((LsmTableEngine) table).shard();
            for (double target : new double[] {0.25, 0.55, 0.7, 0.9}) {
                while (shard.memory().used() < target * budget) table.apply(row());
                int shares = flush.adjust();
                seen.add(new Step(flush.backlog(), shares, shares(ShardRuntime.MEMTABLE_FLUSH, IoClass.MEMTABLE_FLUSH)));
            }
            return seen;
        });

        for (Step step : steps) {
            assertThat(step.shares()).isEqualTo(curve.sharesAt(step.backlog()));
            assertThat(step.applied()).containsExactly(step.shares(), step.shares()); // CPU and disk, on this shard
        }
        assertThat(steps).extracting(Step::shares).isSorted().doesNotHaveDuplicates();
        assertThat(steps.getFirst().shares()).isLessThan(10); // below the soft limit: no hurry
        assertThat(steps.getLast().shares()).isGreaterThan(200); // past halfway to the hard limit

        node.flush(table);
        int after = node.call(flush::adjust);
        assertThat(flush.backlog()).isLessThan(0.1);
        assertThat(after).isLessThan(10);
        assertThat(node.call(() -> shares(ShardRuntime.MEMTABLE_FLUSH, IoClass.MEMTABLE_FLUSH))).containsExactly(after, after);
    }

    @Test
    void compactionSharesRiseAsSSTablesPileUpAndFallOnceCompacted() throws Exception {
        TableLayout layout = withCompaction(TestTables.layout(), "false");
        TableEngine table = open(LsmConfig.MIN_MEMTABLE_BYTES, LsmConfig.StaticShares.CONTROLLED, layout);
        BacklogController compaction = node.controllers().compaction();
        assertThat(node.call(compaction::adjust)).isEqualTo(50);

        List<Integer> shares = new ArrayList<>();
        for (int flushes = 1; flushes <= 12; flushes++) {
            for (int row = 0; row < 64; row++) node.write(table, row());
            node.flush(table);
            shares.add(node.call(compaction::adjust));
        }

        assertThat(node.stats(table).sstableCount()).isEqualTo(12); // automatic compaction is off: they pile up
        assertThat(shares.subList(0, 3)).containsOnly(50); // T4: three flushes owe nothing yet
        assertThat(shares.subList(3, 12)).isSorted().allMatch(s -> s > 50);
        assertThat(shares.getLast()).isGreaterThan(shares.get(3)).isEqualTo(compaction.shares());
        assertThat(node.call(() -> shares(ShardRuntime.COMPACTION, IoClass.COMPACTION))).containsExactly(shares.getLast(), shares.getLast());

        TableLayout enabled = withCompaction(layout, "true");
        node.call(() -> {
            table.updateLayout(enabled); // automatic compaction starts again
            return null;
        });
        assertThat(node.eventually(() -> compaction.adjust() == 50)).isTrue();
        node.async(((LsmTableEngine) table)::backgroundWorkDone);
        assertThat(node.call(compaction::adjust)).isEqualTo(50);
        assertThat(compaction.backlog()).isZero();
        assertThat(node.stats(table).sstableCount()).isLessThan(4);
    }

    @Test
    void staticSharesHoldWhateverTheBacklog() throws IOException {
        long budget = 8L << 20;
        TableEngine table = open(budget, new LsmConfig.StaticShares(300, 200), TestTables.layout());
        BackgroundControllers controllers = node.controllers();

        int flushShares = node.call(() -> {
            LsmShard shard = ((LsmTableEngine) table).shard();
            while (shard.memory().used() < 0.9 * budget) table.apply(row());
            return controllers.memtableFlush().adjust();
        });

        assertThat(flushShares).isEqualTo(300);
        assertThat(controllers.memtableFlush().backlog()).isGreaterThan(0.8); // still measured, for the metrics
        assertThat(node.call(controllers.compaction()::adjust)).isEqualTo(200);
        assertThat(node.call(() -> shares(ShardRuntime.MEMTABLE_FLUSH, IoClass.MEMTABLE_FLUSH))).containsExactly(300, 300);
        assertThat(node.call(() -> shares(ShardRuntime.COMPACTION, IoClass.COMPACTION))).containsExactly(200, 200);
        node.flush(table);
    }

    private TableEngine open(long memtableBytes, LsmConfig.StaticShares staticShares, TableLayout layout) throws IOException {
        node = new LsmTestNode(memtableBytes, staticShares);
        node.open(List.of(layout));
        return node.table(layout);
    }

    private static TableLayout withCompaction(TableLayout layout, String enabled) {
        StorageParams params = layout.storageParams();
        return layout.withStorageParams(new StorageParams(Map.of("class", "UnifiedCompactionStrategy", "enabled", enabled),
                params.compression(), params.bloomFilterFpChance()));
    }

    /** A row of incompressible bytes in a partition of its own, so SSTables span the ring and weigh what they hold. */
    private PartitionUpdate row() {
        return TestTables.incompressibleRow(nextKey++, ROW_BYTES, random, NOW);
    }

    /** On the shard: its CPU shares of the group and disk shares of the IO class. */
    private static List<Integer> shares(String group, IoClass ioClass) {
        Shard shard = Shard.current();
        return List.of(shard.shares(shard.runtime().group(group)), shard.io().shares(ioClass));
    }

    private record Step(double backlog, int shares, List<Integer> applied) {}
}
