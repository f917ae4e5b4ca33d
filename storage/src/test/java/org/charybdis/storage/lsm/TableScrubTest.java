package org.charybdis.storage.lsm;

import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.engine.DiskFailurePolicy;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.ScrubMode;
import org.charybdis.storage.engine.ScrubResult;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.TestTables;
import org.charybdis.storage.sstable.SSTableFiles;
import org.charybdis.storage.testing.FileDamage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charybdis.storage.engine.TestTables.V1;
import static org.charybdis.storage.engine.TestTables.ck;
import static org.charybdis.storage.engine.TestTables.i;
import static org.charybdis.storage.engine.TestTables.key;

/** charybdis admin scrub and disk_failure_policy: best_effort on one shard's table, with a damaged Data.db. */
class TableScrubTest {
    private static final long NOW = System.currentTimeMillis() / 1000;
    private static final int PARTITIONS = 400;
    private final TableLayout layout = TestTables.layout();
    private LsmTestNode node;
    private TableEngine table;

    @BeforeEach
    void open() throws IOException {
        node = new LsmTestNode(16 << 20);
        node.open(List.of(layout));
        table = node.table(layout);
    }

    @AfterEach
    void close() throws IOException {
        node.close();
    }

    @Test
    void skipRewritesEveryReadablePartitionAndQuarantinesTheDamagedOriginal() throws IOException {
        writePartitions(0, PARTITIONS);
        node.flush(table);
        Path data = single(dataFiles());
        FileDamage.flipSixteenBytesInTheMiddle(data);
        byte[] damaged = Files.readAllBytes(data);
        assertThatThrownBy(this::scan).hasMessageContaining("Corrupted SSTable file " + data);

        ScrubResult result = node.async(() -> table.scrub(ScrubMode.SKIP));

        assertThat(result.sstables()).isEqualTo(1);
        assertThat(result.quarantined()).isEqualTo(1);
        assertThat(result.partitionsCorrupt()).isBetween(1L, 40L);
        assertThat(result.partitionsKept() + result.partitionsCorrupt()).isEqualTo(PARTITIONS);
        assertIntact(scan(), result.partitionsKept());
        Path quarantined = data.resolveSibling(SSTableFiles.QUARANTINE_DIRECTORY).resolve(data.getFileName());
        assertThat(quarantined).hasBinaryContent(damaged);
        assertThat(dataFiles()).singleElement().isNotEqualTo(data);

        node.restart(List.of(layout));
        table = node.table(layout);
        assertIntact(scan(), result.partitionsKept());
    }

    @Test
    void abortStopsAtTheFirstCorruptPartitionAndChangesNothing() throws IOException {
        writePartitions(0, PARTITIONS);
        node.flush(table);
        Path data = single(dataFiles());
        FileDamage.flipSixteenBytesInTheMiddle(data);
        byte[] damaged = Files.readAllBytes(data);

        assertThatThrownBy(() -> node.async(() -> table.scrub(ScrubMode.ABORT)))
                .hasMessageContaining("scrub stopped at a corrupt partition").hasMessageContaining("mode skip");
        assertThat(dataFiles()).containsExactly(data);
        assertThat(data).hasBinaryContent(damaged);
        assertThat(data.resolveSibling(SSTableFiles.QUARANTINE_DIRECTORY)).doesNotExist();
    }

    @Test
    void validateQuarantinesOnlyTheCorruptSSTable() throws IOException {
        Path damaged = twoSSTables();
        FileDamage.flipSixteenBytesInTheMiddle(damaged);

        ScrubResult result = node.async(() -> table.scrub(ScrubMode.VALIDATE));

        assertThat(result.sstables()).isEqualTo(2);
        assertThat(result.quarantined()).isEqualTo(1);
        assertThat(dataFiles()).hasSize(1).doesNotContain(damaged);
        List<PartitionView> left = scan();
        assertThat(left).hasSize(50).allSatisfy(p -> assertThat(TestTables.intOf(p.key().key())).isGreaterThanOrEqualTo(PARTITIONS));
    }

    @Test
    void bestEffortQuarantinesAnSSTableThatDoesNotOpenAndServesTheRest() throws IOException {
        Path damaged = twoSSTables();
        Files.write(damaged.resolveSibling(damaged.getFileName().toString().replace("Data.db", "Statistics.db")), new byte[10]);

        node.restart(List.of(layout)); // stop, the default: the table refuses reads rather than answer without the file
        table = node.table(layout);
        assertThatThrownBy(this::scan).hasMessageContaining("disk_failure_policy: best_effort");

        node.diskFailurePolicy(DiskFailurePolicy.BEST_EFFORT);
        node.restart(List.of(layout));
        table = node.table(layout);
        assertThat(scan()).hasSize(50);
        assertThat(damaged.resolveSibling(SSTableFiles.QUARANTINE_DIRECTORY).resolve(damaged.getFileName())).exists();
    }

    @Test
    void bestEffortCompactionQuarantinesACorruptInputAndGoesOnWithoutIt() throws Exception {
        node.diskFailurePolicy(DiskFailurePolicy.BEST_EFFORT);
        node.restart(List.of(layout));
        table = node.table(layout);
        Path damaged = twoSSTables();
        FileDamage.flipSixteenBytesInTheMiddle(damaged);

        assertThatThrownBy(() -> node.compact(table)).hasMessageContaining("Corrupted SSTable file " + damaged);

        Path quarantined = damaged.resolveSibling(SSTableFiles.QUARANTINE_DIRECTORY).resolve(damaged.getFileName());
        assertThat(node.eventually(() -> Files.exists(quarantined))).isTrue();
        assertThat(scan()).hasSize(50);
    }

    @Test
    void quarantiningByFileTakesTheSSTableOutOfReads() throws Exception {
        Path first = twoSSTables();

        assertThat(node.call(() -> table.quarantine(first))).isTrue();
        assertThat(node.call(() -> table.quarantine(first))).isFalse();
        assertThat(scan()).hasSize(50);
        assertThat(node.eventually(() -> Files.exists(first.resolveSibling(SSTableFiles.QUARANTINE_DIRECTORY).resolve(first.getFileName()))))
                .isTrue();
    }

    /** An SSTable of PARTITIONS partitions, then one of 50 more; returns the first one's Data.db. */
    private Path twoSSTables() throws IOException {
        writePartitions(0, PARTITIONS);
        node.flush(table);
        Path first = single(dataFiles());
        writePartitions(PARTITIONS, 50);
        node.flush(table);
        return first;
    }

    private void writePartitions(int from, int count) {
        for (int pk = from; pk < from + count; pk++) {
            PartitionUpdate.Builder b = PartitionUpdate.builder(key(pk));
            b.row(ck(1, "a")).marker(3, 0, NOW).cell(V1, value(pk), 3, 0, NOW);
            node.write(table, b.build());
        }
    }

    /** 600 bytes that do not compress, derived from the key. */
    private static ByteBuffer value(int pk) {
        byte[] bytes = new byte[600];
        new SplittableRandom(pk).nextBytes(bytes);
        return ByteBuffer.wrap(bytes);
    }

    private List<PartitionView> scan() {
        return node.scan(table, null, ReadFilter.ALL, NOW);
    }

    private static void assertIntact(List<PartitionView> partitions, long expected) {
        assertThat(partitions).hasSize((int) expected).allSatisfy(p -> {
            int pk = TestTables.intOf(p.key().key());
            assertThat(p.rows().next().simpleCell(V1).value()).isEqualTo(value(pk));
        });
    }

    private List<Path> dataFiles() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> files = Files.walk(node.directory().resolve("data"))) {
                return files.filter(f -> f.getFileName().toString().endsWith("Data.db"))
                        .filter(f -> !f.getParent().getFileName().toString().equals(SSTableFiles.QUARANTINE_DIRECTORY)).toList();
            } catch (UncheckedIOException e) {
                // a background flush or compaction renamed a temporary file while the walk looked at it
                if (!(e.getCause() instanceof NoSuchFileException) || attempt == 3) throw e;
            }
        }
    }

    private static Path single(List<Path> files) {
        assertThat(files).hasSize(1);
        return files.getFirst();
    }
}
