package org.charybdis.storage.sstable;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.TestTables;
import org.charybdis.storage.dht.TokenRange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.storage.engine.TestTables.V1;
import static org.charybdis.storage.engine.TestTables.ck;
import static org.charybdis.storage.engine.TestTables.i;
import static org.charybdis.storage.engine.TestTables.key;

/** A partition spanning many chunks: the row index lets a narrow slice read only a few of them. */
class LargePartitionTest {
    private static final long NOW = 1_700_000_000L;
    private static final int ROWS = 4000;
    private static final TableLayout LAYOUT = TestTables.layout();
    private static OnShard shard;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() { shard = new OnShard(); }

    @AfterAll
    static void stop() { shard.close(); }

    private static TestPartition large() {
        Random random = new Random(42);
        return TestPartition.of(key(1), LAYOUT, b -> {
            for (int r = 0; r < ROWS; r++) {
                byte[] value = new byte[200];
                random.nextBytes(value);
                b.row(ck(r, "x")).marker(r, 0, NOW).cell(V1, ByteBuffer.wrap(value), r, 0, NOW);
            }
        });
    }

    @Test
    void narrowSliceReadsOnlyTheChunksItNeeds() {
        ChunkCache cache = new ChunkCache(64 << 20);
        SSTableFixture fixture = new SSTableFixture(shard, directory, cache);
        TestPartition partition = large();
        SSTableReader reader = fixture.write(1, CompressionParams.lz4(4096), List.of(partition));
        int chunkCount = reader.compression().chunkCount();
        assertThat(chunkCount).isGreaterThan(200);

        Slice narrow = new Slice(ClusteringBound.start(true, i(2000)), ClusteringBound.end(true, i(2004)));
        PartitionFragment read = shard.call(() -> reader.read(key(1), List.of(narrow), IoClass.QUERY));
        ReadFilter filter = ReadFilter.of(List.of(narrow), false);
        assertThat(Describe.live(read, LAYOUT, filter, NOW)).hasSize(6).isEqualTo(Describe.live(partition, LAYOUT, filter, NOW));
        long cold = reader.chunksReadFromDisk();
        // Header chunk, the row index (about 60 blocks) and the one or two blocks holding the slice.
        assertThat(cold).isBetween(2L, 12L);

        shard.call(() -> reader.read(key(1), List.of(narrow), IoClass.QUERY));
        assertThat(reader.chunksReadFromDisk()).as("a second read is served by the chunk cache").isEqualTo(cold);
        assertThat(cache.hits()).isPositive();

        Slice first = new Slice(ClusteringBound.BOTTOM, ClusteringBound.end(true, i(3)));
        Slice last = new Slice(ClusteringBound.start(true, i(ROWS - 2)), ClusteringBound.TOP);
        ReadFilter twoEnds = ReadFilter.of(List.of(first, last), true);
        PartitionFragment ends = shard.call(() -> reader.read(key(1), twoEnds.slices(), IoClass.QUERY));
        assertThat(Describe.live(ends, LAYOUT, twoEnds, NOW)).hasSize(7).isEqualTo(Describe.live(partition, LAYOUT, twoEnds, NOW));
        assertThat(reader.chunksReadFromDisk()).isLessThan(chunkCount / 4);

        PartitionFragment whole = shard.call(() -> reader.read(key(1), List.of(Slice.ALL), IoClass.QUERY));
        assertThat(Describe.stored(whole)).isEqualTo(Describe.stored(partition));

        List<PartitionFragment> scanned = fixture.scan(reader, TokenRange.FULL_RING, null);
        assertThat(scanned).hasSize(1);
        int count = 0;
        for (var it = scanned.getFirst().rows(Slice.ALL, false); it.hasNext(); it.next()) count++;
        assertThat(count).isEqualTo(ROWS);
        shard.get(() -> { reader.release(); return null; });
    }

    @Test
    void appendPausesForBackpressureAndStillWritesEverything() {
        SSTableFixture fixture = new SSTableFixture(shard, directory, null);
        TestPartition partition = large();
        var writer = shard.call(() -> SSTableWriter.create(fixture.context, 2, CompressionParams.none(65536), 0.01, 1, IoClass.COMPACTION));
        var appended = shard.get(() -> writer.append(partition));
        shard.call(() -> appended);
        assertThat(writer.bytesWritten()).isGreaterThan(ROWS * 200L);
        assertThat(writer.estimatedOnDiskSize()).isGreaterThanOrEqualTo(writer.bytesWritten());
        SSTableReader reader = shard.call(() -> writer.finish(0, java.util.Set.of()));
        Row row = shard.call(() -> reader.read(key(1), List.of(Slice.exactly(ck(3999, "x"))), IoClass.QUERY)).rows(Slice.ALL, false).next();
        assertThat(row.clustering()).isEqualTo(ck(3999, "x"));
        shard.get(() -> { reader.release(); return null; });
    }
}
