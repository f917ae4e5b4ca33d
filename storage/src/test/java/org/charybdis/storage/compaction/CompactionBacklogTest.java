package org.charybdis.storage.compaction;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The bytes UCS still wants rewritten, through {@link UnifiedCompactionPlanner#backlog}. */
class CompactionBacklogTest {
    private static final long MIB = 1L << 20;
    private static final long FLUSH = 100 * MIB;

    @Test
    void aHierarchyBelowItsThresholdsOwesNothing() {
        assertThat(backlog(planner(), flushes(3), Set.of())).isZero();
        assertThat(backlog(planner(), List.of(), Set.of())).isZero();
    }

    @Test
    void aFullBucketOwesItsBytesTimesTheRewritesAhead() {
        // four 100 MiB flushes of a 400 MiB table: each is rewritten log4(400 / 100) = 1 more time
        assertThat(backlog(planner(), flushes(4), Set.of())).isCloseTo(400.0 * MIB, within(MIB / 100.0));
        // sixteen: log4(1600 / 100) = 2 rewrites each, for 1600 MiB
        assertThat(backlog(planner(), flushes(16), Set.of())).isCloseTo(3200.0 * MIB, within(MIB / 10.0));
    }

    @Test
    void growsAsSSTablesPileUp() {
        double previous = 0;
        for (int count = 4; count <= 32; count += 4) {
            double now = backlog(planner(), flushes(count), Set.of());
            assertThat(now).isGreaterThan(previous);
            previous = now;
        }
    }

    @Test
    void aDueCompactionOwesAtLeastOneRewrite() {
        // leveled: two flushes are due at once, though log10(200 / 100) is well below one
        assertThat(backlog(planner("scaling_parameters", "L10"), flushes(2), Set.of())).isCloseTo(200.0 * MIB, within(MIB / 100.0));
    }

    @Test
    void sstablesBeingCompactedOrNotOverlappingDoNotCount() {
        List<TestSSTable> live = flushes(4);
        assertThat(backlog(planner(), live, Set.of(live.getFirst()))).isZero();

        List<TestSSTable> quarters = new ArrayList<>();
        for (int shard = 0; shard < 4; shard++) quarters.add(TestSSTable.inShard(shard + 1, FLUSH / 4, shard, 4));
        assertThat(backlog(planner(), quarters, Set.of())).isZero();
    }

    private static double backlog(UnifiedCompactionPlanner planner, List<TestSSTable> live, Set<TestSSTable> compacting) {
        return planner.backlog(CompactionState.of(live, compacting, FLUSH));
    }

    private static UnifiedCompactionPlanner planner(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("class", "UnifiedCompactionStrategy");
        for (int i = 0; i < keyValues.length; i += 2) map.put(keyValues[i], keyValues[i + 1]);
        return new UnifiedCompactionPlanner(CompactionOptions.parse(map));
    }

    private static List<TestSSTable> flushes(int count) {
        List<TestSSTable> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(TestSSTable.wholeRing(i + 1, FLUSH));
        return out;
    }
}
