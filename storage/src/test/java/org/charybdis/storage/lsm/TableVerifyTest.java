package org.charybdis.storage.lsm;

import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.TestTables;
import org.charybdis.storage.engine.VerifyResult;
import org.charybdis.storage.sstable.SSTableFiles;
import org.charybdis.storage.testing.FileDamage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** verify of one shard's table: every component's checksums, the damaged SSTable quarantined, the others served. */
class TableVerifyTest {
    private static final long NOW = System.currentTimeMillis() / 1000;
    private final TableLayout layout = TestTables.layout();
    private LsmTestNode node;
    private TableEngine table;

    @BeforeEach
    void open() throws IOException {
        node = new LsmTestNode(16 << 20);
        node.open(List.of(layout));
        table = node.table(layout);
        node.call(() -> {
            table.autoCompaction(false); // two SSTables that stay two
            return null;
        });
    }

    @AfterEach
    void close() throws IOException {
        node.close();
    }

    @Test
    void intactSSTablesPassAndStayInService() throws IOException {
        writeTwoSSTables();

        VerifyResult result = node.async(table::verify);

        assertThat(result.sstables()).isEqualTo(2);
        assertThat(result.corrupt()).isEmpty();
        assertThat(scan()).hasSize(450);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Data.db", "Index.db", "Statistics.db", "Summary.db", "Filter.db", "CompressionInfo.db"})
    void aDamagedComponentIsNamedAndItsSSTableQuarantined(String component) throws IOException {
        Path first = writeTwoSSTables();
        Path damaged = first.resolveSibling(first.getFileName().toString().replace("Data.db", component));
        FileDamage.flipBytes(damaged, Files.size(damaged) / 2, 1);

        VerifyResult result = node.async(table::verify);

        assertThat(result.sstables()).isEqualTo(2);
        assertThat(result.corrupt()).singleElement().satisfies(finding -> {
            assertThat(finding.file()).isEqualTo(damaged.toString());
            assertThat(finding.problem()).contains("Corrupted SSTable file " + damaged).contains("checksum mismatch");
        });
        assertThat(damaged.resolveSibling(SSTableFiles.QUARANTINE_DIRECTORY).resolve(damaged.getFileName())).exists();
        assertThat(damaged).doesNotExist();
        assertThat(scan()).as("the second SSTable is still read").hasSize(50);
        assertThat(node.async(table::verify).corrupt()).isEmpty();
    }

    @Test
    void aTruncatedDataFileIsFound() throws IOException {
        Path first = writeTwoSSTables();
        try (var channel = java.nio.channels.FileChannel.open(first, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 100);
        }

        VerifyResult result = node.async(table::verify);

        assertThat(result.corrupt()).singleElement().satisfies(finding -> assertThat(finding.problem()).contains("truncated"));
    }

    /** 400 partitions in one SSTable, 50 in another; returns the first one's Data.db. */
    private Path writeTwoSSTables() throws IOException {
        node.writeIncompressible(table, 0, 400, NOW);
        node.flush(table);
        List<Path> first = dataFiles();
        assertThat(first).hasSize(1);
        node.writeIncompressible(table, 400, 50, NOW);
        node.flush(table);
        assertThat(dataFiles()).hasSize(2);
        return first.getFirst();
    }


    private List<PartitionView> scan() {
        return node.scan(table, null, ReadFilter.ALL, NOW);
    }

    private List<Path> dataFiles() throws IOException {
        try (Stream<Path> files = Files.walk(node.directory().resolve("data"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("Data.db"))
                    .filter(f -> !f.getParent().getFileName().toString().equals(SSTableFiles.QUARANTINE_DIRECTORY)).sorted().toList();
        }
    }
}
