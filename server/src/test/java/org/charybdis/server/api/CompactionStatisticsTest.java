package org.charybdis.server.api;

import org.charybdis.server.api.CompactionStatistics.ActiveCompaction;
import org.charybdis.server.api.CompactionStatistics.PendingTable;
import org.charybdis.server.api.CompactionStatistics.ShardPart;
import org.charybdis.storage.engine.TableEngine.CompactionProgress;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CompactionStatisticsTest {
    @Test
    void pendingTasksAreSummedOverShardsAndTables() {
        ShardPart shard0 = new ShardPart(List.of(new PendingTable("ks", "a", 2), new PendingTable("ks", "b", 1)), List.of());
        ShardPart shard1 = new ShardPart(List.of(new PendingTable("ks", "a", 3)), List.of());

        CompactionStatistics stats = CompactionStatistics.sum(List.of(shard0, shard1));

        assertThat(stats.pendingTasks()).isEqualTo(6);
        assertThat(stats.pendingByTable()).containsExactly(new PendingTable("ks", "a", 5), new PendingTable("ks", "b", 1));
    }

    @Test
    void activeCompactionsOfEveryShardAreListedWithTheirProgress() {
        ShardPart shard0 = new ShardPart(List.of(), List.of(new CompactionProgress("c2", "Compaction", "ks", "b", 50, 200)));
        ShardPart shard1 = new ShardPart(List.of(), List.of(new CompactionProgress("c1", "Major", "ks", "a", 0, 0)));

        List<ActiveCompaction> active = CompactionStatistics.sum(List.of(shard0, shard1)).activeCompactions();

        assertThat(active).extracting(ActiveCompaction::id).containsExactly("c1", "c2");
        assertThat(active.get(0).progress()).isZero();
        assertThat(active.get(1).progress()).isCloseTo(25.0, within(1e-9));
        assertThat(active.get(1).unit()).isEqualTo("bytes");
        assertThat(active.get(1).completed()).isEqualTo(50);
        assertThat(active.get(1).total()).isEqualTo(200);
    }
}
