package org.charybdis.storage.lsm;

import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.RowUpdate;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.PartitionScanner;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.ReadLimit;
import org.charybdis.storage.engine.StorageParams;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.TestTables;
import org.charybdis.storage.memory.MemoryTableEngine;
import org.charybdis.storage.memtable.Rendering;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.storage.engine.TestTables.S;
import static org.charybdis.storage.engine.TestTables.V1;
import static org.charybdis.storage.engine.TestTables.V2;
import static org.charybdis.storage.engine.TestTables.ck;
import static org.charybdis.storage.engine.TestTables.i;
import static org.charybdis.storage.engine.TestTables.intOf;
import static org.charybdis.storage.engine.TestTables.key;

/**
 * Reads that stop at a limit, on large partitions spread over many SSTables and the memtable with overwrites, row,
 * range and partition deletions, expiring cells and a static row: read on after each truncated view's last row, as
 * a pager does, they give exactly the rows of a full read and of the in-memory engine; a truncated view holds at least
 * its limit; a small limit at either end of a large partition stops long before the partition's end, and the first
 * page of a partition thousands of chunks long reads a few dozen of them, wherever the page starts.
 */
class PartitionReadTest {
    private static final long NOW = 1_700_000_000L;
    private static final int CLUSTERINGS = 3000;
    private static final int KEYS = 2;
    private static final String[] CK2 = {"x", "y"};
    /** Compaction off, so that every flush stays an SSTable of its own; 4 KiB chunks. */
    private static final TableLayout LAYOUT = TestTables.layout().withStorageParams(new StorageParams(
            Map.of("class", "UnifiedCompactionStrategy", "enabled", "false"),
            Map.of("class", "LZ4Compressor", "chunk_length_in_kb", "4"), 0.01));

    @Test
    void limitedReadsReadOnGiveWhatFullReadsGive() throws Exception {
        for (int seed = 1; seed <= 3; seed++) {
            try (LsmTestNode node = new LsmTestNode(64 << 20)) {
                node.open(List.of(LAYOUT));
                TableEngine lsm = node.table(LAYOUT);
                MemoryTableEngine memory = new MemoryTableEngine(LAYOUT);
                SplittableRandom random = new SplittableRandom(seed);
                for (int batch = 0; batch < 10; batch++) {
                    for (int write = 0; write < 30; write++) {
                        PartitionUpdate update = randomUpdate(random, batch, 10);
                        node.write(lsm, update);
                        memory.apply(update);
                    }
                    if (batch < 9) node.flush(lsm);
                }
                assertThat(node.stats(lsm).sstableCount()).isGreaterThanOrEqualTo(9);
                for (ReadFilter filter : filters()) {
                    for (ReadLimit limit : List.of(ReadLimit.rows(1), ReadLimit.rows(10), ReadLimit.rows(137), ReadLimit.rows(2000),
                            new ReadLimit(50, 3000))) {
                        for (int k = 0; k < KEYS; k++) {
                            DecoratedKey key = key(k);
                            String context = "seed " + seed + " key " + k + " filter " + filter + " limit " + limit;
                            String expected = Rendering.of(memory.read(key, filter, NOW).join());
                            assertThat(Rendering.of(node.read(lsm, key, filter, NOW))).as(context).isEqualTo(expected);
                            assertThat(readOn(node, lsm, key, filter, limit)).as(context).isEqualTo(expected);
                        }
                        assertThat(scanOn(node, lsm, filter, limit)).as("scan, seed " + seed + " filter " + filter + " limit " + limit)
                                .isEqualTo(scan(memory, filter));
                    }
                }
            }
        }
    }

    @Test
    void aSmallLimitAtEitherEndOfAFlushedPartitionStopsEarly() throws Exception {
        try (LsmTestNode node = new LsmTestNode(64 << 20)) {
            node.open(List.of(LAYOUT));
            TableEngine lsm = node.table(LAYOUT);
            for (int sstable = 0; sstable < 3; sstable++) {
                for (int from = sstable; from < CLUSTERINGS; from += 150) {
                    PartitionUpdate.Builder b = PartitionUpdate.builder(key(1));
                    for (int c = from; c < Math.min(CLUSTERINGS, from + 150); c += 3)
                        b.row(ck(c, "x")).marker(10, 0, NOW).cell(V1, value(new SplittableRandom(c)), 10, 0, NOW);
                    node.write(lsm, b.build());
                }
                node.flush(lsm);
            }
            // the first 100 rows are deleted in the memtable: a limit at the start reads on past them
            PartitionUpdate.Builder deletion = PartitionUpdate.builder(key(1));
            deletion.deleteRange(new Slice(ClusteringBound.BOTTOM, ClusteringBound.end(false, i(100))), 20, NOW);
            node.write(lsm, deletion.build());

            Limited start = node.async(() -> lsm.read(key(1), ReadFilter.ALL, NOW, ReadLimit.rows(10)).thenApply(Limited::of));
            assertThat(start.truncated()).isTrue();
            assertThat(start.clusterings()).hasSizeGreaterThanOrEqualTo(10).hasSizeLessThan(CLUSTERINGS / 10);
            assertThat(start.clusterings().subList(0, 10)).containsExactly(100, 101, 102, 103, 104, 105, 106, 107, 108, 109);

            ReadFilter reversed = ReadFilter.of(List.of(Slice.ALL), true);
            Limited end = node.async(() -> lsm.read(key(1), reversed, NOW, ReadLimit.rows(10)).thenApply(Limited::of));
            assertThat(end.truncated()).isTrue();
            assertThat(end.clusterings()).hasSizeGreaterThanOrEqualTo(10).hasSizeLessThan(CLUSTERINGS / 10);
            assertThat(end.clusterings().getFirst()).isEqualTo(CLUSTERINGS - 1);

            Limited all = node.async(() -> lsm.read(key(1), reversed, NOW, ReadLimit.NONE).thenApply(Limited::of));
            assertThat(all.truncated()).isFalse();
            assertThat(all.clusterings()).hasSize(CLUSTERINGS - 100);
        }
    }

    @Test
    void aScanReadsALargeFlushedPartitionOnlyAsFarAsItsLimit() throws Exception {
        try (LsmTestNode node = new LsmTestNode(64 << 20)) {
            node.open(List.of(LAYOUT));
            TableEngine lsm = node.table(LAYOUT);
            MemoryTableEngine memory = new MemoryTableEngine(LAYOUT);
            for (int sstable = 0; sstable < 3; sstable++) {
                for (int from = sstable; from < CLUSTERINGS; from += 150) {
                    PartitionUpdate.Builder b = PartitionUpdate.builder(key(1));
                    for (int c = from; c < Math.min(CLUSTERINGS, from + 150); c += 3)
                        b.row(ck(c, "x")).marker(10, 0, NOW).cell(V1, value(new SplittableRandom(c)), 10, 0, NOW);
                    both(node, lsm, memory, b.build());
                }
                // small partitions around it, in every SSTable and in the memtable
                for (int k = 2 + sstable; k < 60; k += 4) both(node, lsm, memory, smallPartition(k, sstable));
                node.flush(lsm);
            }
            for (int k = 5; k < 60; k += 4) both(node, lsm, memory, smallPartition(k, 3));

            List<Limited> scanned = scanned(node, lsm, ReadFilter.ALL, ReadLimit.rows(10));
            assertThat(scanned).hasSize(59);
            for (Limited partition : scanned) {
                if (partition.key().equals(key(1))) {
                    assertThat(partition.truncated()).as("the large partition").isTrue();
                    assertThat(partition.clusterings()).hasSizeGreaterThanOrEqualTo(10).hasSizeLessThan(CLUSTERINGS / 10);
                    assertThat(partition.clusterings().subList(0, 3)).containsExactly(0, 1, 2);
                } else {
                    assertThat(partition.truncated()).as("a small partition").isFalse();
                    assertThat(partition.rows()).hasSize(4);
                }
            }
            List<Limited> whole = scanned(node, lsm, ReadFilter.ALL, ReadLimit.NONE);
            assertThat(whole).filteredOn(p -> p.key().equals(key(1))).singleElement()
                    .satisfies(p -> assertThat(p.truncated()).isFalse())
                    .satisfies(p -> assertThat(p.rows()).hasSize(CLUSTERINGS));
            for (ReadFilter filter : filters()) {
                for (ReadLimit limit : List.of(ReadLimit.rows(1), ReadLimit.rows(10), ReadLimit.NONE))
                    assertThat(scanOn(node, lsm, filter, limit)).as("filter " + filter + " limit " + limit).isEqualTo(scan(memory, filter));
            }
        }
    }

    @Test
    void aPartitionFarLargerThanAPageReadsPageByPageEveryRowOnceInOrder() throws Exception {
        int rows = 12_000;
        try (LsmTestNode node = new LsmTestNode(64 << 20)) {
            node.open(List.of(LAYOUT));
            TableEngine lsm = node.table(LAYOUT);
            MemoryTableEngine memory = new MemoryTableEngine(LAYOUT);
            // three SSTables holding every third row each, with deletions that span many blocks of the others
            for (int sstable = 0; sstable < 3; sstable++) {
                for (int from = sstable; from < rows; from += 600) {
                    PartitionUpdate.Builder b = PartitionUpdate.builder(key(1));
                    for (int c = from; c < Math.min(rows, from + 600); c += 3)
                        b.row(ck(c, "x")).marker(10, 0, NOW).cell(V1, value(new SplittableRandom(c)), 10, 0, NOW);
                    both(node, lsm, memory, b.build());
                }
                PartitionUpdate.Builder deletions = PartitionUpdate.builder(key(1));
                if (sstable == 0) deletions.staticRow().cell(S, i(7), 10, 0, NOW);
                if (sstable == 1) for (int c = 8000; c < 8300; c++) deletions.row(ck(c, "x")).delete(30, NOW);
                if (sstable == 2) deletions.deleteRange(new Slice(ClusteringBound.start(true, i(5000)), ClusteringBound.end(false, i(6000))), 15, NOW);
                both(node, lsm, memory, deletions.build());
                node.flush(lsm);
            }
            // the memtable: newer versions of some rows (over the range deletion too), another range deletion, rows past the end
            PartitionUpdate.Builder b = PartitionUpdate.builder(key(1));
            for (int c = 0; c < rows + 200; c += 7) b.row(ck(c, "y")).marker(40, 0, NOW).cell(V2, i(c), 40, 0, NOW);
            for (int c = 4990; c < 5100; c++) b.row(ck(c, "x")).cell(V2, i(-c), 20, 0, NOW);
            b.deleteRange(new Slice(ClusteringBound.start(false, i(11_000)), ClusteringBound.end(true, i(11_500))), 50, NOW);
            both(node, lsm, memory, b.build());
            assertThat(node.stats(lsm).sstableCount()).isEqualTo(3);

            Slice middle = new Slice(ClusteringBound.start(true, i(3000)), ClusteringBound.end(false, i(9000)));
            Slice later = new Slice(ClusteringBound.start(false, i(10_990), TestTables.t("x")), ClusteringBound.end(true, i(11_600)));
            for (ReadFilter filter : List.of(ReadFilter.ALL, ReadFilter.of(List.of(Slice.ALL), true), ReadFilter.of(List.of(middle), false),
                    ReadFilter.of(List.of(middle, later), true))) {
                String expected = Rendering.of(memory.read(key(1), filter, NOW).join());
                for (ReadLimit page : List.of(ReadLimit.rows(137), new ReadLimit(5000, 64 * 1024)))
                    assertThat(readOn(node, lsm, key(1), filter, page)).as(filter + " by " + page).isEqualTo(expected);
                assertThat(Rendering.of(node.read(lsm, key(1), filter, NOW))).as(filter + " unlimited").isEqualTo(expected);
            }
        }
    }

    /**
     * Long clustering keys make the row index itself hundreds of chunks long (an entry holds two of them): a read that
     * decoded it whole would read all of them for every page.
     */
    @Test
    void theFirstPageOfAHugePartitionReadsAFewChunksWhereverItStarts() throws Exception {
        int rows = 8000;
        String wide = "k".repeat(1500);
        try (LsmTestNode node = new LsmTestNode(64 << 20)) {
            node.open(List.of(LAYOUT));
            TableEngine lsm = node.table(LAYOUT);
            for (int from = 0; from < rows; from += 50) {
                PartitionUpdate.Builder b = PartitionUpdate.builder(key(1));
                for (int c = from; c < from + 50; c++) b.row(ck(c, wide)).marker(10, 0, NOW).cell(V1, value(new SplittableRandom(c)), 10, 0, NOW);
                node.write(lsm, b.build());
            }
            node.flush(lsm);
            for (int from = 0; from < rows; from += 500) {
                PartitionUpdate.Builder newer = PartitionUpdate.builder(key(1));
                for (int c = from; c < from + 500; c += 10) newer.row(ck(c, wide)).cell(V2, i(c), 20, 0, NOW);
                node.write(lsm, newer.build());
            }
            node.flush(lsm);
            for (int c = 0; c < rows; c += 1000) {
                PartitionUpdate.Builder memtable = PartitionUpdate.builder(key(1));
                memtable.row(ck(c, "z")).marker(30, 0, NOW);
                node.write(lsm, memtable.build());
            }
            long chunks = node.call(() -> {
                long total = 0;
                for (var sstable : ((LsmTableEngine) lsm).sstables().live()) total += sstable.uncompressedSize() / 4096;
                return total;
            });
            assertThat(chunks).as("chunks in the SSTables").isGreaterThan(3000);

            Slice fromMiddle = new Slice(ClusteringBound.start(true, i(rows / 2)), ClusteringBound.TOP);
            Slice toMiddle = new Slice(ClusteringBound.BOTTOM, ClusteringBound.end(true, i(rows / 2)));
            for (ReadFilter filter : List.of(ReadFilter.ALL, ReadFilter.of(List.of(Slice.ALL), true), ReadFilter.of(List.of(fromMiddle), false),
                    ReadFilter.of(List.of(toMiddle), true))) {
                long before = chunksRead(node, lsm);
                Limited page = readPage(node, lsm, filter, 20);
                assertThat(page.truncated()).isTrue();
                assertThat(page.rows()).hasSizeGreaterThanOrEqualTo(20);
                // per SSTable: the header, the row index's count, a binary search of its entries, the blocks of 20 rows
                assertThat(chunksRead(node, lsm) - before).as("chunks read by the first page, " + filter).isLessThan(80);
            }
            long before = chunksRead(node, lsm);
            ReadFilter next = ReadFilter.ALL;
            int pages = 0;
            long mostPerPage = 0;
            for (Limited page; (page = readPage(node, lsm, next, 100)) != null && page.truncated(); pages++) {
                long now = chunksRead(node, lsm);
                mostPerPage = Math.max(mostPerPage, now - before);
                before = now;
                next = after(next, page.rows().getLast());
            }
            assertThat(pages).isGreaterThan(rows / 100 - 5);
            // a page's 100 rows are about 45 chunks of data
            assertThat(mostPerPage).as("chunks read by the largest of %d pages", pages).isLessThan(200);
        }
    }

    @Test
    void aPageReadsNoBlockOfAnSSTableWhoseRowsAllComeAfterIt() throws Exception {
        try (LsmTestNode node = new LsmTestNode(64 << 20)) {
            node.open(List.of(LAYOUT));
            TableEngine lsm = node.table(LAYOUT);
            for (int sstable = 0; sstable < 3; sstable++) { // rows written in order: each SSTable holds a third of them
                for (int from = sstable * 3000; from < (sstable + 1) * 3000; from += 300) {
                    PartitionUpdate.Builder b = PartitionUpdate.builder(key(1));
                    for (int c = from; c < from + 300; c++) b.row(ck(c, "x")).marker(10, 0, NOW).cell(V1, value(new SplittableRandom(c)), 10, 0, NOW);
                    node.write(lsm, b.build());
                }
                node.flush(lsm);
            }
            for (boolean reversed : new boolean[] {false, true}) {
                List<Long> before = chunksReadBySSTable(node, lsm);
                Limited page = readPage(node, lsm, ReadFilter.of(List.of(Slice.ALL), reversed), 50);
                assertThat(page.clusterings().getFirst()).isEqualTo(reversed ? 8999 : 0);
                List<Long> after = chunksReadBySSTable(node, lsm);
                List<Long> read = new ArrayList<>();
                for (int i = 0; i < after.size(); i++) read.add(after.get(i) - before.get(i));
                // in the read's order: the SSTable holding the page's rows, then two that only had their header and row index count read
                List<Long> inOrder = reversed ? read.reversed() : read;
                assertThat(inOrder.getFirst()).as("chunks read per SSTable: %s", read).isGreaterThan(2);
                assertThat(inOrder.subList(1, 3)).as("chunks read per SSTable: %s", read).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
            }
        }
    }

    /** Data.db chunks each SSTable has read from disk, oldest SSTable first. */
    private static List<Long> chunksReadBySSTable(LsmTestNode node, TableEngine lsm) {
        return node.call(() -> {
            List<org.charybdis.storage.sstable.SSTableReader> live = new ArrayList<>(((LsmTableEngine) lsm).sstables().live());
            live.sort(java.util.Comparator.comparingLong(org.charybdis.storage.sstable.SSTableReader::generation));
            List<Long> read = new ArrayList<>();
            for (var sstable : live) read.add(sstable.chunksReadFromDisk());
            return read;
        });
    }

    private static Limited readPage(LsmTestNode node, TableEngine lsm, ReadFilter filter, int rows) {
        return node.async(() -> lsm.read(key(1), filter, NOW, ReadLimit.rows(rows)).thenApply(Limited::of));
    }

    /** Data.db chunks the table's SSTables have read from disk. */
    private static long chunksRead(LsmTestNode node, TableEngine lsm) {
        return node.call(() -> {
            long total = 0;
            for (var sstable : ((LsmTableEngine) lsm).sstables().live()) total += sstable.chunksReadFromDisk();
            return total;
        });
    }

    private static void both(LsmTestNode node, TableEngine lsm, MemoryTableEngine memory, PartitionUpdate update) {
        node.write(lsm, update);
        memory.apply(update);
    }

    /** Four rows, written in round {@code round}. */
    private static PartitionUpdate smallPartition(int k, int round) {
        PartitionUpdate.Builder b = PartitionUpdate.builder(key(k));
        for (int c = 0; c < 4; c++) b.row(ck(c * 10 + round, "y")).marker(10, 0, NOW).cell(V2, i(k), 10, 0, NOW);
        return b.build();
    }

    /** Every partition of the ring, each as a scan with this limit returns it. */
    private static List<Limited> scanned(LsmTestNode node, TableEngine lsm, ReadFilter filter, ReadLimit limit) {
        PartitionScanner scanner = node.call(() -> lsm.scan(TokenRange.FULL_RING, filter, NOW));
        try {
            List<Limited> partitions = new ArrayList<>();
            for (Limited view; (view = node.async(() -> scanner.next(limit).thenApply(Limited::of))) != null; ) partitions.add(view);
            return partitions;
        } finally {
            node.call(() -> {
                scanner.close();
                return null;
            });
        }
    }

    /** Every partition of the ring in full: scanned with the limit, each truncated one read on as a pager does. */
    private static List<String> scanOn(LsmTestNode node, TableEngine lsm, ReadFilter filter, ReadLimit limit) {
        List<String> partitions = new ArrayList<>();
        for (Limited view : scanned(node, lsm, filter, limit)) partitions.add(readOn(node, lsm, view.key(), filter, limit, view));
        return partitions;
    }

    private static List<String> scan(MemoryTableEngine memory, ReadFilter filter) {
        List<String> partitions = new ArrayList<>();
        memory.scan(TokenRange.FULL_RING, filter, NOW).forEachRemaining(view -> partitions.add(Rendering.of(view))).join();
        return partitions;
    }

    /** Every row, read limit by limit, each read going on after the previous view's last row, as a pager does. */
    private static String readOn(LsmTestNode node, TableEngine lsm, DecoratedKey key, ReadFilter filter, ReadLimit limit) {
        return readOn(node, lsm, key, filter, limit, null);
    }

    /** Like {@link #readOn(LsmTestNode, TableEngine, DecoratedKey, ReadFilter, ReadLimit)}, starting with a view a scan returned. */
    private static String readOn(LsmTestNode node, TableEngine lsm, DecoratedKey key, ReadFilter filter, ReadLimit limit, Limited scanned) {
        List<String> rows = new ArrayList<>();
        String first = null;
        ReadFilter next = filter;
        for (int reads = 0; ; reads++) {
            assertThat(reads).as("reads of one partition").isLessThan(10_000);
            ReadFilter current = next;
            Limited view = reads == 0 && scanned != null ? scanned : node.async(() -> lsm.read(key, current, NOW, limit).thenApply(Limited::of));
            if (view == null) {
                if (first == null) return null;
                break;
            }
            if (first == null) first = view.header();
            rows.addAll(view.rendered());
            if (!view.truncated()) break;
            long bytes = 0;
            for (Row row : view.rows()) bytes += row.valueBytes();
            assertThat(view.rows().size() >= limit.rows() || bytes >= limit.bytes()).as("a truncated view holds its limit").isTrue();
            next = after(current, view.rows().getLast());
        }
        return first + " rows=" + rows;
    }

    /** The filter's slices after the row, in the filter's order. */
    private static ReadFilter after(ReadFilter filter, Row last) {
        List<Slice> slices = new ArrayList<>();
        var comparator = LAYOUT.clusteringComparator();
        for (Slice s : filter.slices()) {
            Slice cut = filter.reversed() ? new Slice(s.start(), min(ClusteringBound.end(false, last.clustering()), s.end()))
                    : new Slice(max(ClusteringBound.start(false, last.clustering()), s.start()), s.end());
            if (!comparator.isEmpty(cut)) slices.add(cut);
        }
        return new ReadFilter(slices, filter.reversed(), filter.columns(), filter.fetchStatic());
    }

    private static ClusteringBound min(ClusteringBound a, ClusteringBound b) {
        return LAYOUT.clusteringComparator().compare(a, b) <= 0 ? a : b;
    }

    private static ClusteringBound max(ClusteringBound a, ClusteringBound b) {
        return LAYOUT.clusteringComparator().compare(a, b) >= 0 ? a : b;
    }

    private static List<ReadFilter> filters() {
        Slice middle = new Slice(ClusteringBound.start(true, i(700)), ClusteringBound.end(false, i(2300)));
        Slice low = new Slice(ClusteringBound.BOTTOM, ClusteringBound.end(true, i(400)));
        Slice high = new Slice(ClusteringBound.start(false, i(1200), TestTables.t("x")), ClusteringBound.end(true, i(1900)));
        Slice top = new Slice(ClusteringBound.start(true, i(2800)), ClusteringBound.TOP);
        BitSet v2 = new BitSet();
        v2.set(V2);
        return List.of(ReadFilter.ALL, ReadFilter.of(List.of(Slice.ALL), true),
                ReadFilter.of(List.of(middle), false), ReadFilter.of(List.of(middle), true),
                ReadFilter.of(List.of(low, high, top), false), ReadFilter.of(List.of(low, high, top), true),
                new ReadFilter(List.of(Slice.ALL), false, v2, false));
    }

    /**
     * Mostly rows of 200-byte values, some overwrites with older or newer timestamps, row deletions, short range
     * deletions, expiring cells (some expired by {@link #NOW}), static cells, and now and then a partition deletion.
     */
    private static PartitionUpdate randomUpdate(SplittableRandom random, int batch, int ops) {
        PartitionUpdate.Builder b = PartitionUpdate.builder(key(random.nextInt(KEYS)));
        for (int op = 0; op < ops; op++) {
            long ts = batch * 1000L + random.nextInt(1500);
            int c = random.nextInt(CLUSTERINGS);
            RowUpdate row = b.row(ck(c, CK2[random.nextInt(CK2.length)]));
            int kind = random.nextInt(100);
            if (kind < 60) row.marker(ts, 0, NOW).cell(V1, value(random), ts, 0, NOW);
            else if (kind < 70) row.cell(V2, i(c), ts, 0, NOW);
            else if (kind < 78) row.delete(ts, NOW);
            else if (kind < 84) row.cell(V1, value(random), ts, 20, NOW - random.nextInt(40));
            else if (kind < 88) row.deleteCell(V1, ts, NOW);
            else if (kind < 92) b.deleteRange(new Slice(ClusteringBound.start(true, i(c)), ClusteringBound.end(random.nextBoolean(), i(c + random.nextInt(60)))), ts, NOW);
            else if (kind < 99) b.staticRow().cell(S, i(c), ts, 0, NOW);
            else b.deletePartition(ts - 500, NOW);
        }
        return b.build();
    }

    private static ByteBuffer value(SplittableRandom random) {
        byte[] bytes = new byte[200];
        random.nextBytes(bytes);
        return ByteBuffer.wrap(bytes);
    }

    /** A read's result taken on the shard, with whether it stopped at its limit. */
    private record Limited(DecoratedKey key, String header, List<Row> rows, List<String> rendered, boolean truncated) {
        static Limited of(PartitionView view) {
            if (view == null) return null;
            List<Row> rows = new ArrayList<>();
            List<String> rendered = new ArrayList<>();
            view.rows().forEachRemaining(row -> {
                rows.add(row);
                rendered.add(Rendering.of(row));
            });
            String all = Rendering.of(new LsmTestNode.Materialized(view.key(), view.staticRow(), List.of()));
            return new Limited(view.key(), all.substring(0, all.indexOf(" rows=")), rows, rendered, view.truncated());
        }

        List<Integer> clusterings() {
            List<Integer> out = new ArrayList<>();
            for (Row row : rows) out.add(intOf(row.clustering().get(0)));
            return out;
        }
    }
}
