package org.charybdis.storage.sstable;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.TestTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.storage.engine.TestTables.V1;
import static org.charybdis.storage.engine.TestTables.ck;
import static org.charybdis.storage.engine.TestTables.key;
import static org.charybdis.storage.engine.TestTables.t;

/**
 * What a point read costs when the data is ten times the chunk cache: once the index spans are cached, one disk
 * read (the data chunk holding the partition) and no index read. Counted, not timed: the shard's IO queue counts
 * read requests, the cache counts misses of spans and chunks; a traced read counts its own ({@link ChunkCacheUse}).
 */
class PointReadCostTest {
    private static final long NOW = 1_700_000_000L;
    private static final int PARTITIONS = 3000;
    private static final int VALUE_BYTES = 800;
    private static final int MEASURED_READS = 1000;
    private static final TableLayout LAYOUT = TestTables.layout();
    private static OnShard shard;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() { shard = new OnShard(); }

    @AfterAll
    static void stop() { shard.close(); }

    private static List<TestPartition> partitions() {
        SplittableRandom random = new SplittableRandom(11);
        List<TestPartition> out = new ArrayList<>(PARTITIONS);
        for (int k = 0; k < PARTITIONS; k++) {
            byte[] value = new byte[VALUE_BYTES];
            random.nextBytes(value); // incompressible: the cache holds what the disk holds
            out.add(TestPartition.of(key(k), LAYOUT, b -> b.row(ck(1, "a")).marker(1, 0, NOW).cell(V1, ByteBuffer.wrap(value), 1, 0, NOW)));
        }
        return out;
    }

    @Test
    void withTheIndexCachedAPointReadOfDataTenTimesTheCacheCostsOneDiskRead() throws Exception {
        Costs costs = measure(ChunkCache.DEFAULT_INDEX_FRACTION);

        assertThat(costs.indexMisses).as("every index span stays cached").isZero();
        assertThat(costs.diskReads).as("disk reads for %d point reads", MEASURED_READS)
                .isLessThanOrEqualTo((long) (1.1 * MEASURED_READS)).isGreaterThan(MEASURED_READS / 2);
        assertThat(costs.dataChunkMisses).as("data chunks read").isLessThanOrEqualTo((long) (1.1 * MEASURED_READS));
    }

    @Test
    void withoutRoomForTheIndexEveryPointReadAlsoReadsItsIndexSpan() throws Exception {
        Costs costs = measure(0);

        assertThat(costs.indexMisses).isEqualTo(MEASURED_READS);
        assertThat(costs.diskReads).isGreaterThanOrEqualTo((long) (1.8 * MEASURED_READS));
    }

    private record Costs(long diskReads, long indexMisses, long dataChunkMisses) {}

    /** Writes the SSTable, sizes the cache at a tenth of Data.db, reads every key once, then measures random reads. */
    private Costs measure(double indexFraction) throws Exception {
        SSTableFixture sizing = new SSTableFixture(shard, Files.createDirectories(directory.resolve("sizing")), null);
        List<TestPartition> partitions = partitions();
        SSTableReader written = sizing.write(1, CompressionParams.DEFAULT, partitions);
        long dataBytes = Files.size(written.files().path(Component.DATA));
        long indexBytes = Files.size(written.files().path(Component.INDEX));
        shard.get(() -> { written.release(); return null; });

        ChunkCache cache = new ChunkCache(dataBytes / 10, indexFraction);
        assertThat(indexBytes).as("the index fits in the default share of a cache a tenth of the data")
                .isLessThan(new ChunkCache(dataBytes / 10).indexCapacityBytes());
        SSTableFixture fixture = new SSTableFixture(shard, Files.createDirectories(directory.resolve("measured")), cache);
        SSTableReader reader = fixture.write(1, CompressionParams.DEFAULT, partitions);
        for (TestPartition p : partitions) read(reader, p); // warms the index spans

        SplittableRandom random = new SplittableRandom(5);
        long readsBefore = shard.io().stats(IoClass.QUERY).readOps();
        long indexBefore = cache.misses(Component.INDEX);
        long dataBefore = cache.misses(Component.DATA);
        for (int n = 0; n < MEASURED_READS; n++) {
            TestPartition expected = partitions.get(random.nextInt(PARTITIONS));
            assertThat(Describe.stored(read(reader, expected))).isEqualTo(Describe.stored(expected));
        }
        Costs costs = new Costs(shard.io().stats(IoClass.QUERY).readOps() - readsBefore, cache.misses(Component.INDEX) - indexBefore,
                cache.misses(Component.DATA) - dataBefore);
        shard.get(() -> { reader.release(); return null; });
        return costs;
    }

    private static PartitionFragment read(SSTableReader reader, TestPartition p) {
        return shard.call(() -> reader.read(p.key(), List.of(Slice.ALL), IoClass.QUERY));
    }

    @Test
    void aTracedOpenCountsWhatItFoundInTheCacheFirstMissingTheIndexSpanAndTheChunkThenFindingBoth() throws Exception {
        SSTableReader reader = new SSTableFixture(shard, Files.createDirectories(directory.resolve("traced")), new ChunkCache(1 << 20)).write(1, CompressionParams.DEFAULT, List.of(onePartition()));

        ChunkCacheUse first = openTraced(reader);
        assertThat(first.hits()).isZero();
        assertThat(first.misses()).as("the index span and the data chunk").isEqualTo(2);
        assertThat(first.allHits()).isFalse();
        assertThat(first).hasToString("chunk cache miss: 2 of 2 index spans and chunks");

        ChunkCacheUse second = openTraced(reader);
        assertThat(second.hits()).isEqualTo(2);
        assertThat(second.misses()).isZero();
        assertThat(second).hasToString("chunk cache hit");
        shard.get(() -> { reader.release(); return null; });
    }

    @Test
    void withoutACacheATracedOpenCountsNothing() throws Exception {
        SSTableReader reader = new SSTableFixture(shard, Files.createDirectories(directory.resolve("uncached")), null).write(1, CompressionParams.DEFAULT, List.of(onePartition()));
        ChunkCacheUse use = openTraced(reader);
        assertThat(use.allHits()).isFalse();
        assertThat(use).hasToString("no chunk cache");
        shard.get(() -> { reader.release(); return null; });
    }

    private static TestPartition onePartition() {
        return TestPartition.of(key(1), LAYOUT, b -> b.row(ck(1, "a")).marker(1, 0, NOW).cell(V1, t("v"), 1, 0, NOW));
    }

    private static ChunkCacheUse openTraced(SSTableReader reader) {
        ChunkCacheUse use = new ChunkCacheUse();
        PartitionCursor cursor = shard.call(() -> reader.openPartition(key(1), List.of(Slice.ALL), false, IoClass.QUERY, use));
        assertThat(cursor).as("the SSTable holds the partition").isNotNull();
        return use;
    }
}
