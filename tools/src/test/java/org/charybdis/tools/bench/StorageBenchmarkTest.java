package org.charybdis.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.charybdis.server.cli.CharybdisCommand;
import org.charybdis.storage.commitlog.CommitLogConfig;
import org.charybdis.storage.engine.StorageParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tiny runs on the real engine: they finish, read back what they wrote and fill in every figure. */
class StorageBenchmarkTest {
    @Test
    void aTinyRunMeasuresEveryPhase(@TempDir Path dir) throws Exception {
        BenchSettings settings = new BenchSettings(4000, 1024, 1, dir.resolve("run"), false, 4L << 20, 1L << 20, 0.5, "T4",
                StorageParams.Engine.CHARYBDIS, CommitLogConfig.SyncMode.PERIODIC, 64, 500, 2, true, Duration.ofMinutes(2), 42);

        BenchReport report = new StorageBenchmark(settings, null).run();

        assertThat(report.writes().rows()).isEqualTo(4000);
        assertThat(report.writes().userBytes()).isEqualTo(4000L * 1032);
        assertThat(report.writes().latency().count()).isEqualTo(4000);
        assertThat(report.background().flushes()).isGreaterThanOrEqualTo(1);
        assertThat(report.background().bytesFlushed()).isPositive();
        assertThat(report.background().settled()).isTrue();
        assertThat(report.amplification().write()).isGreaterThanOrEqualTo(1.0);
        assertThat(report.files().sstablesSettled()).isPositive();
        assertThat(report.files().spaceAmplification()).isBetween(0.9, 3.0);
        assertThat(report.reads().reads()).isEqualTo(500);
        assertThat(report.reads().wrongAnswers()).isZero();
        assertThat(report.reads().sstablesPerRead()).isGreaterThanOrEqualTo(1.0);
        assertThat(report.reads().latency().count()).isEqualTo(500);
        assertThat(report.major().sstables()).isEqualTo(1);
        assertThat(report.major().reads().wrongAnswers()).isZero();
        assertThat(report.major().reads().sstablesPerRead()).isEqualTo(1.0);
        assertThat(report.memory().memtableBudget()).isEqualTo(4L << 20);
        assertThat(report.memory().maxHeapUsed()).isPositive();
        assertThat(report.memory().maxResident()).isPositive();
        assertThat(report.warnings()).isEmpty();
        assertThat(dir.resolve("run").resolve("data")).doesNotExist(); // files deleted without --keep
    }

    @Test
    void aTinyRocksdbRunMeasuresThroughputLatencyAndAmplification(@TempDir Path dir) throws Exception {
        BenchSettings settings = new BenchSettings(4000, 1024, 1, dir.resolve("run"), false, 4L << 20, 1L << 20, 0.5, "T4",
                StorageParams.Engine.ROCKSDB, CommitLogConfig.SyncMode.PERIODIC, 64, 500, 2, true, Duration.ofMinutes(2), 42);

        BenchReport report = new StorageBenchmark(settings, null).run();

        assertThat(report.setup().engine()).isEqualTo("rocksdb");
        assertThat(report.setup().engineConfig()).contains("RocksDB leveled compaction");
        assertThat(report.writes().rows()).isEqualTo(4000);
        assertThat(report.writes().latency().count()).isEqualTo(4000);
        assertThat(report.background().flushes()).isGreaterThanOrEqualTo(1);
        assertThat(report.background().settled()).isTrue();
        assertThat(report.amplification().write()).isPositive(); // RocksDB's flush and compaction bytes, from its listener
        assertThat(report.files().sstablesSettled()).isPositive();
        assertThat(report.files().spaceAmplification()).isPositive();
        assertThat(report.reads().reads()).isEqualTo(500);
        assertThat(report.reads().wrongAnswers()).isZero();
        assertThat(report.reads().latency().count()).isEqualTo(500);
        assertThat(report.major().sstables()).isPositive();
        assertThat(report.major().spaceAmplification()).isPositive();
        assertThat(report.major().dataDirectoryBytes()).isGreaterThanOrEqualTo(report.major().sstableBytes());
        assertThat(report.major().reads().wrongAnswers()).isZero();
        assertThat(report.warnings()).isEmpty();
        assertThat(dir.resolve("run").resolve("data")).doesNotExist();
    }

    @Test
    void bothEnginesRunOneAfterTheOtherAndAreComparedSideBySide() {
        String text = runCommand("storage-bench", "--engine", "both", "--rows", "3000", "--reads", "200", "--concurrency", "32");

        assertThat(text).contains("=== Engine charybdis ===", "=== Engine rocksdb ===", "Engines side by side",
                "Write throughput (MiB/s)", "Write latency p99", "Reads/s after the writes", "Read latency p99 after the major",
                "Write amplification", "with the commitlog (process)", "Space amplification once settled",
                "Space amplification after the major", "data/ after the major (x user data)", "ratio");
        String comparison = text.substring(text.indexOf("Engines side by side"));
        assertThat(comparison.lines().filter(l -> l.startsWith("  Write amplification")).findFirst().orElseThrow().split("\\s+"))
                .hasSize(6); // label (two words), two figures, the ratio
    }

    @Test
    void bothEnginesAsJsonAreKeyedByEngineAndKeepTheirFilesApart(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        int code = CharybdisCommand.commandLine().execute("storage-bench", "--engine", "both", "--rows", "2000", "--reads", "100",
                "--keep", "--dir", dir.resolve("run").toString(), "--json", "--output", report.toString());

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        for (String engine : List.of("charybdis", "rocksdb")) {
            JsonNode run = json.path(engine);
            assertThat(run.path("setup").path("engine").asText()).isEqualTo(engine);
            assertThat(run.path("writes").path("mib_per_second").asDouble()).isPositive();
            assertThat(run.path("writes").path("latency").path("p99_micros").asLong()).isPositive();
            assertThat(run.path("reads").path("reads_per_second").asDouble()).isPositive();
            assertThat(run.path("amplification").path("write").asDouble()).isPositive();
            assertThat(run.path("major").path("data_directory_amplification").asDouble()).isPositive();
        }
        assertThat(dir.resolve("run/charybdis/data")).isDirectory();
        assertThat(dir.resolve("run/rocksdb/data/rocksdb-engine/shard-0")).isDirectory();
    }

    @Test
    void theCommandPrintsTheWholeReport() {
        String text = runCommand("storage-bench", "--bytes", "2M", "--memtable", "4M", "--reads", "200", "--concurrency", "32");
        assertThat(text).contains("Setup", "Engine:", "Throughput:", "Write latency:", "Flush rate:", "Compaction rate:", "Write amplification:",
                "With the commitlog:", "SSTables:", "Space amplification:", "SSTables per read:", "Read latency:",
                "Point reads after the major compaction", "Memtable budget:", "Heap:", "Direct buffers:", "RSS:");
    }

    /** Runs the command, checks it exits with 0 and returns what it printed. */
    private static String runCommand(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = CharybdisCommand.commandLine().execute(args);
        } finally {
            System.setOut(originalOut);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        return text;
    }

    @Test
    void keepLeavesTheFilesAndJsonGoesToTheOutputFile(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        int code = CharybdisCommand.commandLine().execute("storage-bench", "--rows", "2000", "--reads", "100", "--no-major", "--keep",
                "--dir", dir.resolve("run").toString(), "--json", "--output", report.toString());

        assertThat(code).isZero();
        assertThat(Files.readString(report)).contains("\"sstables_per_read\"").contains("\"major\" : null");
        assertThat(dir.resolve("run").resolve("data")).isDirectory();
        assertThat(dir.resolve("run").resolve("commitlog")).isDirectory();
    }

    @Test
    void aDirectoryHoldingAnEarlierRunIsRefused(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = CharybdisCommand.commandLine().execute("storage-bench", "--rows", "10", "--dir", dir.toString());
        } finally {
            System.setErr(originalErr);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("already holds data/").contains("choose an empty directory");
    }
}
