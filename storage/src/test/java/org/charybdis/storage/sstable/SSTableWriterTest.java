package org.charybdis.storage.sstable;

import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.engine.TestTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charybdis.storage.engine.TestTables.V1;
import static org.charybdis.storage.engine.TestTables.ck;
import static org.charybdis.storage.engine.TestTables.i;
import static org.charybdis.storage.engine.TestTables.key;

class SSTableWriterTest {
    private static OnShard shard;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() { shard = new OnShard(); }

    @AfterAll
    static void stop() { shard.close(); }

    private static TestPartition partition(int pk) {
        return TestPartition.of(key(pk), TestTables.layout(), b -> b.row(ck(1, "a")).cell(V1, i(pk), 1, 0, 0));
    }

    private SSTableWriter create(SSTableFixture fixture, long generation) {
        return shard.call(() -> SSTableWriter.create(fixture.context, generation, CompressionParams.DEFAULT, 0.01, 10, IoClass.MEMTABLE_FLUSH));
    }

    private List<String> fileNames() throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void outOfOrderAppendIsRejectedAndTheWriterGoesOn() {
        SSTableFixture fixture = new SSTableFixture(shard, directory, null);
        SSTableWriter writer = create(fixture, 1);
        List<TestPartition> sorted = Stream.of(1, 2, 3).map(SSTableWriterTest::partition)
                .sorted(java.util.Comparator.comparing(TestPartition::key)).toList();
        shard.call(() -> writer.append(sorted.get(1)));
        assertThatThrownBy(() -> shard.call(() -> writer.append(sorted.get(0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token order");
        assertThatThrownBy(() -> shard.call(() -> writer.append(sorted.get(1))))
                .isInstanceOf(IllegalArgumentException.class);
        shard.call(() -> writer.append(sorted.get(2)));
        SSTableReader reader = shard.call(() -> writer.finish(0, Set.of()));
        assertThat(reader.partitionCount()).isEqualTo(2);
        shard.get(() -> { reader.release(); return null; });
    }

    @Test
    void publishedSSTableLeavesNoTemporaryFiles() throws Exception {
        SSTableFixture fixture = new SSTableFixture(shard, directory, null);
        SSTableWriter writer = create(fixture, 1);
        shard.call(() -> writer.append(partition(1)));
        assertThat(fileNames()).allMatch(n -> n.endsWith(".tmp")).isNotEmpty();
        assertThat(fixture.context.files(1).path(Component.TOC)).doesNotExist();
        SSTableReader reader = shard.call(() -> writer.finish(0, Set.of()));
        assertThat(fileNames()).containsExactlyInAnyOrderElementsOf(Stream.of(Component.values()).filter(c -> !c.attached()).map(c -> reader.files().fileName(c)).toList());
        String toc = Files.readString(reader.files().path(Component.TOC));
        assertThat(toc).startsWith("charybdis-sstable " + ComponentFraming.FORMAT_VERSION + " generation 1\n").contains("Data.db\n").containsPattern("crc32 [0-9a-f]{8}\n$");
        assertThatThrownBy(() -> shard.call(() -> writer.append(partition(2)))).isInstanceOf(IllegalStateException.class);
        shard.get(() -> { reader.release(); return null; });
    }

    @Test
    void abortDeletesEverythingAndAnEmptyWriterPublishesNothing() throws Exception {
        SSTableFixture fixture = new SSTableFixture(shard, directory, null);
        SSTableWriter aborted = create(fixture, 1);
        shard.call(() -> aborted.append(partition(1)));
        shard.call(aborted::abort);
        assertThat(fileNames()).isEmpty();

        SSTableWriter empty = create(fixture, 2);
        assertThat(shard.call(() -> empty.finish(0, Set.of()))).isNull();
        assertThat(fileNames()).isEmpty();
    }

    @Test
    void refusesToOverwriteAPublishedGenerationAndAnImpossibleFpChance() {
        SSTableFixture fixture = new SSTableFixture(shard, directory, null);
        SSTableReader reader = fixture.write(1, CompressionParams.DEFAULT, List.of(partition(1)));
        assertThatThrownBy(() -> create(fixture, 1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> SSTableWriter.create(fixture.context, 2, CompressionParams.DEFAULT, 0, 10, IoClass.MEMTABLE_FLUSH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bloom_filter_fp_chance");
        shard.get(() -> { reader.release(); return null; });
    }
}
