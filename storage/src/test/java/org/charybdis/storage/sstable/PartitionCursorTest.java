package org.charybdis.storage.sstable;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.TestTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.storage.engine.TestTables.V1;
import static org.charybdis.storage.engine.TestTables.ck;
import static org.charybdis.storage.engine.TestTables.i;
import static org.charybdis.storage.engine.TestTables.intOf;
import static org.charybdis.storage.engine.TestTables.key;

/**
 * A large partition read through a cursor: a read needing a few rows loads the row index blocks holding them, in the
 * query's order (from the end for a reversed query), and only those; rows its own deletions hide do not count.
 */
class PartitionCursorTest {
    private static final long NOW = 1_700_000_000L;
    private static final int ROWS = 4000;
    private static final TableLayout LAYOUT = TestTables.layout();
    @RegisterExtension
    static final OnShard shard = new OnShard();

    @TempDir
    Path directory;

    @Test
    void aForwardReadOfTenRowsLoadsTheFirstBlockOnly() {
        SSTableReader reader = write(b -> rows(b, 0, ROWS));
        PartitionCursor cursor = open(reader, List.of(Slice.ALL), false);
        long opening = reader.chunksReadFromDisk();
        assertThat(cursor.blocksLoaded()).isZero();
        assertThat(cursor.exhausted()).isFalse();

        shard.call(() -> cursor.load(10, Long.MAX_VALUE, NOW));
        assertThat(cursor.blocksLoaded()).isEqualTo(1);
        List<Integer> first = clusterings(cursor.fragment(), false);
        assertThat(first).hasSizeGreaterThanOrEqualTo(10).hasSizeLessThan(ROWS / 20);
        assertThat(first).isEqualTo(range(0, first.size()));
        // 16 KiB of rows in 4 KiB chunks: five chunks at most, the header's included
        assertThat(reader.chunksReadFromDisk() - opening).isBetween(1L, 6L);
        assertThat(cursor.loadedUpTo()).isEqualTo(ClusteringBound.end(false, ck(first.size(), "x")));

        shard.call(() -> cursor.load(3 * first.size(), Long.MAX_VALUE, NOW));
        List<Integer> more = clusterings(cursor.fragment(), false);
        assertThat(more).hasSizeGreaterThanOrEqualTo(4 * first.size()).isEqualTo(range(0, more.size()));
        assertThat(cursor.blocksLoaded()).as("blocks estimated from the rows per block seen").isBetween(4, 6);
        shard.get(() -> { reader.release(); return null; });
    }

    @Test
    void aReversedReadLoadsTheLastBlocks() {
        SSTableReader reader = write(b -> rows(b, 0, ROWS));
        PartitionCursor cursor = open(reader, List.of(Slice.ALL), true);
        shard.call(() -> cursor.load(10, Long.MAX_VALUE, NOW));
        assertThat(cursor.blocksLoaded()).isEqualTo(1);
        List<Integer> last = clusterings(cursor.fragment(), true);
        assertThat(last).hasSizeGreaterThanOrEqualTo(10).hasSizeLessThan(ROWS / 20);
        assertThat(last.getFirst()).isEqualTo(ROWS - 1);
        assertThat(last.getLast()).isEqualTo(ROWS - last.size());
        assertThat(cursor.loadedUpTo()).isEqualTo(ClusteringBound.start(false, ck(ROWS - last.size() - 1, "x")));
        shard.get(() -> { reader.release(); return null; });
    }

    @Test
    void aByteLimitStopsLikeARowLimit() {
        SSTableReader reader = write(b -> rows(b, 0, ROWS));
        PartitionCursor cursor = open(reader, List.of(Slice.ALL), false);
        shard.call(() -> cursor.load(Integer.MAX_VALUE - 1, 1000, NOW));
        assertThat(cursor.blocksLoaded()).isEqualTo(1);
        shard.get(() -> { reader.release(); return null; });
    }

    @Test
    void rowsItsOwnDeletionsHideDoNotCount() {
        SSTableReader reader = write(b -> {
            rows(b, 0, ROWS);
            b.deleteRange(new Slice(ClusteringBound.BOTTOM, ClusteringBound.end(false, i(1000))), 10_000, NOW - 10);
            for (int r = 1000; r < 1500; r++) b.row(ck(r, "x")).delete(10_000, NOW - 10);
            for (int r = 1500; r < 2000; r++) b.row(ck(r, "x")).marker(20_000, 5, NOW - 10).cell(V1, i(r), 20_000, 5, NOW - 10);
        });
        PartitionCursor cursor = open(reader, List.of(Slice.ALL), false);
        shard.call(() -> cursor.load(10, Long.MAX_VALUE, NOW));
        List<String> live = Describe.live(cursor.fragment(), LAYOUT, ReadFilter.ALL, NOW);
        assertThat(live.size() - 1).as("live rows loaded").isGreaterThanOrEqualTo(10);
        assertThat(live.get(1)).startsWith(ck(2000, "x").toString());
        PartitionCursor whole = open(reader, List.of(Slice.ALL), false);
        shard.call(() -> whole.load(Integer.MAX_VALUE, Long.MAX_VALUE, NOW));
        assertThat(cursor.blocksLoaded()).as("blocks of dead rows, then some of live ones, not all").isLessThan(whole.blocksLoaded());
        assertThat(cursor.blocksLoaded()).isGreaterThan(whole.blocksLoaded() / 2);
        shard.get(() -> { reader.release(); return null; });
    }

    @Test
    void slicesLoadOnlyTheBlocksTheyTouchAndAnUnlimitedLoadMatchesAFullRead() {
        SSTableReader reader = write(b -> rows(b, 0, ROWS));
        Slice low = new Slice(ClusteringBound.start(true, i(100)), ClusteringBound.end(true, i(300)));
        Slice high = new Slice(ClusteringBound.start(true, i(3000)), ClusteringBound.end(false, i(3100)));
        List<Slice> slices = List.of(low, high);
        PartitionCursor cursor = open(reader, slices, false);
        shard.call(() -> cursor.load(250, Long.MAX_VALUE, NOW));
        List<Integer> loaded = clusterings(cursor.fragment(), false);
        assertThat(loaded.subList(0, 201)).isEqualTo(range(100, 201));
        assertThat(loaded.subList(201, loaded.size())).isEqualTo(range(3000, loaded.size() - 201));
        assertThat(cursor.blocksLoaded()).as("the blocks of the first slice, then one of the second").isBetween(4, 7);

        PartitionCursor whole = open(reader, slices, true);
        shard.call(() -> whole.load(Integer.MAX_VALUE, Long.MAX_VALUE, NOW));
        assertThat(whole.exhausted()).isTrue();
        assertThat(whole.loadedUpTo()).isNull();
        assertThat(clusterings(whole.fragment(), false)).isEqualTo(concat(range(100, 201), range(3000, 100)));
        PartitionFragment full = shard.call(() -> reader.read(key(1), slices, IoClass.QUERY));
        assertThat(Describe.stored(whole.fragment())).isEqualTo(Describe.stored(full));
        shard.get(() -> { reader.release(); return null; });
    }

    @Test
    void aSmallPartitionIsLoadedWholeAtOnce() {
        SSTableReader reader = write(b -> rows(b, 0, 20));
        PartitionCursor cursor = open(reader, List.of(Slice.ALL), false);
        assertThat(cursor.exhausted()).isTrue();
        assertThat(clusterings(cursor.fragment(), false)).isEqualTo(range(0, 20));
        assertThat(shard.call(() -> reader.openPartition(key(2), List.of(Slice.ALL), false, IoClass.QUERY))).isNull();
        shard.get(() -> { reader.release(); return null; });
    }

    private SSTableReader write(Consumer<org.charybdis.storage.data.PartitionUpdate.Builder> writes) {
        SSTableFixture fixture = new SSTableFixture(shard, directory, null);
        return fixture.write(1, CompressionParams.lz4(4096), List.of(TestPartition.of(key(1), LAYOUT, writes)));
    }

    private static PartitionCursor open(SSTableReader reader, List<Slice> slices, boolean reversed) {
        return shard.call(() -> reader.openPartition(key(1), slices, reversed, IoClass.QUERY));
    }

    private static void rows(org.charybdis.storage.data.PartitionUpdate.Builder b, int from, int to) {
        Random random = new Random(42);
        for (int r = from; r < to; r++) {
            byte[] value = new byte[200];
            random.nextBytes(value);
            b.row(ck(r, "x")).marker(r + 1, 0, NOW).cell(V1, ByteBuffer.wrap(value), r + 1, 0, NOW);
        }
    }

    private static List<Integer> clusterings(PartitionFragment fragment, boolean reversed) {
        List<Integer> out = new ArrayList<>();
        for (var it = fragment.rows(Slice.ALL, reversed); it.hasNext(); ) {
            Row row = it.next();
            out.add(intOf(row.clustering().get(0)));
        }
        return out;
    }

    private static List<Integer> range(int from, int count) {
        List<Integer> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(from + i);
        return out;
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
