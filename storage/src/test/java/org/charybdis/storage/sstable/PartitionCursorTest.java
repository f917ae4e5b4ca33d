package org.charybdis.storage.sstable;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.Slice;
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
import static org.charybdis.storage.engine.TestTables.S;
import static org.charybdis.storage.engine.TestTables.V1;
import static org.charybdis.storage.engine.TestTables.ck;
import static org.charybdis.storage.engine.TestTables.i;
import static org.charybdis.storage.engine.TestTables.intOf;
import static org.charybdis.storage.engine.TestTables.key;

/**
 * A large partition read through a cursor: rows stream in the query's order (from the end for a reversed query), the
 * row index blocks holding them read as the rows are consumed, a few at a time, and only the blocks the slices touch;
 * the row index itself is searched on disk, so the first rows of a slice anywhere cost a few chunks.
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
    void theFirstRowsOfAForwardReadComeFromTheFirstBlock() {
        SSTableReader reader = write(b -> rows(b, 0, ROWS));
        PartitionCursor cursor = open(reader, List.of(Slice.ALL), false);
        long opening = reader.chunksReadFromDisk();
        assertThat(cursor.blocksRead()).isZero();
        assertThat(cursor.exhausted()).isFalse();

        assertThat(take(cursor, 10)).isEqualTo(range(0, 10));
        assertThat(cursor.blocksRead()).isEqualTo(1);
        // 16 KiB of rows in 4 KiB chunks, the row index's count: six chunks at most
        assertThat(reader.chunksReadFromDisk() - opening).isBetween(1L, 6L);
        release(reader);
    }

    @Test
    void aWholeReadGoesBlockByBlockAndEndsExhausted() {
        SSTableReader reader = write(b -> rows(b, 0, ROWS));
        for (boolean reversed : new boolean[] {false, true}) {
            PartitionCursor cursor = open(reader, List.of(Slice.ALL), reversed);
            List<Integer> all = new ArrayList<>();
            int fetches = 0;
            int blocksBefore = 0;
            while (true) {
                for (Row row; (row = cursor.peek()) != null; cursor.advance()) all.add(intOf(row.clustering().get(0)));
                if (cursor.exhausted()) break;
                shard.call(cursor::fetch);
                fetches++;
                assertThat(cursor.blocksRead() - blocksBefore).as("blocks one fetch reads").isLessThanOrEqualTo(PartitionCursor.MAX_BLOCKS_PER_FETCH);
                blocksBefore = cursor.blocksRead();
            }
            assertThat(all).isEqualTo(reversed ? range(ROWS - 1, -1) : range(0, ROWS));
            int blocks = blockCount(reader);
            assertThat(cursor.blocksRead()).as("every block once").isEqualTo(blocks);
            assertThat(fetches).as("one block, then two, four, then eight at a time").isBetween(blocks / 8, blocks / 8 + 5);
        }
        release(reader);
    }

    @Test
    void aReversedReadStartsWithTheLastBlock() {
        SSTableReader reader = write(b -> rows(b, 0, ROWS));
        PartitionCursor cursor = open(reader, List.of(Slice.ALL), true);
        assertThat(take(cursor, 10)).isEqualTo(range(ROWS - 1, ROWS - 11));
        assertThat(cursor.blocksRead()).isEqualTo(1);
        release(reader);
    }

    @Test
    void slicesReadOnlyTheBlocksTheyTouchInEitherOrder() {
        SSTableReader reader = write(b -> rows(b, 0, ROWS));
        Slice low = new Slice(ClusteringBound.start(true, i(100)), ClusteringBound.end(true, i(300)));
        Slice high = new Slice(ClusteringBound.start(true, i(3000)), ClusteringBound.end(false, i(3100)));
        Slice empty = new Slice(ClusteringBound.start(false, i(3500)), ClusteringBound.end(false, i(3500)));
        List<Slice> slices = List.of(low, high, empty);
        List<Integer> expected = concat(range(100, 301), range(3000, 3100));

        PartitionCursor forward = open(reader, slices, false);
        assertThat(take(forward, Integer.MAX_VALUE)).isEqualTo(expected);
        assertThat(forward.exhausted()).isTrue();
        PartitionCursor reversed = open(reader, slices, true);
        assertThat(take(reversed, Integer.MAX_VALUE)).isEqualTo(expected.reversed());
        int blocks = blockCount(reader);
        // 80 rows per 16 KiB block: 201 rows over 3 or 4 blocks, 100 rows over 2 or 3
        assertThat(forward.blocksRead()).isBetween(5, 7).isLessThan(blocks / 5);
        assertThat(reversed.blocksRead()).isEqualTo(forward.blocksRead());
        release(reader);
    }

    @Test
    void aSliceInTheMiddleOfAHugePartitionCostsAFewChunks() {
        int rows = 40_000;
        SSTableReader reader = write(b -> rows(b, 0, rows));
        int chunks = reader.compression().chunkCount();
        assertThat(chunks).isGreaterThan(2000);
        for (boolean reversed : new boolean[] {false, true}) {
            long before = reader.chunksReadFromDisk();
            Slice fromMiddle = reversed ? new Slice(ClusteringBound.BOTTOM, ClusteringBound.end(true, i(rows / 2)))
                    : new Slice(ClusteringBound.start(true, i(rows / 2)), ClusteringBound.TOP);
            PartitionCursor cursor = open(reader, List.of(fromMiddle), reversed);
            List<Integer> first = take(cursor, 50);
            assertThat(first).isEqualTo(reversed ? range(rows / 2, rows / 2 - 50) : range(rows / 2, rows / 2 + 50));
            // header, the index's count, a binary search over 500 blocks (about nine probes of two small reads), one block
            assertThat(reader.chunksReadFromDisk() - before).as("chunks read for 50 rows in the middle").isLessThan(30);
        }
        release(reader);
    }

    @Test
    void aReadOfTheStaticRowAloneReadsNoRowIndex() {
        SSTableReader reader = write(b -> {
            b.staticRow().cell(S, i(42), 1, 0, NOW);
            rows(b, 0, ROWS);
        });
        long before = reader.chunksReadFromDisk();
        PartitionCursor cursor = open(reader, List.of(), false);
        assertThat(cursor.exhausted()).isTrue();
        assertThat(cursor.peek()).isNull();
        assertThat(cursor.header().staticRow()).isNotNull();
        assertThat(reader.chunksReadFromDisk() - before).as("the header's chunk").isEqualTo(1);
        release(reader);
    }

    @Test
    void aSmallPartitionComesWholeWithItsHeader() {
        SSTableReader reader = write(b -> rows(b, 0, 20));
        PartitionCursor cursor = open(reader, List.of(Slice.ALL), true);
        assertThat(cursor.exhausted()).isTrue();
        assertThat(take(cursor, Integer.MAX_VALUE)).isEqualTo(range(19, -1));
        assertThat(shard.call(() -> reader.openPartition(key(2), List.of(Slice.ALL), false, IoClass.QUERY))).isNull();
        release(reader);
    }

    @Test
    void aDrainedCursorIsTheStoredPartition() {
        TestPartition partition = TestPartition.of(key(1), LAYOUT, b -> {
            rows(b, 0, ROWS);
            b.deleteRange(new Slice(ClusteringBound.start(true, i(10)), ClusteringBound.end(true, i(20))), 5, NOW);
        });
        SSTableFixture fixture = new SSTableFixture(shard, directory, null);
        SSTableReader reader = fixture.write(1, CompressionParams.lz4(4096), List.of(partition));
        PartitionFragment read = shard.call(() -> reader.read(key(1), List.of(Slice.ALL), IoClass.QUERY));
        assertThat(Describe.stored(read)).isEqualTo(Describe.stored(partition));
        release(reader);
    }

    /** Up to {@code count} rows' first clustering components, fetching as a merge does. */
    static List<Integer> take(PartitionCursor cursor, int count) {
        List<Integer> out = new ArrayList<>();
        while (out.size() < count) {
            Row row = cursor.peek();
            if (row != null) {
                out.add(intOf(row.clustering().get(0)));
                cursor.advance();
            } else if (cursor.exhausted()) {
                break;
            } else {
                shard.call(cursor::fetch);
            }
        }
        return out;
    }

    private static int blockCount(SSTableReader reader) {
        IndexEntry entry = open(reader, List.of(), false).entry();
        return shard.call(() -> RowIndex.open(reader, entry, IoClass.QUERY)).count();
    }

    private SSTableReader write(Consumer<org.charybdis.storage.data.PartitionUpdate.Builder> writes) {
        SSTableFixture fixture = new SSTableFixture(shard, directory, new ChunkCache(64 << 20));
        return fixture.write(1, CompressionParams.lz4(4096), List.of(TestPartition.of(key(1), LAYOUT, writes)));
    }

    private static PartitionCursor open(SSTableReader reader, List<Slice> slices, boolean reversed) {
        return shard.call(() -> reader.openPartition(key(1), slices, reversed, IoClass.QUERY));
    }

    private static void release(SSTableReader reader) {
        shard.get(() -> { reader.release(); return null; });
    }

    private static void rows(org.charybdis.storage.data.PartitionUpdate.Builder b, int from, int to) {
        Random random = new Random(42);
        for (int r = from; r < to; r++) {
            byte[] value = new byte[200];
            random.nextBytes(value);
            b.row(ck(r, "x")).marker(r + 1, 0, NOW).cell(V1, ByteBuffer.wrap(value), r + 1, 0, NOW);
        }
    }

    /** from, from ± 1, ... up to {@code to} excluded, counting down when to < from. */
    private static List<Integer> range(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i != to; i += from < to ? 1 : -1) out.add(i);
        return out;
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
