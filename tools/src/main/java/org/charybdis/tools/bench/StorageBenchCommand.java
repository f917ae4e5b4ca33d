package org.charybdis.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.charybdis.storage.commitlog.CommitLogConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code charybdis storage-bench}: drives the LSM engine directly (no CQL, no network) on real files and reports
 * write, flush and compaction rates, amplification, SSTables per read, read latencies and memory.
 * Exit codes: 0 done, 1 the engine failed, 2 bad options.
 */
@Command(name = "storage-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark the storage engine: writes through the commitlog, flushes, compactions, point reads, memory.",
                "Two sizes: --bytes (default 1G of 1024-byte values, 64M memtable per shard) or --rows (default 100-byte values,"
                        + " 4M memtable per shard, so the rows are flushed into many SSTables).",
                "Run it with a fixed heap, e.g. CHARYBDIS_JVM_OPTS=-Xmx512m bin/charybdis storage-bench --bytes 1G."})
public final class StorageBenchCommand implements Callable<Integer> {
    static final long DEFAULT_BYTES = 1L << 30;

    @Option(names = "--bytes", paramLabel = "<size>", description = "User data to write (key + value bytes), e.g. 1G (default when --rows is not given: 1G)")
    String bytes;

    @Option(names = "--rows", paramLabel = "<n>", description = "Rows to write instead of --bytes, e.g. 1000000")
    Long rows;

    @Option(names = "--value-size", paramLabel = "<size>", description = "Bytes of every row's value (default: 1024 with --bytes, 100 with --rows)")
    String valueSize;

    @Option(names = "--memtable", paramLabel = "<size>", description = "Memtable budget per shard (default: 64M with --bytes, 4M with --rows)")
    String memtable;

    @Option(names = "--scaling", paramLabel = "<params>", defaultValue = "T4", description = "UCS scaling_parameters: T4, L10, N, T4,T4,L10 ... (default: ${DEFAULT-VALUE})")
    String scaling;

    @Option(names = "--smp", paramLabel = "<n>", defaultValue = "1", description = "Shards (default: ${DEFAULT-VALUE})")
    int smp;

    @Option(names = "--dir", paramLabel = "<path>", description = "Directory for data/ and commitlog/ (default: a new temporary directory)")
    Path dir;

    @Option(names = "--keep", description = "Keep the files after the run (default: delete them)")
    boolean keep;

    @Option(names = "--commitlog-sync", paramLabel = "<mode>", defaultValue = "periodic", description = "periodic or batch (default: ${DEFAULT-VALUE})")
    String commitlogSync;

    @Option(names = "--concurrency", paramLabel = "<n>", defaultValue = "256", description = "Writes in flight per shard (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--reads", paramLabel = "<n>", defaultValue = "100000", description = "Random point reads, before and after the major compaction (default: ${DEFAULT-VALUE})")
    long reads;

    @Option(names = "--read-concurrency", paramLabel = "<n>", defaultValue = "1", description = "Reads in flight per shard (default: ${DEFAULT-VALUE}, pure latency)")
    int readConcurrency;

    @Option(names = "--chunk-cache", paramLabel = "<size>", defaultValue = "32M", description = "Decompressed chunk cache per shard (default: ${DEFAULT-VALUE})")
    String chunkCache;

    @Option(names = "--index-cache-fraction", paramLabel = "<share>", defaultValue = "0.5",
            description = "Share of the chunk cache index spans may take, with priority over data chunks (default: ${DEFAULT-VALUE})")
    double indexCacheFraction;

    @Option(names = "--no-major", description = "Skip the major compaction and the reads after it")
    boolean noMajor;

    @Option(names = "--settle-timeout", paramLabel = "<seconds>", defaultValue = "3600", description = "Longest wait for compactions to settle (default: ${DEFAULT-VALUE})")
    long settleTimeoutSeconds;

    @Option(names = "--seed", paramLabel = "<n>", defaultValue = "42", description = "Seed of the key order, values and read keys (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", description = "Print the report as JSON")
    boolean json;

    @Option(names = "--output", paramLabel = "<file>", description = "Write the report to this file instead of standard output")
    Path output;

    @Override
    public Integer call() throws InterruptedException {
        BenchSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            System.err.println("charybdis storage-bench: " + e.getMessage());
            return 2;
        }
        BenchReport report;
        try {
            report = new StorageBenchmark(settings, System.err).run();
        } catch (IllegalArgumentException e) {
            System.err.println("charybdis storage-bench: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            System.err.println("charybdis storage-bench: the run failed: " + e);
            e.printStackTrace(System.err);
            return 1;
        }
        try {
            String text = json ? toJson(report) : TextReport.format(report);
            if (output == null) {
                PrintStream out = System.out;
                out.print(text);
                out.flush();
            } else {
                Files.writeString(output, text, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            System.err.println("charybdis storage-bench: cannot write the report to " + output + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }

    /** The options, checked and with the defaults of the chosen mode filled in. */
    BenchSettings settings() {
        if (bytes != null && rows != null) throw new IllegalArgumentException("give either --bytes or --rows, not both");
        boolean rowMode = rows != null;
        int value = valueSize == null ? (rowMode ? 100 : 1024) : intSize("--value-size", valueSize);
        long rowCount;
        if (rowMode) {
            rowCount = rows;
        } else {
            long total = bytes == null ? DEFAULT_BYTES : size("--bytes", bytes);
            long perRow = BenchSettings.KEY_SIZE + (long) value;
            if (total < perRow) throw new IllegalArgumentException("--bytes " + bytes + " is less than one row (" + perRow + " bytes)");
            rowCount = total / perRow;
        }
        long memtableBytes = memtable == null ? (rowMode ? 4L << 20 : 64L << 20) : size("--memtable", memtable);
        return new BenchSettings(rowCount, value, smp, dir, keep, memtableBytes, size("--chunk-cache", chunkCache), indexCacheFraction, scaling,
                syncMode(commitlogSync), concurrency, reads, readConcurrency, !noMajor, Duration.ofSeconds(Math.max(0, settleTimeoutSeconds)), seed);
    }

    static String toJson(BenchReport report) throws IOException {
        ObjectMapper mapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT);
        return mapper.writeValueAsString(report) + System.lineSeparator();
    }

    private static CommitLogConfig.SyncMode syncMode(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "periodic" -> CommitLogConfig.SyncMode.PERIODIC;
            case "batch" -> CommitLogConfig.SyncMode.BATCH;
            default -> throw new IllegalArgumentException("--commitlog-sync must be periodic or batch: " + text);
        };
    }

    private static long size(String option, String text) {
        try {
            return ByteAmount.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    private static int intSize(String option, String text) {
        long value = size(option, text);
        if (value > Integer.MAX_VALUE) throw new IllegalArgumentException(option + " is too large: " + text);
        return (int) value;
    }
}
