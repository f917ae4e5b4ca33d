package org.charybdis.tools.bench;

import org.charybdis.server.cli.CharybdisCommand;
import org.charybdis.storage.commitlog.CommitLogConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Tiny runs on the real engine: they finish, read back what they wrote and fill in every figure. */
class StorageBenchmarkTest {
    @Test
    void aTinyRunMeasuresEveryPhase(@TempDir Path dir) throws Exception {
        BenchSettings settings = new BenchSettings(4000, 1024, 1, dir.resolve("run"), false, 4L << 20, 1L << 20, 0.5, "T4",
                CommitLogConfig.SyncMode.PERIODIC, 64, 500, 2, true, Duration.ofMinutes(2), 42);

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
    void theCommandPrintsTheWholeReport() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = CharybdisCommand.commandLine().execute("storage-bench", "--bytes", "2M", "--memtable", "4M", "--reads", "200",
                    "--concurrency", "32");
        } finally {
            System.setOut(originalOut);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        assertThat(text).contains("Setup", "Throughput:", "Write latency:", "Flush rate:", "Compaction rate:", "Write amplification:",
                "With the commitlog:", "SSTables:", "Space amplification:", "SSTables per read:", "Read latency:",
                "Point reads after the major compaction", "Memtable budget:", "Heap:", "Direct buffers:", "RSS:");
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
