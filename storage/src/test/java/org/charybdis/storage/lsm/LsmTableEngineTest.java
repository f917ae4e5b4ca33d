package org.charybdis.storage.lsm;

import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.TestTables;
import org.charybdis.storage.sstable.ChunkCache;
import org.charybdis.storage.sstable.Component;
import org.charybdis.storage.sstable.SSTableReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.storage.engine.TestTables.V1;
import static org.charybdis.storage.engine.TestTables.ck;
import static org.charybdis.storage.engine.TestTables.i;
import static org.charybdis.storage.engine.TestTables.key;

/** Deletions, overwrites and restarts across memtables and SSTables of the LSM engine, scenario by scenario. */
class LsmTableEngineTest {
    private static final long NOW = System.currentTimeMillis() / 1000;
    private final TableLayout layout = TestTables.layout();
    private LsmTestNode node;
    private TableEngine table;

    @BeforeEach
    void open() throws IOException {
        node = new LsmTestNode(4 << 20);
        node.open(List.of(layout));
        table = node.table(layout);
    }

    @AfterEach
    void close() throws IOException {
        node.close();
    }

    @Test
    void partitionDeletionInTheMemtableShadowsAFlushedRow() {
        write(b -> b.row(ck(1, "a")).marker(3, 0, NOW).cell(V1, i(1), 3, 0, NOW));
        node.flush(table);
        write(b -> b.deletePartition(10, NOW));
        assertThat(rows()).isEmpty();
        node.flush(table);
        assertThat(rows()).isEmpty();
        node.compact(table);
        assertThat(rows()).isEmpty();
    }

    @Test
    void rangeTombstoneInOneSSTableShadowsRowsOfAnother() {
        write(b -> b.row(ck(1, "a")).marker(3, 0, NOW).cell(V1, i(1), 3, 0, NOW));
        write(b -> b.row(ck(2, "a")).marker(3, 0, NOW).cell(V1, i(2), 3, 0, NOW));
        node.flush(table);
        write(b -> b.deleteRange(new Slice(ClusteringBound.start(true, i(1)), ClusteringBound.end(true, i(1))), 10, NOW));
        node.flush(table);
        assertThat(rows()).containsExactly("Clustering(0x00000002, 0x61)");
        node.compact(table);
        assertThat(rows()).containsExactly("Clustering(0x00000002, 0x61)");
    }

    @Test
    void rowDeletionAndNewerOverwriteAcrossFlushes() {
        write(b -> b.row(ck(1, "a")).marker(3, 0, NOW).cell(V1, i(1), 3, 0, NOW));
        node.flush(table);
        write(b -> b.row(ck(1, "a")).delete(5, NOW));
        node.flush(table);
        assertThat(rows()).isEmpty();
        write(b -> b.row(ck(1, "a")).cell(V1, i(7), 6, 0, NOW));
        assertThat(rows()).containsExactly("Clustering(0x00000001, 0x61)");
        node.restart(List.of(layout));
        table = node.table(layout);
        assertThat(rows()).containsExactly("Clustering(0x00000001, 0x61)");
    }

    @Test
    void unflushedWritesSurviveARestartThroughTheCommitlog() {
        write(b -> b.row(ck(1, "a")).marker(3, 0, NOW).cell(V1, i(1), 3, 0, NOW));
        node.flush(table);
        write(b -> b.row(ck(2, "a")).marker(4, 0, NOW).cell(V1, i(2), 4, 0, NOW));
        node.restart(List.of(layout));
        table = node.table(layout);
        assertThat(rows()).containsExactly("Clustering(0x00000001, 0x61)", "Clustering(0x00000002, 0x61)");
        node.restart(List.of(layout));
        table = node.table(layout);
        assertThat(rows()).containsExactly("Clustering(0x00000001, 0x61)", "Clustering(0x00000002, 0x61)");
        assertThat(node.stats(table).sstableCount()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void reversedSlicedReadsSeeDeletionsFromEverySource() {
        for (int c = 0; c < 5; c++) {
            int ck1 = c;
            write(b -> b.row(ck(ck1, "b")).marker(3, 0, NOW).cell(V1, i(ck1), 3, 0, NOW));
        }
        node.flush(table);
        write(b -> b.deleteRange(new Slice(ClusteringBound.start(true, i(3)), ClusteringBound.end(true, i(3))), 10, NOW));
        write(b -> b.row(ck(0, "b")).delete(10, NOW));
        List<Slice> slices = List.of(new Slice(ClusteringBound.BOTTOM, ClusteringBound.end(true, i(1))),
                new Slice(ClusteringBound.start(false, i(2)), ClusteringBound.end(false, i(4))));
        for (boolean flushFirst : new boolean[] {false, true}) {
            if (flushFirst) node.flush(table);
            PartitionView view = node.read(table, key(1), ReadFilter.of(slices, true), NOW);
            List<String> out = new ArrayList<>();
            view.rows().forEachRemaining(r -> out.add(r.clustering().toString()));
            assertThat(out).as("flushed %s", flushFirst).containsExactly("Clustering(0x00000001, 0x62)");
        }
    }

    @Test
    void expiringCellsKeepTheirTtlThroughAFlush() {
        write(b -> b.row(ck(4, "a")).cell(V1, i(1), 41, 5, NOW));
        node.flush(table);
        PartitionView view = node.read(table, key(1), ReadFilter.ALL, NOW + 1);
        assertThat(view.rows().next().simpleCell(V1).ttl()).isEqualTo(5);
        assertThat(node.read(table, key(1), ReadFilter.ALL, NOW + 5)).isNull();
        // the same timestamp with a later expiry wins over the expired version, flushed or not
        write(b -> b.row(ck(4, "a")).cell(V1, i(2), 41, 60, NOW + 7));
        node.flush(table);
        node.compact(table);
        view = node.read(table, key(1), ReadFilter.ALL, NOW + 10);
        assertThat(view.rows().next().simpleCell(V1).ttl()).isEqualTo(60);
    }

    @Test
    void readsAndScansWaitingForTheDiskOutliveTheRetirementOfTheirMemtable() {
        write(b -> b.row(ck(0, "a")).marker(1, 0, NOW));
        node.flush(table); // partition 1 now has an SSTable: reading it waits for the disk
        write(b -> b.row(ck(1, "a")).marker(1, 0, NOW).cell(V1, i(1), 1, 0, NOW));
        int[] counts = node.async(() -> {
            var read = table.read(key(1), ReadFilter.ALL, NOW).thenApply(LsmTestNode.Materialized::of);
            List<PartitionView> scanned = new ArrayList<>();
            var scan = table.scan(org.charybdis.storage.dht.TokenRange.FULL_RING, ReadFilter.ALL, NOW)
                    .forEachRemaining(v -> scanned.add(LsmTestNode.Materialized.of(v)));
            // retires the memtable at once, while the read and the scan still wait for the disk to use it
            var truncate = table.truncate();
            return read.thenCombine(scan, (view, ignored) -> new int[] {count(view), count(scanned.getFirst())})
                    .thenCombine(truncate, (c, ignored) -> c);
        });
        assertThat(counts).containsExactly(2, 2);
        assertThat(node.read(table, key(1), ReadFilter.ALL, NOW)).isNull();
    }

    private static int count(PartitionView view) {
        int n = 0;
        for (var it = view.rows(); it.hasNext(); it.next()) n++;
        return n;
    }

    @Test
    void compactedAwayAndDroppedSSTablesLeaveNothingInTheChunkCache() throws InterruptedException {
        ChunkCache cache = node.chunkCache();
        for (int flush = 0; flush < 2; flush++) {
            for (int k = 0; k < 300; k++) {
                PartitionUpdate.Builder b = PartitionUpdate.builder(key(k));
                b.row(ck(flush, "a")).marker(3, 0, NOW).cell(V1, i(k), 3, 0, NOW);
                node.write(table, b.build());
            }
            node.flush(table);
        }
        readEveryKey(300, 2);
        assertThat(cache.sizeBytes(Component.INDEX)).isPositive();
        assertThat(cache.sizeBytes(Component.DATA)).isPositive();

        node.compact(table);
        assertThat(node.eventually(() -> cache.sizeBytes() == 0)).as("the compacted SSTables' chunks and index spans are dropped").isTrue();
        readEveryKey(300, 2);
        assertThat(cache.sizeBytes(Component.INDEX)).as("the compaction's output is read and cached").isPositive();

        node.drop(layout);
        assertThat(node.eventually(() -> cache.sizeBytes() == 0)).as("nothing of a dropped table stays cached").isTrue();
    }

    @Test
    void aRestartWaitsForTheDeletionOfTruncatedSSTables() throws Exception {
        write(b -> b.row(ck(1, "a")).marker(3, 0, NOW).cell(V1, i(1), 3, 0, NOW));
        node.flush(table);
        SSTableReader held = node.call(() -> ((LsmTableEngine) table).sstables().live().getFirst());
        assertThat(held.ref()).isTrue(); // as a slow read would: the files stay until it lets go
        node.async(table::truncate);
        Thread slowRead = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            held.release();
        });
        node.restart(List.of(layout)); // must not list an SSTable whose files are about to go
        slowRead.join();
        table = node.table(layout);
        assertThat(node.stats(table).sstableCount()).isZero();
        assertThat(tableOfContents()).isEmpty();
        assertThat(rows()).isEmpty();
    }

    @Test
    void aStoppedCompactionKeepsItsInputsAndSaysItWasStopped() {
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < 500; k++) {
                PartitionUpdate.Builder b = PartitionUpdate.builder(key(k));
                for (int r = 0; r < 100; r++) b.row(ck(r, "round-" + round)).marker(3, 0, NOW).cell(V1, i(k * r), 3, 0, NOW);
                node.write(table, b.build());
            }
            node.flush(table);
        }
        while (!node.call(() -> table.activeCompactions().isEmpty())) Thread.onSpinWait(); // background ones done
        int sstables = node.stats(table).sstableCount();

        java.util.concurrent.CompletableFuture<Void> major = node.call(table::compact);
        while (!major.isDone() && node.call(() -> table.activeCompactions().isEmpty())) Thread.onSpinWait();
        assertThat(node.call(table::stopCompactions)).as("a compaction was running to stop").isPositive();

        org.assertj.core.api.Assertions.assertThatThrownBy(major::join).hasMessageContaining("was stopped by an operator; its inputs stay");
        assertThat(node.stats(table).sstableCount()).isEqualTo(sstables);
        readEveryKey(500, 300);
    }

    private List<java.nio.file.Path> tableOfContents() throws IOException {
        try (var files = java.nio.file.Files.walk(node.directory().resolve("data"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(Component.TOC.suffix())).toList();
        }
    }

    private void readEveryKey(int keys, int rowsEach) {
        for (int k = 0; k < keys; k++) {
            PartitionView view = node.read(table, key(k), ReadFilter.ALL, NOW);
            List<Object> rows = new ArrayList<>();
            view.rows().forEachRemaining(rows::add);
            assertThat(rows).hasSize(rowsEach);
        }
    }

    private void write(java.util.function.Consumer<PartitionUpdate.Builder> build) {
        PartitionUpdate.Builder b = PartitionUpdate.builder(key(1));
        build.accept(b);
        node.write(table, b.build());
    }

    private List<String> rows() {
        PartitionView view = node.read(table, key(1), ReadFilter.ALL, NOW);
        List<String> out = new ArrayList<>();
        if (view != null) view.rows().forEachRemaining(r -> out.add(r.clustering().toString()));
        return out;
    }
}
