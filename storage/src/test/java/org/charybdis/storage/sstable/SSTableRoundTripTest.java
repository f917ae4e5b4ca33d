package org.charybdis.storage.sstable;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.TestTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.storage.engine.TestTables.M;
import static org.charybdis.storage.engine.TestTables.S;
import static org.charybdis.storage.engine.TestTables.V1;
import static org.charybdis.storage.engine.TestTables.V2;
import static org.charybdis.storage.engine.TestTables.ck;
import static org.charybdis.storage.engine.TestTables.i;
import static org.charybdis.storage.engine.TestTables.key;
import static org.charybdis.storage.engine.TestTables.t;

/** Every data shape written and read back: stored shape and live read results must match the in-memory source. */
class SSTableRoundTripTest {
    private static final long NOW = 1_700_000_000L;
    private static final TableLayout LAYOUT = TestTables.layout();
    private static OnShard shard;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() { shard = new OnShard(); }

    @AfterAll
    static void stop() { shard.close(); }

    static Stream<CompressionParams> compressions() {
        return Stream.of(CompressionParams.DEFAULT, CompressionParams.zstd(4096, 3), CompressionParams.none(4096),
                CompressionParams.lz4(1024));
    }

    static List<TestPartition> everyShape() {
        List<TestPartition> partitions = new ArrayList<>();
        partitions.add(TestPartition.of(key(1), LAYOUT, b -> {
            b.staticRow().cell(S, i(100), 10, 0, NOW);
            b.row(ck(1, "a")).marker(10, 0, NOW).cell(V1, i(1), 10, 0, NOW).cell(V2, i(2), 11, 0, NOW);
            b.row(ck(1, "b")).cell(V1, i(3), 12, 3600, NOW);
            b.row(ck(2, "z")).marker(13, 60, NOW).cell(V2, i(4), 13, 60, NOW);
        }));
        partitions.add(TestPartition.of(key(2), LAYOUT, b -> {
            b.deletePartition(20, NOW);
            b.row(ck(1, "a")).marker(19, 0, NOW).cell(V1, i(5), 19, 0, NOW);
            b.row(ck(1, "c")).marker(21, 0, NOW).cell(V1, i(6), 21, 0, NOW);
        }));
        partitions.add(TestPartition.of(key(3), LAYOUT, b -> {
            for (int c = 0; c < 10; c++) b.row(ck(c, "x")).marker(30, 0, NOW).cell(V1, i(c), 30, 0, NOW);
            b.deleteRange(new Slice(ClusteringBound.start(true, i(2)), ClusteringBound.end(false, i(5))), 31, NOW);
            b.deleteRange(new Slice(ClusteringBound.start(false, i(7)), ClusteringBound.TOP), 29, NOW);
            b.deleteRange(new Slice(ClusteringBound.start(true, i(20)), ClusteringBound.end(true, i(30))), 35, NOW);
        }));
        partitions.add(TestPartition.of(key(4), LAYOUT, b -> {
            b.row(ck(1, "a")).cell(V1, i(7), 40, 0, NOW).deleteCell(V2, 41, NOW)
                    .cell(M, t("k1"), i(1), 40, 0, NOW).cell(M, t("k2"), i(2), 42, 0, NOW).deleteCell(M, t("k3"), 42, NOW)
                    .deleteComplex(M, 39, NOW);
            b.row(ck(1, "b")).delete(43, NOW);
            b.row(ck(1, "c")).marker(44, 0, NOW).deleteCell(V1, 45, NOW);
        }));
        partitions.add(TestPartition.of(key(5), LAYOUT, b -> b.deletePartition(50, NOW)));
        partitions.add(TestPartition.of(key(6), LAYOUT, b -> b.staticRow().cell(S, i(6), 60, 0, NOW).deleteCell(S, 59, NOW)));
        partitions.add(TestPartition.of(key(7), LAYOUT, b -> b.row(ck(3, "q")).marker(70, 10, NOW - 100).cell(V1, i(1), 70, 10, NOW - 100)));
        for (int k = 100; k < 400; k++) {
            int pk = k;
            partitions.add(TestPartition.of(key(pk), LAYOUT, b -> b.row(ck(pk % 7, "r" + pk)).marker(pk, 0, NOW).cell(V1, i(pk), pk, 0, NOW)));
        }
        partitions.sort(Comparator.comparing(TestPartition::key));
        return partitions;
    }

    static List<ReadFilter> filters() {
        Slice oneToTwo = new Slice(ClusteringBound.start(true, i(1)), ClusteringBound.end(true, i(2)));
        Slice sevenUp = new Slice(ClusteringBound.start(true, i(7)), ClusteringBound.TOP);
        Slice exact = Slice.exactly(ck(1, "a"));
        return List.of(ReadFilter.ALL, ReadFilter.of(List.of(Slice.ALL), true), ReadFilter.of(List.of(oneToTwo), false),
                ReadFilter.of(List.of(oneToTwo, sevenUp), true), ReadFilter.of(List.of(exact), false));
    }

    @ParameterizedTest
    @MethodSource("compressions")
    void everyShapeReadsBackAsWritten(CompressionParams compression) {
        SSTableFixture fixture = new SSTableFixture(shard, directory, new ChunkCache(1 << 20));
        List<TestPartition> partitions = everyShape();
        SSTableReader reader = fixture.write(1, compression, partitions);

        for (TestPartition expected : partitions) {
            PartitionFragment whole = shard.call(() -> reader.read(expected.key(), List.of(Slice.ALL), IoClass.QUERY));
            assertThat(Describe.stored(whole)).isEqualTo(Describe.stored(expected));
            for (ReadFilter filter : filters()) {
                PartitionFragment sliced = shard.call(() -> reader.read(expected.key(), filter.slices(), IoClass.QUERY));
                assertThat(Describe.live(sliced, LAYOUT, filter, NOW))
                        .as("%s with %s", expected.key(), filter)
                        .isEqualTo(Describe.live(expected, LAYOUT, filter, NOW));
            }
        }
        assertThat(shard.call(() -> reader.read(key(99_999), List.of(Slice.ALL), IoClass.QUERY))).isNull();
        shard.get(() -> { reader.release(); return null; });
    }

    @Test
    void aPointReadOfCachedDataFinishesOnTheShardWithoutIo() {
        SSTableFixture fixture = new SSTableFixture(shard, directory, new ChunkCache(1 << 20));
        List<TestPartition> partitions = everyShape();
        SSTableReader reader = fixture.write(1, CompressionParams.DEFAULT, partitions);
        TestPartition expected = partitions.get(partitions.size() / 2);
        shard.call(() -> reader.read(expected.key(), List.of(Slice.ALL), IoClass.QUERY)); // fills the index span and the chunks
        // completed before the call returns: neither Index.db nor Data.db went to an IO thread
        PartitionFragment again = shard.get(() -> {
            CompletableFuture<PartitionFragment> read = reader.read(expected.key(), List.of(Slice.ALL), IoClass.QUERY);
            assertThat(read).as("answered from the chunk cache").isCompleted();
            return read.join();
        });
        assertThat(Describe.stored(again)).isEqualTo(Describe.stored(expected));
        shard.get(() -> { reader.release(); return null; });
    }

    @Test
    void scannerReturnsEveryPartitionInTokenOrderAndHonoursRangeAndAfter() {
        SSTableFixture fixture = new SSTableFixture(shard, directory, null);
        List<TestPartition> partitions = everyShape();
        SSTableReader reader = fixture.write(1, CompressionParams.lz4(4096), partitions);

        List<PartitionFragment> all = fixture.scan(reader, TokenRange.FULL_RING, null);
        assertThat(all).extracting(Describe::stored).containsExactlyElementsOf(partitions.stream().map(Describe::stored).toList());

        long from = partitions.get(50).key().token();
        long to = partitions.get(250).key().token();
        DecoratedKey after = partitions.get(60).key();
        List<PartitionFragment> some = fixture.scan(reader, TokenRange.openClosed(from, to), after);
        assertThat(some).extracting(PartitionFragment::key)
                .containsExactlyElementsOf(partitions.subList(61, 251).stream().map(TestPartition::key).toList());

        assertThat(fixture.scan(reader, TokenRange.openClosed(from, from), null)).isEmpty();
        assertThat(fixture.scan(reader, TokenRange.FULL_RING, partitions.getLast().key())).isEmpty();
        shard.get(() -> { reader.release(); return null; });
    }

    @Test
    void statisticsDescribeTheContent() {
        SSTableFixture fixture = new SSTableFixture(shard, directory, null);
        List<TestPartition> partitions = everyShape();
        SSTableReader reader = fixture.write(7, CompressionParams.DEFAULT, partitions, 12345L, Set.of(3L, 5L));

        SSTableStatistics stats = reader.statistics();
        assertThat(reader.generation()).isEqualTo(7);
        assertThat(reader.partitionCount()).isEqualTo(partitions.size());
        assertThat(reader.firstKey()).isEqualTo(partitions.getFirst().key());
        assertThat(reader.lastKey()).isEqualTo(partitions.getLast().key());
        assertThat(reader.commitLogUpperBound()).isEqualTo(12345L);
        assertThat(reader.ancestors()).containsExactly(3L, 5L);
        assertThat(reader.minTimestamp()).isEqualTo(10);
        assertThat(reader.maxTimestamp()).isEqualTo(399);
        assertThat(reader.maxLocalDeletionTime()).isEqualTo(Long.MAX_VALUE);
        assertThat(stats.minLocalDeletionTime()).isEqualTo(NOW - 90);
        assertThat(stats.minTtl()).isZero();
        assertThat(stats.maxTtl()).isEqualTo(3600);
        assertThat(stats.hasStaticRows()).isTrue();
        assertThat(stats.hasPartitionDeletions()).isTrue();
        assertThat(stats.partitionTombstones()).isEqualTo(2);
        assertThat(stats.rangeTombstones()).isEqualTo(3);
        assertThat(stats.rowTombstones()).isEqualTo(1);
        assertThat(stats.complexDeletions()).isEqualTo(1);
        assertThat(stats.cellTombstones()).isEqualTo(3); // the static tombstone at 59 lost to the value at 60
        // The range tombstone (7..TOP] is open-ended: the max bound must cover it, not stop at the last row.
        assertThat(stats.maxClustering()).isEqualTo(ClusteringBound.TOP);
        assertThat(stats.minClustering()).isEqualTo(ClusteringBound.start(true, ck(0, "x")));
        // Deletion times are rounded up to the minute: never counted droppable early.
        assertThat(reader.estimatedDroppableTombstones(NOW + 60)).isGreaterThanOrEqualTo(stats.tombstoneCount());
        assertThat(reader.estimatedDroppableTombstones(NOW - 1000)).isZero();
        assertThat(reader.onDiskSize()).isGreaterThan(reader.dataOnDiskSize());
        assertThat(reader.uncompressedSize()).isPositive();
        assertThat(stats.partitionSizeHistogram()).matches(h -> java.util.Arrays.stream(h).sum() == partitions.size());
        shard.get(() -> { reader.release(); return null; });
    }

    @Test
    void mayIntersectUsesClusteringBoundsButNeverSkipsStaticRowsOrPartitionDeletions() {
        SSTableFixture fixture = new SSTableFixture(shard, directory, null);
        TestPartition rowsOnly = TestPartition.of(key(1), LAYOUT, b -> {
            b.row(ck(5, "a")).marker(1, 0, NOW);
            b.deleteRange(new Slice(ClusteringBound.start(true, i(8)), ClusteringBound.end(true, i(9))), 2, NOW);
        });
        SSTableReader plain = fixture.write(1, CompressionParams.DEFAULT, List.of(rowsOnly));
        Slice below = new Slice(ClusteringBound.BOTTOM, ClusteringBound.end(false, i(5)));
        Slice tombstoned = new Slice(ClusteringBound.start(true, i(9)), ClusteringBound.end(true, i(9)));
        Slice above = new Slice(ClusteringBound.start(false, i(9)), ClusteringBound.TOP);
        assertThat(plain.mayIntersect(List.of(below))).isFalse();
        assertThat(plain.mayIntersect(List.of(above))).isFalse();
        assertThat(plain.mayIntersect(List.of(below, tombstoned))).isTrue();
        assertThat(plain.mayIntersect(List.of(Slice.exactly(ck(5, "a"))))).isTrue();

        TestPartition withStatic = TestPartition.of(key(2), LAYOUT, b -> b.staticRow().cell(S, i(1), 1, 0, NOW));
        SSTableReader statics = fixture.write(2, CompressionParams.DEFAULT, List.of(withStatic));
        assertThat(statics.mayIntersect(List.of(below))).isTrue();
        shard.get(() -> { plain.release(); statics.release(); return null; });
    }

    @Test
    void snapshotLinksEveryComponentAndObsoleteFilesGoAfterTheLastRelease() throws Exception {
        SSTableFixture fixture = new SSTableFixture(shard, directory, new ChunkCache(1 << 20));
        SSTableReader reader = fixture.write(3, CompressionParams.DEFAULT, everyShape());
        Path snapshot = directory.resolve("snapshots").resolve("s1");
        shard.call(() -> reader.snapshot(snapshot));
        try (Stream<Path> files = Files.list(snapshot)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder(Stream.of(Component.values()).filter(c -> !c.attached()).map(c -> reader.files().fileName(c)).toArray(String[]::new));
        }

        assertThat(shard.get(reader::ref)).isTrue();
        shard.get(() -> { reader.markObsolete(); reader.release(); return null; });
        assertThat(reader.files().path(Component.DATA)).exists();
        PartitionFragment stillReadable = shard.call(() -> reader.read(key(1), List.of(Slice.ALL), IoClass.QUERY));
        assertThat(stillReadable).isNotNull();
        shard.get(() -> { reader.release(); return null; });
        shard.call(reader::whenClosed);
        for (Component c : Component.values()) assertThat(reader.files().path(c)).doesNotExist();
        assertThat(shard.get(reader::ref)).isFalse();
        assertThat(snapshot.resolve(reader.files().fileName(Component.DATA))).exists();
        // The fragment read earlier holds its own heap copy.
        assertThat(Describe.stored(stillReadable)).isEqualTo(Describe.stored(everyShape().stream().filter(p -> p.key().equals(key(1))).findFirst().orElseThrow()));
    }
}
