package org.charybdis.tools.bench;

import org.charybdis.server.cli.CharybdisCommand;
import org.charybdis.storage.commitlog.CommitLogConfig;
import org.charybdis.storage.engine.StorageParams;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Option parsing and validation of {@code charybdis storage-bench}; nothing here writes data. */
class StorageBenchCommandTest {
    @Test
    void bytesModeDefaultsToOneGibOfKibValuesAndA64MibMemtable() {
        BenchSettings s = parse();
        assertThat(s.valueSize()).isEqualTo(1024);
        assertThat(s.rows()).isEqualTo((1L << 30) / (1024 + BenchSettings.KEY_SIZE));
        assertThat(s.memtablePerShard()).isEqualTo(64L << 20);
        assertThat(s.shards()).isEqualTo(1);
        assertThat(s.scaling()).isEqualTo("T4");
        assertThat(s.syncMode()).isEqualTo(CommitLogConfig.SyncMode.PERIODIC);
        assertThat(s.concurrency()).isEqualTo(256);
        assertThat(s.reads()).isEqualTo(100_000);
        assertThat(s.majorCompaction()).isTrue();
        assertThat(s.directory()).isNull();
        assertThat(s.keep()).isFalse();
        assertThat(s.engine()).isEqualTo(StorageParams.Engine.CHARYBDIS);
    }

    @Test
    void engineChoosesTheTablesStorageEngine() {
        BenchSettings s = parse("--engine", "RocksDB", "--rows", "1000", "--dir", "/tmp/x");
        assertThat(s.engine()).isEqualTo(StorageParams.Engine.ROCKSDB);
        assertThat(s.directory()).hasToString("/tmp/x");
        assertThat(BenchTable.layout(s).storageParams().engine()).isEqualTo(StorageParams.Engine.ROCKSDB);
    }

    @Test
    void bothRunsEveryEngineInItsOwnFolderOfDirWithTheSameLoad() {
        StorageBenchCommand command = new StorageBenchCommand();
        new CommandLine(command).parseArgs("--engine", "both", "--rows", "1000", "--dir", "/tmp/x", "--seed", "7");
        List<BenchSettings> runs = command.runs();

        assertThat(runs).extracting(BenchSettings::engine).containsExactly(StorageParams.Engine.CHARYBDIS, StorageParams.Engine.ROCKSDB);
        assertThat(runs).extracting(r -> r.directory().toString()).containsExactly("/tmp/x/charybdis", "/tmp/x/rocksdb");
        assertThat(runs).extracting(BenchSettings::rows, BenchSettings::seed).containsOnly(org.assertj.core.groups.Tuple.tuple(1000L, 7L));
    }

    @Test
    void rowsModeDefaultsToSmallValuesAndASmallMemtable() {
        BenchSettings s = parse("--rows", "1000000", "--scaling", "L10", "--smp", "2");
        assertThat(s.rows()).isEqualTo(1_000_000);
        assertThat(s.valueSize()).isEqualTo(100);
        assertThat(s.memtablePerShard()).isEqualTo(4L << 20);
        assertThat(s.memtableBudget()).isEqualTo(8L << 20);
        assertThat(s.userBytes()).isEqualTo(1_000_000L * (100 + BenchSettings.KEY_SIZE));
        assertThat(s.compactionOptions()).containsEntry("scaling_parameters", "L10").containsEntry("class", "UnifiedCompactionStrategy");
    }

    @Test
    void sizesTakeUnitsAndEveryOptionIsHonoured() {
        BenchSettings s = parse("--bytes", "4M", "--value-size", "1k", "--memtable", "8M", "--commitlog-sync", "BATCH",
                "--concurrency", "16", "--reads", "0", "--read-concurrency", "4", "--no-major", "--keep", "--dir", "/tmp/x",
                "--settle-timeout", "60", "--seed", "9", "--chunk-cache", "0");
        assertThat(s.rows()).isEqualTo((4L << 20) / (1024 + 8));
        assertThat(s.memtablePerShard()).isEqualTo(8L << 20);
        assertThat(s.syncMode()).isEqualTo(CommitLogConfig.SyncMode.BATCH);
        assertThat(s.concurrency()).isEqualTo(16);
        assertThat(s.reads()).isZero();
        assertThat(s.readConcurrency()).isEqualTo(4);
        assertThat(s.majorCompaction()).isFalse();
        assertThat(s.keep()).isTrue();
        assertThat(s.directory()).hasToString("/tmp/x");
        assertThat(s.settleTimeout().toSeconds()).isEqualTo(60);
        assertThat(s.seed()).isEqualTo(9);
        assertThat(s.chunkCachePerShard()).isZero();
    }

    @Test
    void badOptionsAreRefusedWithTheOptionNamed() {
        assertRefused("give either --bytes or --rows", "--bytes", "1G", "--rows", "10");
        assertRefused("--bytes: not a size: 'huge'", "--bytes", "huge");
        assertRefused("--memtable must be at least 4.00 MiB", "--memtable", "1M");
        assertRefused("--scaling must be UCS scaling parameters", "--scaling", "X9");
        assertRefused("--commitlog-sync must be periodic or batch", "--commitlog-sync", "sometimes");
        assertRefused("--smp must be between 1", "--smp", "0");
        assertRefused("--value-size must be between 1", "--value-size", "0");
        assertRefused("--rows must be between 1", "--rows", "0");
        assertRefused("--concurrency must be between 1", "--concurrency", "0");
        assertRefused("--reads must not be negative", "--reads", "-1");
        assertRefused("--settle-timeout must be positive", "--settle-timeout", "0");
        assertRefused("less than one row", "--bytes", "100", "--value-size", "1k");
        assertRefused("--engine must be charybdis, rocksdb or both: leveldb", "--engine", "leveldb");
    }

    @Test
    void theCharybdisCommandRunsItAndExitsWithTwoOnBadOptions() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            CommandLine line = CharybdisCommand.commandLine();
            line.setErr(new PrintWriter(System.err, true));
            code = line.execute("storage-bench", "--memtable", "2M");
        } finally {
            System.setErr(originalErr);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("charybdis storage-bench: --memtable must be at least 4.00 MiB");
    }

    @Test
    void helpListsTheOptions() {
        CommandLine line = CharybdisCommand.commandLine();
        assertThat(line.getSubcommands()).containsKey("storage-bench");
        String usage = line.getSubcommands().get("storage-bench").getUsageMessage();
        assertThat(usage).contains("--bytes", "--rows", "--value-size", "--memtable", "--scaling", "--smp", "--dir", "--keep", "--reads", "--json",
                "--engine");
    }

    private static BenchSettings parse(String... args) {
        StorageBenchCommand command = new StorageBenchCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    private static void assertRefused(String message, String... args) {
        assertThatThrownBy(() -> parse(args)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
