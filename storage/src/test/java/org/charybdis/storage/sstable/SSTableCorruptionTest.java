package org.charybdis.storage.sstable;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.data.Slice;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.TestTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charybdis.storage.engine.TestTables.V1;
import static org.charybdis.storage.engine.TestTables.ck;
import static org.charybdis.storage.engine.TestTables.i;
import static org.charybdis.storage.engine.TestTables.key;

/** Damaged files are reported as CorruptSSTableException naming the file and the table; nothing else breaks. */
class SSTableCorruptionTest {
    private static final long NOW = 1_700_000_000L;
    private static OnShard shard;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() { shard = new OnShard(); }

    @AfterAll
    static void stop() { shard.close(); }

    private static List<TestPartition> partitions() {
        List<TestPartition> out = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            int pk = k;
            out.add(TestPartition.of(key(pk), TestTables.layout(), b -> {
                for (int r = 0; r < 20; r++) b.row(ck(r, "row" + r)).marker(1, 0, NOW).cell(V1, i(pk * r), 1, 0, NOW);
            }));
        }
        return out;
    }

    /** Writes generation 1 and closes it, so the test can damage the files before opening them again. */
    private static void writeAndClose(SSTableFixture fixture) {
        SSTableReader written = fixture.write(1, CompressionParams.lz4(1024), partitions());
        shard.get(() -> { written.release(); return null; });
        shard.call(written::whenClosed);
    }

    @Test
    void flippedByteInADataChunkFailsTheReadsTouchingIt() throws Exception {
        SSTableFixture fixture = new SSTableFixture(shard, directory, new ChunkCache(1 << 20));
        writeAndClose(fixture);
        Path data = fixture.context.files(1).path(Component.DATA);
        flipByte(data, ComponentFraming.HEADER_LENGTH + 10);
        SSTableReader reader = fixture.open(1);

        List<String> failures = new ArrayList<>();
        int readable = 0;
        for (TestPartition p : partitions()) {
            try {
                shard.call(() -> reader.read(p.key(), List.of(Slice.ALL), IoClass.QUERY));
                readable++;
            } catch (CorruptSSTableException e) {
                failures.add(e.getMessage());
                assertThat(e.file()).isEqualTo(data);
                assertThat(e.table()).isEqualTo("ks.t");
            }
        }
        assertThat(failures).isNotEmpty().allSatisfy(m -> assertThat(m).contains(data.toString()).contains("ks.t").contains("checksum mismatch in chunk 0"));
        assertThat(readable).isPositive();
        assertThatThrownBy(() -> fixture.scan(reader, TokenRange.FULL_RING, null))
                .isInstanceOf(CorruptSSTableException.class).hasMessageContaining("Data.db");
        shard.get(() -> { reader.release(); return null; });
    }

    @Test
    void truncatedIndexIsReportedAtOpen() throws Exception {
        SSTableFixture fixture = new SSTableFixture(shard, directory, null);
        writeAndClose(fixture);
        Path index = fixture.context.files(1).path(Component.INDEX);
        try (RandomAccessFile file = new RandomAccessFile(index.toFile(), "rw")) {
            file.setLength(file.length() - 100);
        }
        assertThatThrownBy(() -> fixture.open(1))
                .isInstanceOf(CorruptSSTableException.class)
                .hasMessageContaining(index.toString()).hasMessageContaining("ks.t").hasMessageContaining("truncated");
    }

    @Test
    void badMagicNewerVersionAndBadChecksumInSmallComponentsAreReportedAtOpen() throws Exception {
        SSTableFixture fixture = new SSTableFixture(shard, directory, null);
        writeAndClose(fixture);
        SSTableFiles files = fixture.context.files(1);

        flipByte(files.path(Component.STATISTICS), 0);
        assertThatThrownBy(() -> fixture.open(1)).isInstanceOf(CorruptSSTableException.class)
                .hasMessageContaining("Statistics.db").hasMessageContaining("bad magic");
        flipByte(files.path(Component.STATISTICS), 0);

        try (RandomAccessFile file = new RandomAccessFile(files.path(Component.FILTER).toFile(), "rw")) {
            file.seek(4);
            file.writeShort(9);
        }
        assertThatThrownBy(() -> fixture.open(1)).isInstanceOf(CorruptSSTableException.class)
                .hasMessageContaining("Filter.db").hasMessageContaining("format version 9 is newer");
        try (RandomAccessFile file = new RandomAccessFile(files.path(Component.FILTER).toFile(), "rw")) {
            file.seek(4);
            file.writeShort(ComponentFraming.FORMAT_VERSION);
        }

        flipByte(files.path(Component.SUMMARY), ComponentFraming.HEADER_LENGTH + 3);
        assertThatThrownBy(() -> fixture.open(1)).isInstanceOf(CorruptSSTableException.class)
                .hasMessageContaining("Summary.db").hasMessageContaining("checksum mismatch");
    }

    @Test
    void damagedIndexEntryFailsTheLookupWithTheIndexFileName() throws Exception {
        SSTableFixture fixture = new SSTableFixture(shard, directory, null);
        writeAndClose(fixture);
        Path index = fixture.context.files(1).path(Component.INDEX);
        // The first entry: varint length (1 byte), token (8 bytes), key length, key: damage the key's first byte.
        TestPartition first = partitions().stream().min(java.util.Comparator.comparing(TestPartition::key)).orElseThrow();
        flipByte(index, ComponentFraming.HEADER_LENGTH + 1 + 8 + 1 + 3);
        SSTableReader reader = fixture.open(1);
        assertThatThrownBy(() -> fixture.scan(reader, TokenRange.FULL_RING, null))
                .isInstanceOf(CorruptSSTableException.class).hasMessageContaining(index.toString()).hasMessageContaining("checksum");
        // The lookup no longer finds the damaged key's bytes, or finds them and fails the checksum: never a wrong answer.
        try {
            assertThat(shard.call(() -> reader.read(first.key(), List.of(Slice.ALL), IoClass.QUERY))).isNull();
        } catch (CorruptSSTableException e) {
            assertThat(e.getMessage()).contains("Index.db");
        }
        shard.get(() -> { reader.release(); return null; });
    }

    @Test
    void damagedIndexEntryInACachedSpanFailsTheLookupTheSameWay() throws Exception {
        ChunkCache cache = new ChunkCache(1 << 20);
        SSTableFixture fixture = new SSTableFixture(shard, directory, cache);
        writeAndClose(fixture);
        Path index = fixture.context.files(1).path(Component.INDEX);
        List<TestPartition> inOrder = partitions().stream().sorted(java.util.Comparator.comparing(TestPartition::key)).toList();
        flipByte(index, ComponentFraming.HEADER_LENGTH + 1 + 8 + 1 + 3); // the first entry's key, as above
        SSTableReader reader = fixture.open(1);
        TestPartition last = inOrder.getLast();
        assertThat(shard.call(() -> reader.read(last.key(), List.of(Slice.ALL), IoClass.QUERY))).as("an intact entry of the same span").isNotNull();
        assertThat(cache.sizeBytes(Component.INDEX)).as("the span is cached").isPositive();

        long misses = cache.misses(Component.INDEX);
        try {
            assertThat(shard.call(() -> reader.read(inOrder.getFirst().key(), List.of(Slice.ALL), IoClass.QUERY))).isNull();
        } catch (CorruptSSTableException e) {
            assertThat(e.getMessage()).contains(index.toString()).contains("ks.t").contains("checksum");
        }
        assertThat(cache.misses(Component.INDEX)).as("the lookup used the cached span").isEqualTo(misses);
        shard.get(() -> { reader.release(); return null; });
        shard.call(reader::whenClosed);
        assertThat(cache.sizeBytes()).as("nothing of a closed SSTable stays cached").isZero();
    }

    private static void flipByte(Path file, long offset) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x5A);
        }
    }
}
