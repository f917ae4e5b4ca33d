package org.charybdis.storage.sstable;

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
import static org.charybdis.storage.engine.TestTables.V1;
import static org.charybdis.storage.engine.TestTables.ck;
import static org.charybdis.storage.engine.TestTables.i;
import static org.charybdis.storage.engine.TestTables.key;

/** Start-up cleanup: temporary files, SSTables without a TOC and compacted-away ancestors are deleted. */
class SSTableDirectoryTest {
    private static OnShard shard;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() { shard = new OnShard(); }

    @AfterAll
    static void stop() { shard.close(); }

    private SSTableReader write(SSTableFixture fixture, long generation, Set<Long> ancestors) {
        TestPartition p = TestPartition.of(key((int) generation), TestTables.layout(), b -> b.row(ck(1, "a")).cell(V1, i(1), 1, 0, 0));
        SSTableReader reader = fixture.write(generation, CompressionParams.DEFAULT, List.of(p), 0, ancestors);
        shard.get(() -> { reader.release(); return null; });
        shard.call(reader::whenClosed);
        return reader;
    }

    @Test
    void scanKeepsCompleteSSTablesAndDeletesLeftovers() throws Exception {
        SSTableFixture fixture = new SSTableFixture(shard, directory, null);
        write(fixture, 1, Set.of());
        write(fixture, 2, Set.of());
        write(fixture, 3, Set.of(1L, 2L)); // compaction output published, inputs not yet deleted
        write(fixture, 4, Set.of());
        write(fixture, 5, Set.of());
        Files.delete(fixture.context.files(5).path(Component.TOC)); // unfinished: no TOC
        Path temporary = fixture.context.files(6).temporaryPath(Component.DATA);
        Files.write(temporary, new byte[100]);
        Path unrelated = directory.resolve("notes.txt");
        Files.write(unrelated, new byte[1]);

        SSTableDirectory.Listing listing = shard.call(() -> SSTableDirectory.scan(directory, "ks.t", shard.io()));

        assertThat(listing.generations()).containsExactly(3L, 4L);
        assertThat(listing.nextGeneration()).isEqualTo(5);
        assertThat(listing.deleted()).contains(temporary, fixture.context.files(1).path(Component.TOC),
                fixture.context.files(5).path(Component.DATA));
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactlyElementsOf(
                    Stream.concat(Stream.of(Component.values()).filter(c -> !c.attached()).map(c -> fixture.context.files(3).fileName(c)),
                            Stream.concat(Stream.of(Component.values()).filter(c -> !c.attached()).map(c -> fixture.context.files(4).fileName(c)), Stream.of("notes.txt")))
                            .sorted().toList());
        }
        SSTableReader survivor = fixture.open(3);
        assertThat(survivor.ancestors()).containsExactly(1L, 2L);
        shard.get(() -> { survivor.release(); return null; });
    }

    @Test
    void emptyDirectoryStartsAtGenerationOne() {
        SSTableDirectory.Listing listing = shard.call(() -> SSTableDirectory.scan(directory.resolve("new"), "ks.t", shard.io()));
        assertThat(listing.generations()).isEmpty();
        assertThat(listing.nextGeneration()).isEqualTo(1);
        assertThat(directory.resolve("new")).isDirectory();
    }

    @Test
    void fileNamesParseBack() {
        SSTableFiles files = new SSTableFiles(directory, 42);
        assertThat(files.fileName(Component.DATA)).isEqualTo("chs-42-Data.db");
        assertThat(SSTableFiles.parse("chs-42-Data.db")).isEqualTo(new SSTableFiles.Parsed(42, Component.DATA, false));
        assertThat(SSTableFiles.parse("chs-42-TOC.txt.tmp")).isEqualTo(new SSTableFiles.Parsed(42, Component.TOC, true));
        assertThat(SSTableFiles.parse("chs-x-Data.db")).isNull();
        assertThat(SSTableFiles.parse("chs-42-Other.db")).isNull();
        assertThat(SSTableFiles.parse("nb-1-big-Data.db")).isNull();
    }
}
