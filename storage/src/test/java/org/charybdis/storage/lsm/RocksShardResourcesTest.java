package org.charybdis.storage.lsm;

import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.TestTables;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a shard's RocksDB instance shares with the rest of the shard: its memory comes out of the LSM engine's memtable
 * budget and chunk cache (and goes back when the last RocksDB table is dropped), its flushes and compactions show in the
 * shard's IO classes and the compaction history, and its rate follows compaction_throughput.
 */
class RocksShardResourcesTest {
    private static final long MEMTABLES = 8 << 20;

    @Test
    void rocksDbTakesItsMemoryFromTheShardsBudgetAndGivesItBack() throws Exception {
        try (LsmTestNode node = new LsmTestNode(MEMTABLES)) {
            TableLayout lsm = TestTables.layout();
            node.open(List.of(lsm));
            long cacheAlone = node.chunkCache().capacityBytes();
            assertThat(memtableBudget(node)).isEqualTo(MEMTABLES);

            TableLayout rocks = TestTables.rocksLayout();
            node.call(() -> node.storage().createTable(rocks));
            assertThat(memtableBudget(node)).isEqualTo(MEMTABLES - node.config().rocksSettings().memtableBytes());
            assertThat(node.chunkCache().capacityBytes()).isEqualTo(cacheAlone - node.config().rocksSettings().blockCacheBytes());

            node.drop(rocks);
            assertThat(memtableBudget(node)).isEqualTo(MEMTABLES);
            assertThat(node.chunkCache().capacityBytes()).isEqualTo(cacheAlone);
        }
    }

    @Test
    void flushesAndCompactionsCountInTheShardsIoClassesAndFollowTheThroughputCap() throws Exception {
        try (LsmTestNode node = new LsmTestNode(MEMTABLES)) {
            TableLayout rocks = TestTables.rocksLayout();
            node.open(List.of(rocks));
            TableEngine table = node.table(rocks);
            List<org.charybdis.storage.engine.CompletedCompaction> history = new java.util.concurrent.CopyOnWriteArrayList<>();
            node.factory().onCompaction(history::add);
            node.factory().compactionThroughput(4 << 20);
            node.writeIncompressible(table, 0, 2000, System.currentTimeMillis() / 1000);
            node.flush(table);
            node.writeIncompressible(table, 1000, 2000, System.currentTimeMillis() / 1000);
            node.compact(table);
            assertThat(node.stats(table).io().flushes()).isGreaterThanOrEqualTo(2);
            assertThat(node.stats(table).io().compactionBytesWritten()).isPositive();

            assertThat(node.eventually(() -> ioBytes(IoClass.COMPACTION, true) > 0 && ioBytes(IoClass.MEMTABLE_FLUSH, true) > 0))
                    .as("RocksDB's bytes counted in the shard's IO classes").isTrue();
            long written = node.stats(table).io().compactionBytesWritten();
            assertThat(node.eventually(() -> ioBytes(IoClass.COMPACTION, true) == written)).as("all of it, once").isTrue();
            assertThat(node.eventually(() -> node.rocksShard().backgroundRate() == 4 << 20)).as("the shard's part of the cap").isTrue();
            assertThat(node.eventually(() -> !history.isEmpty())).as("in the compaction history").isTrue();
            assertThat(history.get(0).table()).isEqualTo("t_rocks");
            assertThat(history.get(0).bytesOut()).isPositive();
            node.factory().compactionThroughput(0);
            assertThat(node.eventually(() -> node.rocksShard().backgroundRate() == 0)).isTrue();
        }
    }

    private static long memtableBudget(LsmTestNode node) {
        return node.call(() -> node.lsmShard().memory().budget());
    }

    private static long ioBytes(IoClass ioClass, boolean write) {
        var stats = Shard.current().io().stats(ioClass);
        return write ? stats.writes().bytes() : stats.reads().bytes();
    }
}
