package org.charybdis.storage.lsm;

import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.TestTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.storage.engine.TestTables.V1;
import static org.charybdis.storage.engine.TestTables.ck;
import static org.charybdis.storage.engine.TestTables.i;
import static org.charybdis.storage.engine.TestTables.key;

/**
 * Purging by compaction: tombstones and expired data go once gc_grace_seconds have passed and nothing they
 * shadow can remain outside the compaction; until then they stay and keep shadowing.
 */
class LsmPurgeTest {
    private static final long NOW = System.currentTimeMillis() / 1000;
    private static final int GC_GRACE = 100;
    private final TableLayout base = TestTables.layout();
    private final TableLayout layout = new TableLayout(base.tableId(), base.keyspace(), base.table(), 1, base.clusteringComparator(),
            base.columns(), GC_GRACE, 0);
    private LsmTestNode node;
    private TableEngine table;

    @BeforeEach
    void open() throws IOException {
        node = new LsmTestNode(4 << 20);
        node.clock(NOW);
        node.open(List.of(layout));
        table = node.table(layout);
    }

    @AfterEach
    void close() throws IOException {
        node.close();
    }

    @Test
    void aTombstoneCompactedWithWhatItShadowsIsPurgedAfterGcGrace() {
        write(1, b -> b.row(ck(1, "a")).marker(10, 0, NOW).cell(V1, i(1), 10, 0, NOW));
        node.flush(table);
        write(1, b -> b.deletePartition(20, NOW));
        node.flush(table);

        node.clock(NOW + GC_GRACE - 1);
        node.compact(table);
        assertThat(statsOf().sstableCount()).isEqualTo(1);
        assertThat(onDiskPartitions()).as("before gc_grace the tombstone stays").isEqualTo(1);

        node.clock(NOW + GC_GRACE + 1);
        node.compact(table);
        assertThat(node.read(table, key(1), ReadFilter.ALL, NOW + GC_GRACE + 1)).isNull();
        assertThat(onDiskPartitions()).as("tombstone and shadowed row purged together").isZero();
    }

    @Test
    void aTombstoneIsKeptWhileOlderDataMayRemainOutsideTheCompaction() {
        write(1, b -> b.row(ck(1, "a")).marker(10, 0, NOW).cell(V1, i(1), 10, 0, NOW));
        node.flush(table);
        write(1, b -> b.row(ck(1, "a")).delete(20, NOW));
        node.flush(table);
        write(1, b -> b.row(ck(2, "a")).marker(5, 0, NOW)); // older than the tombstone, still in the memtable

        node.clock(NOW + GC_GRACE + 1);
        node.compact(table); // flushes the memtable too, so it joins the compaction
        assertThat(storedRows()).containsExactly("Clustering(0x00000002, 0x61)");

        write(1, b -> b.row(ck(3, "a")).marker(30, 0, NOW));
        node.flush(table);
        write(1, b -> b.row(ck(3, "a")).delete(40, NOW));
        write(1, b -> b.row(ck(4, "a")).marker(1, 0, NOW)); // older, but flushed by compact() and so inside the compaction
        node.flush(table);
        node.compact(table);
        assertThat(storedRows()).containsExactly("Clustering(0x00000002, 0x61)", "Clustering(0x00000004, 0x61)");
    }

    @Test
    void expiredCellsArePurgedOnceTheirWriteIsOlderThanGcGrace() {
        write(1, b -> b.row(ck(1, "a")).cell(V1, i(1), 10, 5, NOW));
        node.flush(table);
        write(2, b -> b.row(ck(1, "a")).marker(11, 0, NOW));
        node.flush(table);
        node.clock(NOW + 10);
        node.compact(table);
        assertThat(onDiskPartitions()).as("expired but within gc_grace: kept").isEqualTo(2);
        node.clock(NOW + GC_GRACE + 10);
        node.compact(table);
        assertThat(onDiskPartitions()).isEqualTo(1);
        assertThat(node.read(table, key(1), ReadFilter.ALL, NOW + GC_GRACE + 10)).isNull();
        assertThat(node.read(table, key(2), ReadFilter.ALL, NOW + GC_GRACE + 10)).isNotNull();
    }

    /** Clusterings of the rows the SSTables store for partition 1, deletions included. */
    private List<String> storedRows() {
        LsmTableEngine lsm = (LsmTableEngine) table;
        return node.async(() -> {
            List<java.util.concurrent.CompletableFuture<org.charybdis.storage.data.PartitionFragment>> reads = new java.util.ArrayList<>();
            for (var r : lsm.sstables().live()) reads.add(r.read(key(1), List.of(org.charybdis.storage.data.Slice.ALL),
                    org.charybdis.scheduler.io.IoClass.QUERY));
            return java.util.concurrent.CompletableFuture.allOf(reads.toArray(java.util.concurrent.CompletableFuture[]::new)).thenApply(v -> {
                List<String> rows = new java.util.ArrayList<>();
                for (var f : reads) {
                    if (f.join() != null) f.join().rows(org.charybdis.storage.data.Slice.ALL, false).forEachRemaining(r -> rows.add(r.clustering().toString()));
                }
                rows.sort(null);
                return rows;
            });
        });
    }

    private TableEngine.Stats statsOf() {
        return node.stats(table);
    }

    private long onDiskPartitions() {
        LsmTableEngine lsm = (LsmTableEngine) table;
        return node.call(() -> {
            long n = 0;
            for (var r : lsm.sstables().live()) n += r.partitionCount();
            return n;
        });
    }

    private void write(int pk, java.util.function.Consumer<PartitionUpdate.Builder> build) {
        PartitionUpdate.Builder b = PartitionUpdate.builder(key(pk));
        build.accept(b);
        node.write(table, b.build());
    }
}
