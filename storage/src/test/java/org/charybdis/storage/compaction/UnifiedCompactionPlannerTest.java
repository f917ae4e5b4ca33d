package org.charybdis.storage.compaction;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class UnifiedCompactionPlannerTest {
    private static final long MIB = 1L << 20;
    private static final long FLUSH = 100 * MIB;

    private static UnifiedCompactionPlanner planner(long seed, String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("class", "UnifiedCompactionStrategy");
        for (int i = 0; i < keyValues.length; i += 2) map.put(keyValues[i], keyValues[i + 1]);
        return new UnifiedCompactionPlanner(CompactionOptions.parse(map), new SplittableRandom(seed));
    }

    private static Optional<CompactionPlan<TestSSTable>> next(UnifiedCompactionPlanner planner, List<TestSSTable> live) {
        return planner.nextPlan(CompactionState.of(live, Set.of(), FLUSH));
    }

    private static List<TestSSTable> flushes(int firstGeneration, int count, long bytes) {
        List<TestSSTable> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(TestSSTable.wholeRing(firstGeneration + i, bytes));
        return out;
    }

    @Test
    void tieredWaitsForFourOverlappingSSTables() {
        UnifiedCompactionPlanner planner = planner(1);
        assertThat(next(planner, flushes(1, 3, FLUSH))).isEmpty();

        CompactionPlan<TestSSTable> plan = next(planner, flushes(1, 4, FLUSH)).orElseThrow();
        assertThat(plan.kind()).isEqualTo(CompactionPlan.Kind.MINOR);
        assertThat(plan.level()).isZero();
        assertThat(plan.overlap()).isEqualTo(4);
        assertThat(plan.inputs()).extracting(TestSSTable::generation).containsExactly(1L, 2L, 3L, 4L);
        assertThat(plan.inputBytes()).isEqualTo(400 * MIB);
        assertThat(plan.outputDensity()).isCloseTo(400.0 * MIB, within(1.0));
        assertThat(plan.outputShards().count()).isEqualTo(4);
    }

    @Test
    void leveledCompactsAsSoonAsTwoOverlap() {
        UnifiedCompactionPlanner planner = planner(1, "scaling_parameters", "L10");
        assertThat(next(planner, flushes(1, 1, FLUSH))).isEmpty();
        CompactionPlan<TestSSTable> plan = next(planner, flushes(1, 2, FLUSH)).orElseThrow();
        assertThat(plan.inputs()).hasSize(2);
        assertThat(plan.overlap()).isEqualTo(2);
    }

    @Test
    void sstablesThatDoNotOverlapNeverTrigger() {
        UnifiedCompactionPlanner planner = planner(1);
        List<TestSSTable> live = new ArrayList<>();
        for (int shard = 0; shard < 4; shard++) live.add(TestSSTable.inShard(shard + 1, FLUSH / 4, shard, 4));
        assertThat(next(planner, live)).isEmpty();

        for (int i = 0; i < 3; i++) live.add(TestSSTable.inShard(10 + i, FLUSH / 4, 2, 4));
        CompactionPlan<TestSSTable> plan = next(planner, live).orElseThrow();
        assertThat(plan.inputs()).extracting(TestSSTable::generation).containsExactly(3L, 10L, 11L, 12L);
        // Four 25 MiB quarters: density 400 MiB, above the 100 MiB minimum times 4, so 4 shards of the ring.
        assertThat(plan.outputShards().count()).isEqualTo(4);
    }

    @Test
    void sstablesBeingCompactedAreLeftAlone() {
        List<TestSSTable> live = flushes(1, 4, FLUSH);
        UnifiedCompactionPlanner planner = planner(1);
        assertThat(planner.nextPlan(CompactionState.of(live, Set.of(live.get(0)), FLUSH))).isEmpty();
    }

    @Test
    void theLevelWithTheHighestOverlapGoesFirstAndTheLowerLevelWinsTies() {
        UnifiedCompactionPlanner planner = planner(1);
        // Level 0 below 310 MiB density, level 1 up to 1240 MiB.
        List<TestSSTable> fiveLow = flushes(1, 5, FLUSH);
        List<TestSSTable> fourHigh = flushes(100, 4, 400 * MIB);
        assertThat(next(planner, concat(fiveLow, fourHigh)).orElseThrow().level()).isZero();

        List<TestSSTable> fourLow = flushes(1, 4, FLUSH);
        List<TestSSTable> fiveHigh = flushes(100, 5, 400 * MIB);
        CompactionPlan<TestSSTable> plan = next(planner, concat(fourLow, fiveHigh)).orElseThrow();
        assertThat(plan.level()).isEqualTo(1);
        assertThat(plan.inputs()).containsExactlyElementsOf(fiveHigh);

        assertThat(next(planner, concat(fourLow, fourHigh)).orElseThrow().level()).isZero();
    }

    @Test
    void levelsBelowTheirThresholdDoNotHideOthers() {
        // Level 1 uses T8: seven overlapping there do not trigger, four on level 0 still do.
        UnifiedCompactionPlanner planner = planner(1, "scaling_parameters", "T4,T8");
        CompactionPlan<TestSSTable> plan = next(planner, concat(flushes(1, 4, FLUSH), flushes(100, 7, 400 * MIB))).orElseThrow();
        assertThat(plan.level()).isZero();
    }

    @Test
    void equallyUrgentBucketsAreChosenBySeededRandom() {
        List<TestSSTable> live = new ArrayList<>();
        for (int shard = 0; shard < 4; shard++) {
            for (int i = 0; i < 4; i++) live.add(TestSSTable.inShard(shard * 10 + i, FLUSH / 4, shard, 4));
        }
        List<TestSSTable> first = next(planner(7), live).orElseThrow().inputs();
        assertThat(next(planner(7), live).orElseThrow().inputs()).isEqualTo(first);

        Set<Long> chosenShardStarts = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            CompactionPlan<TestSSTable> plan = next(planner(seed), live).orElseThrow();
            assertThat(plan.inputs()).hasSize(4);
            assertThat(plan.inputs()).extracting(TestSSTable::firstToken).containsOnly(plan.inputs().get(0).firstToken());
            chosenShardStarts.add(plan.inputs().get(0).firstToken());
        }
        assertThat(chosenShardStarts).hasSize(4);
    }

    @Test
    void lateCompactionIsCappedByMaxSSTablesToCompactOldestFirst() {
        CompactionPlan<TestSSTable> plan = next(planner(1, "max_sstables_to_compact", "6"), flushes(1, 10, FLUSH)).orElseThrow();
        assertThat(plan.inputs()).extracting(TestSSTable::generation).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(plan.overlap()).isEqualTo(6);
        // The cap never goes below the fan factor.
        assertThat(next(planner(1, "max_sstables_to_compact", "2"), flushes(1, 10, FLUSH)).orElseThrow().inputs()).hasSize(4);
        // Without a cap everything overlapping goes together.
        assertThat(next(planner(1), flushes(1, 10, FLUSH)).orElseThrow().inputs()).hasSize(10);
    }

    @Test
    void designDocExampleSixQuarterSSTablesSplitIntoSixteenShards() {
        UnifiedCompactionPlanner planner = planner(1, "target_sstable_size", "100MiB", "min_sstable_size", "0B",
                                                   "sstable_growth", "0");
        List<TestSSTable> live = new ArrayList<>();
        for (int i = 0; i < 6; i++) live.add(TestSSTable.inShard(i + 1, 50 * MIB, 1, 4));
        CompactionPlan<TestSSTable> plan = planner.nextPlan(CompactionState.of(live, Set.of(), 200 * MIB)).orElseThrow();
        assertThat(plan.inputs()).hasSize(6);
        assertThat(plan.outputDensity()).isCloseTo(1200.0 * MIB, within(1.0 * MIB));
        assertThat(plan.outputShards().count()).isEqualTo(16);
        // The compaction covers the second quarter, i.e. shards 4 to 7 of the 16.
        ShardingBoundaries shards = plan.outputShards();
        assertThat(shards.shardOf(live.get(0).firstToken())).isEqualTo(4);
        assertThat(shards.shardOf(live.get(0).lastToken())).isEqualTo(7);
    }

    @Test
    void fullyExpiredSSTablesAreDroppedInTheirOwnPlan() {
        long now = 1_000_000;
        TestSSTable expired = TestSSTable.inShard(1, FLUSH / 4, 0, 4).writtenBetween(50, 60).expiringAt(now - 10);
        List<TestSSTable> live = new ArrayList<>(List.of(expired));
        for (int i = 0; i < 4; i++) live.add(TestSSTable.inShard(10 + i, FLUSH / 4, 2, 4));
        UnifiedCompactionPlanner planner = planner(1);

        CompactionState<TestSSTable> state = CompactionState.of(live, Set.of(), FLUSH).withExpiryCheck(now, Long.MAX_VALUE);
        CompactionPlan<TestSSTable> drop = planner.nextPlan(state).orElseThrow();
        assertThat(drop.kind()).isEqualTo(CompactionPlan.Kind.DROP_EXPIRED);
        assertThat(drop.inputs()).containsExactly(expired);
        assertThat(drop.level()).isEqualTo(-1);
        assertThat(drop.outputShards().count()).isEqualTo(1);

        // Without the periodic check the expired SSTable is just a lone level-0 SSTable.
        CompactionPlan<TestSSTable> minor = next(planner, live).orElseThrow();
        assertThat(minor.kind()).isEqualTo(CompactionPlan.Kind.MINOR);
        assertThat(minor.inputs()).doesNotContain(expired);
    }

    @Test
    void majorCompactionTakesEachOverlapGroupWholly() {
        List<TestSSTable> live = new ArrayList<>();
        for (int shard = 0; shard < 4; shard++) {
            live.add(TestSSTable.inShard(shard * 10 + 1, FLUSH / 4, shard, 4));
            live.add(TestSSTable.inShard(shard * 10 + 2, FLUSH / 4, shard, 4));
        }
        TestSSTable busy = TestSSTable.inShard(99, FLUSH / 4, 3, 4);
        live.add(busy);
        UnifiedCompactionPlanner planner = planner(1);

        List<CompactionPlan<TestSSTable>> plans = planner.majorPlans(live, Set.of(busy));
        assertThat(plans).hasSize(4);
        for (CompactionPlan<TestSSTable> plan : plans) {
            assertThat(plan.kind()).isEqualTo(CompactionPlan.Kind.MAJOR);
            assertThat(plan.inputs()).hasSize(2).doesNotContain(busy);
            assertThat(plan.overlap()).isEqualTo(2);
            // Two 25 MiB quarters: density 200 MiB, twice the 100 MiB minimum: 2 shards.
            assertThat(plan.outputShards().count()).isEqualTo(2);
        }

        live.add(TestSSTable.wholeRing(200, FLUSH));
        List<CompactionPlan<TestSSTable>> joined = planner.majorPlans(live, Set.of(busy));
        assertThat(joined).hasSize(1);
        assertThat(joined.get(0).inputs()).hasSize(9);
        assertThat(joined.get(0).overlap()).isEqualTo(3);
        assertThat(planner.majorPlans(List.<TestSSTable>of(), Set.of())).isEmpty();
    }

    @Test
    void flushOutputIsShardedByItsSize() {
        assertThat(planner(1, "target_sstable_size", "100MiB", "min_sstable_size", "0B", "sstable_growth", "0")
                           .flushSharding(200 * MIB).count()).isEqualTo(4);
        assertThat(planner(1).flushSharding(200 * MIB).count()).isEqualTo(2);
        assertThat(planner(1).flushSharding(10 * MIB).count()).isEqualTo(1);
        assertThat(planner(1).flushSharding(64L << 30).count()).isEqualTo(32);
    }

    @Test
    void summaryCountsLevelsAndPendingWork() {
        List<TestSSTable> live = concat(flushes(1, 5, FLUSH), flushes(100, 1, 400 * MIB));
        UnifiedCompactionPlanner planner = planner(1);
        CompactionSummary summary = planner.summarize(CompactionState.of(live, Set.of(live.get(0)), FLUSH));

        assertThat(summary.levels()).hasSize(2);
        CompactionSummary.LevelSummary l0 = summary.levels().get(0);
        assertThat(l0.sstables()).isEqualTo(5);
        assertThat(l0.totalBytes()).isEqualTo(500 * MIB);
        assertThat(l0.maxOverlap()).isEqualTo(4);
        assertThat(l0.pendingCompactions()).isEqualTo(1);
        assertThat(l0.scaling()).isEqualTo("T4");
        assertThat(l0.maxDensity()).isEqualTo(310.0 * MIB);
        assertThat(summary.levels().get(1).sstables()).isEqualTo(1);
        assertThat(summary.levels().get(1).pendingCompactions()).isZero();
        assertThat(summary.pendingCompactions()).isEqualTo(1);
        assertThat(summary.compactingSSTables()).isEqualTo(1);
        assertThat(summary.sstableCount()).isEqualTo(6);
        assertThat(summary.totalBytes()).isEqualTo(900 * MIB);
        assertThat(summary.describe())
                .startsWith("UCS T4: 6 sstables, 900 MiB, 1 compacting, 1 pending compactions")
                .contains("L0 T4 density [0 B, 310 MiB): 5 sstables, 500 MiB, max overlap 4, pending 1")
                .contains("L1 T4 density [310 MiB, 1.211 GiB): 1 sstables");
    }

    @Test
    void emptyTableNeedsNothing() {
        UnifiedCompactionPlanner planner = planner(1);
        CompactionState<TestSSTable> empty = CompactionState.of(List.of(), Set.of(), 0);
        assertThat(planner.nextPlan(empty.withExpiryCheck(1000, Long.MAX_VALUE))).isEmpty();
        assertThat(planner.summarize(empty).levels()).isEmpty();
        assertThat(planner.summarize(empty).pendingCompactions()).isZero();
    }

    @SafeVarargs
    private static List<TestSSTable> concat(List<TestSSTable>... lists) {
        List<TestSSTable> out = new ArrayList<>();
        for (List<TestSSTable> list : lists) out.addAll(list);
        return out;
    }
}
