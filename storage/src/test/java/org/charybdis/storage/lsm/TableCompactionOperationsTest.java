package org.charybdis.storage.lsm;

import org.charybdis.storage.engine.CompletedCompaction;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.TestTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Compaction throughput, automatic compaction off, single-SSTable rewrites and the history they leave, on one shard. */
class TableCompactionOperationsTest {
    private static final long NOW = System.currentTimeMillis() / 1000;
    private final TableLayout layout = TestTables.layout();
    private final List<CompletedCompaction> history = new CopyOnWriteArrayList<>();
    private LsmTestNode node;
    private TableEngine table;

    @BeforeEach
    void open() throws IOException {
        node = new LsmTestNode(16 << 20);
        node.open(List.of(layout));
        node.factory().onCompaction(history::add);
        table = node.table(layout);
    }

    @AfterEach
    void close() throws IOException {
        node.close();
    }

    @Test
    void aThrottledCompactionTakesAtLeastItsBytesOverTheRate() {
        disableAutoCompaction();
        for (int f = 0; f < 3; f++) {
            node.writeIncompressible(table, f * 1000, 1000, NOW); // about 600 KB a flush, incompressible
            node.flush(table);
        }
        node.factory().compactionThroughput(1 << 20); // 1 MiB/s for the node's one shard

        long started = System.nanoTime();
        node.compact(table);
        double seconds = (System.nanoTime() - started) / 1e9;

        long written = history.getLast().bytesOut();
        assertThat(written).isGreaterThan(1_500_000);
        assertThat(seconds).as("%d bytes at 1 MiB/s", written)
                .isGreaterThanOrEqualTo(written / (double) (1 << 20) - CompactionThrottle.BURST_NANOS / 1e9 - 0.2);
    }

    @Test
    void withAutoCompactionOffFlushesPileUpAndAMajorCompactionStillRuns() {
        disableAutoCompaction();
        for (int f = 0; f < 8; f++) {
            node.writeIncompressible(table, f * 10, 10, NOW);
            node.flush(table);
        }
        assertThat(node.stats(table).sstableCount()).isEqualTo(8);
        assertThat(history).isEmpty();

        node.compact(table);

        assertThat(node.stats(table).sstableCount()).isEqualTo(1);
        assertThat(history).singleElement().satisfies(c -> {
            assertThat(c.keyspace()).isEqualTo(layout.keyspace());
            assertThat(c.table()).isEqualTo(layout.table());
            assertThat(c.rowsMerged()).isEqualTo(java.util.Map.of(1, 80L));
            assertThat(c.bytesIn()).isGreaterThan(c.bytesOut() / 2).isPositive();
        });
        assertThat(node.scan(table, null, ReadFilter.ALL, NOW)).hasSize(80);
    }

    @Test
    void rewritesCompactEachSSTableAloneAndOnlyOutdatedOnesUnlessAll() {
        disableAutoCompaction();
        for (int f = 0; f < 3; f++) {
            node.writeIncompressible(table, f * 10, 10, NOW);
            node.flush(table);
        }
        assertThat(node.<Integer>async(() -> table.rewriteSSTables(false))).as("every SSTable is in the current version").isZero();
        assertThat(history).isEmpty();

        assertThat(node.<Integer>async(() -> table.rewriteSSTables(true))).isEqualTo(3);

        assertThat(node.stats(table).sstableCount()).isEqualTo(3);
        assertThat(history).hasSize(3).allSatisfy(c -> assertThat(c.rowsMerged()).isEqualTo(java.util.Map.of(1, 10L)));
        assertThat(node.scan(table, null, ReadFilter.ALL, NOW)).hasSize(30);
    }

    private void disableAutoCompaction() {
        node.call(() -> {
            table.autoCompaction(false);
            return null;
        });
        assertThat(node.<Boolean>call(() -> table.autoCompaction())).isFalse();
    }

}
