package org.charybdis.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.charybdis.storage.commitlog.CommitLogConfig;
import org.charybdis.storage.engine.StorageParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code charybdis storage-bench}: drives a storage engine directly (no CQL, no network) on real files and reports
 * write, flush and compaction rates, amplification, SSTables per read, read latencies and memory; {@code --engine both}
 * runs the default LSM engine and RocksDB one after the other and compares them side by side.
 * Exit codes: 0 done, 1 the engine failed, 2 bad options.
 */
@Command(name = "storage-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark the storage engine: writes through the commitlog, flushes, compactions, point reads, memory.",
                "Two sizes: --bytes (default 1G of 1024-byte values, 64M memtable per shard) or --rows (default 100-byte values,"
                        + " 4M memtable per shard, so the rows are flushed into many SSTables).",
                "Run it with a fixed heap, e.g. CHARYBDIS_JVM_OPTS=-Xmx512m bin/charybdis storage-bench --bytes 1G."})
public final class StorageBenchCommand implements Callable<Integer> {
    static final long DEFAULT_BYTES = 1L << 30;
    static final String BOTH = "both";
    static final String ENGINES = "charybdis, rocksdb or both";

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

    @Option(names = "--engine", paramLabel = "<engine>", defaultValue = "charybdis",
            description = "The table's storage_engine: charybdis, rocksdb, or both (one after the other, then side by side) (default: ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--smp", paramLabel = "<n>", defaultValue = "1", description = "Shards (default: ${DEFAULT-VALUE})")
    int smp;

    @Option(names = "--dir", paramLabel = "<path>",
            description = "Directory for data/ and commitlog/, with --engine both for charybdis/ and rocksdb/ (default: a new temporary directory)")
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
        List<BenchSettings> runs;
        try {
            runs = runs();
        } catch (IllegalArgumentException e) {
            System.err.println("charybdis storage-bench: " + e.getMessage());
            return 2;
        }
        List<BenchReport> reports = new ArrayList<>();
        for (BenchSettings run : runs) {
            try {
                reports.add(new StorageBenchmark(run, System.err).run());
            } catch (IllegalArgumentException e) {
                System.err.println("charybdis storage-bench: " + e.getMessage());
                return 2;
            } catch (IOException | RuntimeException e) {
                System.err.println("charybdis storage-bench: the " + run.engine().optionValue() + " run failed: " + e);
                e.printStackTrace(System.err);
                return 1;
            }
        }
        try {
            String text = json ? toJson(reports.size() == 1 ? reports.getFirst() : byEngine(reports)) : text(reports);
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

    /** The runs the options ask for: one per engine, in {@link StorageParams.Engine} order, each in its own directory. */
    List<BenchSettings> runs() {
        BenchSettings first = settings();
        List<BenchSettings> runs = new ArrayList<>();
        for (StorageParams.Engine e : engines()) runs.add(e == first.engine() ? first : first.on(e, runDirectory(e)));
        return runs;
    }

    /** The options, checked and with the defaults of the chosen mode filled in, for the (first) engine. */
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
        StorageParams.Engine first = engines().getFirst();
        return new BenchSettings(rowCount, value, smp, runDirectory(first), keep, memtableBytes, size("--chunk-cache", chunkCache),
                indexCacheFraction, scaling, first, syncMode(commitlogSync), concurrency, reads, readConcurrency, !noMajor,
                Duration.ofSeconds(Math.max(0, settleTimeoutSeconds)), seed);
    }

    /** A report, or the reports of several engines keyed by engine, as JSON. */
    static String toJson(Object reports) throws IOException {
        ObjectMapper mapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT);
        return mapper.writeValueAsString(reports) + System.lineSeparator();
    }

    /** One report as it is; several one after the other under their engine's name, then side by side. */
    static String text(List<BenchReport> reports) {
        if (reports.size() == 1) return TextReport.format(reports.getFirst());
        StringBuilder text = new StringBuilder();
        for (BenchReport report : reports) {
            text.append("=== Engine ").append(report.setup().engine()).append(" ===\n").append(TextReport.format(report)).append('\n');
        }
        return text.append(EngineComparison.format(reports)).toString();
    }

    private static Map<String, BenchReport> byEngine(List<BenchReport> reports) {
        Map<String, BenchReport> byEngine = new LinkedHashMap<>();
        for (BenchReport report : reports) byEngine.put(report.setup().engine(), report);
        return byEngine;
    }

    private List<StorageParams.Engine> engines() {
        if (BOTH.equalsIgnoreCase(engine)) return List.of(StorageParams.Engine.values());
        StorageParams.Engine one = StorageParams.Engine.fromOption(engine);
        if (one == null) throw new IllegalArgumentException("--engine must be " + ENGINES + ": " + engine);
        return List.of(one);
    }

    /** --dir itself for one engine; a folder of it per engine when comparing, so the runs do not share files. */
    private Path runDirectory(StorageParams.Engine e) {
        return dir == null || !BOTH.equalsIgnoreCase(engine) ? dir : dir.resolve(e.optionValue());
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
