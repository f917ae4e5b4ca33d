package org.charybdis.storage.sstable;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.data.ClusteringBound;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.data.Slice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.storage.engine.TestTables.i;

/**
 * SSTables of format version 1 (a row index without entry offsets, decoded whole) read by today's reader: whole
 * partitions, slices, and rows streamed in either order give what was written.
 */
class LegacySSTableTest {
    @RegisterExtension
    static final OnShard shard = new OnShard();

    @TempDir
    Path directory;

    @Test
    void aVersion1SSTableReadsAsWritten() throws IOException {
        try (Stream<Path> files = Files.list(LegacySSTables.directory(1))) {
            for (Path file : files.toList()) Files.copy(file, directory.resolve(file.getFileName()));
        }
        SSTableReader reader = new SSTableFixture(shard, directory, new ChunkCache(1 << 20)).open(1);
        assertThat(reader.dataVersion()).isEqualTo(1);
        Slice middle = new Slice(ClusteringBound.start(true, i(990)), ClusteringBound.end(false, i(1500)));
        Slice end = new Slice(ClusteringBound.start(false, i(2900)), ClusteringBound.TOP);
        for (TestPartition expected : LegacySSTables.partitions()) {
            PartitionFragment whole = shard.call(() -> reader.read(expected.key(), List.of(Slice.ALL), IoClass.QUERY));
            assertThat(Describe.stored(whole)).isEqualTo(Describe.stored(expected));
            for (List<Slice> slices : List.of(List.of(Slice.ALL), List.of(middle, end))) {
                for (boolean reversed : new boolean[] {false, true}) {
                    PartitionCursor cursor = shard.call(() -> reader.openPartition(expected.key(), slices, reversed, IoClass.QUERY));
                    List<String> streamed = new ArrayList<>();
                    while (true) {
                        for (Row row; (row = cursor.peek()) != null; cursor.advance()) streamed.add(Describe.row(row));
                        if (cursor.exhausted()) break;
                        shard.call(cursor::fetch);
                    }
                    assertThat(streamed).as("slices " + slices + (reversed ? " reversed" : "")).isEqualTo(rows(expected, slices, reversed));
                }
            }
        }
        shard.get(() -> { reader.release(); return null; });
    }

    private static List<String> rows(TestPartition partition, List<Slice> slices, boolean reversed) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < slices.size(); s++) {
            Slice slice = slices.get(reversed ? slices.size() - 1 - s : s);
            for (var it = partition.rows(slice, reversed); it.hasNext(); ) out.add(Describe.row(it.next()));
        }
        return out;
    }
}
