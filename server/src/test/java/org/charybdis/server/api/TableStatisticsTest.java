package org.charybdis.server.api;

import org.charybdis.server.api.TableStatistics.ShardFigures;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableHistograms;
import org.charybdis.storage.engine.TableEngine.Stats;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TableStatisticsTest {
    private static final UUID USERS = UUID.randomUUID();
    private static final UUID EVENTS = UUID.randomUUID();

    @Test
    void figuresOfOneTableAreSummedOverShards() {
        Stats shard0 = new Stats(10, 1000, 300, 2, 3, 4096, 1, 2, 8, 16, TableEngine.BackgroundIo.NONE);
        Stats shard1 = new Stats(5, 500, 100, 1, 1, 1024, 0, 1, 2, 4, TableEngine.BackgroundIo.NONE);

        TableHistograms writes0 = TableHistograms.empty();
        writes0.writeLatencyMicros().add(100);
        writes0.writeLatencyMicros().add(300);
        TableHistograms writes1 = TableHistograms.empty();
        writes1.writeLatencyMicros().add(200);
        writes1.readLatencyMicros().add(1000);

        List<TableStatistics> tables = TableStatistics.sum(List.of(
                List.of(new ShardFigures(USERS, "ks", "users", shard0, writes0)),
                List.of(new ShardFigures(USERS, "ks", "users", shard1, writes1))));

        assertThat(tables).containsExactly(new TableStatistics("ks", "users", 4, 5120, 400, 3, 1, 3, 15, 10, 2.0, 1.0, 3, 0.2));
    }

    @Test
    void tablesAreOrderedByKeyspaceThenName() {
        List<TableStatistics> tables = TableStatistics.sum(List.of(List.of(
                new ShardFigures(USERS, "ks", "users", Stats.EMPTY, TableHistograms.empty()),
                new ShardFigures(EVENTS, "ks", "events", Stats.EMPTY, TableHistograms.empty()),
                new ShardFigures(UUID.randomUUID(), "aa", "zz", Stats.EMPTY, TableHistograms.empty()))));

        assertThat(tables).extracting(t -> t.keyspace() + "." + t.table()).containsExactly("aa.zz", "ks.events", "ks.users");
    }

    @Test
    void sstablesPerReadIsZeroBeforeAnyRead() {
        List<TableStatistics> tables = TableStatistics.sum(List.of(List.of(new ShardFigures(USERS, "ks", "users", Stats.inMemory(3, 90), TableHistograms.empty()))));

        assertThat(tables.getFirst().averageSstablesPerRead()).isCloseTo(0.0, within(1e-12));
        assertThat(tables.getFirst().memtableDataSize()).isEqualTo(90);
        assertThat(tables.getFirst().partitionsEstimate()).isEqualTo(3);
    }
}
