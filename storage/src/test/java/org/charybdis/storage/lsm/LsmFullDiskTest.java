package org.charybdis.storage.lsm;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.StorageParams;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.TestTables;
import org.charybdis.storage.engine.WriteUnavailableException;
import org.charybdis.storage.file.TmpfsMount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Flushes and compactions on a data disk that really fills up (a small tmpfs; the commitlog lives elsewhere): a
 * failed one leaves no file behind and loses nothing, is logged once rather than per attempt, and is retried by
 * itself until space is freed. Writes that need memtable memory no flush can free are refused at once.
 */
class LsmFullDiskTest {
    private static final long NOW = System.currentTimeMillis() / 1000;
    private static final int ROW_BYTES = 1024;

    @TempDir
    Path dir;
    private TmpfsMount disk;
    private LsmTestNode node;
    private final SplittableRandom random = new SplittableRandom(7);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final List<Logger> watched = List.of(logger(MemtableFlushes.class), logger(TableCompactions.class));
    private int nextKey;

    @BeforeEach
    void mount() {
        disk = TmpfsMount.mount(dir.resolve("fs"), 8L << 20);
        logged.start();
        for (Logger l : watched) l.addAppender(logged);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Logger l : watched) l.detachAppender(logged);
        try {
            if (node != null) node.close();
        } finally {
            disk.close();
        }
    }

    @Test
    void aFlushThatFindsTheDiskFullLeavesNoFileAndIsRetriedUntilSpaceIsFreed() throws Exception {
        TableEngine table = open(64L << 20, withCompaction("false"));
        for (int i = 0; i < 1000; i++) node.write(table, row());
        Path filler = disk.fill("filler", 64 << 10);

        assertThatThrownBy(() -> node.flush(table)).isInstanceOf(CompletionException.class).hasMessageContaining("No space left on device");
        Thread.sleep(1500); // the first retry (after 1 s) fails too
        assertThat(tableFiles()).as("no partial SSTable file stays behind").isEmpty();
        assertThat(liveRows(table)).as("the memtable still serves reads").isEqualTo(1000);

        Files.delete(filler);
        assertThat(node.eventually(() -> table.stats().sstableCount() == 1 && table.stats().pendingFlushes() == 0)).isTrue();
        assertThat(liveRows(table)).isEqualTo(1000);
        assertOneOutageLogged("Flushes of ks.t on shard 0: a flush failed: no space left on device in " + tableDirectory());
    }

    @Test
    void aCompactionThatFindsTheDiskFullDeletesItsOutputKeepsItsInputsAndRunsAgainLater() throws Exception {
        TableEngine table = open(64L << 20, withCompaction("false"));
        for (int flush = 0; flush < 2; flush++) {
            for (int i = 0; i < 600; i++) node.write(table, row());
            node.flush(table);
        }
        List<Path> inputs = tableFiles();
        Path filler = disk.fill("filler", 64 << 10);

        enableCompaction(table);
        assertThat(node.eventually(() -> logged.list.stream().anyMatch(e -> e.getLevel() == Level.ERROR))).isTrue();
        Thread.sleep(1500); // the first retry (after 1 s) fails too
        assertThat(tableFiles()).as("the inputs stay, the partial output is gone").isEqualTo(inputs);
        assertThat(node.stats(table).sstableCount()).isEqualTo(2);
        assertThat(liveRows(table)).isEqualTo(1200);

        Files.delete(filler);
        assertThat(node.eventually(() -> table.stats().sstableCount() == 1)).as("compacted once space came back").isTrue();
        assertThat(liveRows(table)).isEqualTo(1200);
        assertOneOutageLogged("Compactions of ks.t on shard 0: a compaction of 2 SSTables failed: no space left on device in " + tableDirectory());
    }

    @Test
    void writesNeedingMemoryNoFlushCanFreeAreRefusedAtOnceUntilSpaceIsFreed() throws Exception {
        TableEngine table = open(4L << 20, withCompaction("false"));
        Path filler = disk.fill("filler", 64 << 10);

        Throwable refused = null;
        int acknowledged = 0;
        while (refused == null) {
            try {
                node.write(table, row());
                acknowledged++;
            } catch (CompletionException e) {
                refused = e.getCause();
            }
        }
        assertThat(refused).isInstanceOf(WriteUnavailableException.class).hasMessage("Cannot write: the memtables of shard 0 are full "
                + "and cannot be flushed: no space left on device in " + tableDirectory() + "; writes resume once space is freed");
        assertThat(liveRows(table)).isEqualTo(acknowledged);

        Files.delete(filler);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try {
                node.write(table, row());
                break;
            } catch (CompletionException e) {
                assertThat(System.nanoTime()).as("writes still refused 20 s after space came back: " + e.getCause()).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
        assertThat(liveRows(table)).isEqualTo(acknowledged + 1);
    }

    private TableEngine open(long memtableBytes, TableLayout layout) throws Exception {
        node = new LsmTestNode(memtableBytes, disk.path().resolve("data"));
        node.open(List.of(layout));
        return node.table(layout);
    }

    private static TableLayout withCompaction(String enabled) {
        TableLayout layout = TestTables.layout();
        StorageParams params = layout.storageParams();
        return layout.withStorageParams(new StorageParams(Map.of("class", "UnifiedCompactionStrategy", "scaling_parameters", "T2",
                "enabled", enabled), params.compression(), params.bloomFilterFpChance()));
    }

    private void enableCompaction(TableEngine table) {
        node.call(() -> {
            table.updateLayout(withCompaction("true"));
            return null;
        });
    }

    /** The one ERROR line of the outage (no stack trace), and the line saying it ended. */
    private void assertOneOutageLogged(String problem) {
        List<ILoggingEvent> errors = logged.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.getFirst().getFormattedMessage()).startsWith(problem);
        assertThat(errors.getFirst().getThrowableProxy()).isNull();
        assertThat(logged.list).anyMatch(e -> e.getLevel() == Level.INFO && e.getFormattedMessage().contains("works again"));
    }

    private PartitionUpdate row() {
        return TestTables.incompressibleRow(nextKey++, ROW_BYTES, random, NOW);
    }

    private int liveRows(TableEngine table) {
        return node.scan(table, null, ReadFilter.ALL, NOW).size();
    }

    private Path tableDirectory() throws Exception {
        try (Stream<Path> shards = Files.walk(disk.path().resolve("data"))) {
            return shards.filter(p -> p.getFileName().toString().equals("shard-0")).findFirst().orElseThrow();
        }
    }

    private List<Path> tableFiles() throws Exception {
        try (Stream<Path> files = Files.list(tableDirectory())) {
            return new ArrayList<>(files.sorted().toList());
        }
    }

    private static Logger logger(Class<?> type) {
        return (Logger) LoggerFactory.getLogger(type);
    }
}
