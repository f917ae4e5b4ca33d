package org.charybdis.tools.bench;

import org.HdrHistogram.Histogram;
import org.charybdis.storage.dht.ShardOf;
import org.charybdis.storage.engine.StorageParams;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.rocks.RocksSettings;
import org.charybdis.tools.proc.ProcFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One benchmark run: writes every row through the commitlog with bounded concurrency, flushes, waits until
 * compaction settles, reads random rows, compacts everything and reads again, sampling memory throughout.
 */
public final class StorageBenchmark {
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long SETTLE_POLL_MILLIS = 200;
    private static final long STEADY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final BenchSettings settings;
    private final PrintStream progress;
    private final List<String> warnings = new ArrayList<>();

    /** @param progress where progress lines go while the run lasts (stderr for the command), or null */
    public StorageBenchmark(BenchSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public BenchReport run() throws IOException, InterruptedException {
        long processWritesBefore = ProcFiles.storageWriteBytes();
        try (MemorySampler memory = new MemorySampler().start(); BenchNode node = BenchNode.open(settings)) {
            say("storage-bench: %d rows of %d-byte values (%s) on %d shard(s) in %s", settings.rows(), settings.valueSize(),
                    ByteAmount.format(settings.userBytes()), settings.shards(), node.directory());
            ShardOf shardOf = ShardOf.withDefaultIgnoreMsb(settings.shards());
            BenchTable table = new BenchTable(settings.valueSize(), settings.seed());

            BenchReport.Writes writes = write(node, table, shardOf);
            TableEngine.Stats whenWritesEnded = node.stats();
            long settleStarted = System.nanoTime();
            node.onEveryShardAndWait(i -> node.table(i).flush());
            boolean settled = settle(node);
            double settleSeconds = seconds(System.nanoTime() - settleStarted);
            TableEngine.Stats settledStats = node.stats();
            long processWrites = processWritesBefore < 0 ? -1 : ProcFiles.storageWriteBytes() - processWritesBefore;

            BenchReport.Reads reads = read(node, table, shardOf, settings.seed() + 1);
            BenchReport.Major major = settings.majorCompaction() ? major(node, table, shardOf) : null;
            MemorySampler.Peaks peaks = memory.finish();
            return new BenchReport(setup(node), writes, background(settledStats.io(), writes.seconds() + settleSeconds, settleSeconds, settled),
                    amplification(settledStats.io(), processWrites), files(whenWritesEnded, settledStats), reads, major,
                    memory(peaks), List.copyOf(warnings));
        }
    }

    private BenchReport.Writes write(BenchNode node, BenchTable table, ShardOf shardOf) throws InterruptedException {
        KeyOrder order = new KeyOrder(settings.rows(), settings.seed());
        ShardWriter[] writers = new ShardWriter[node.shardCount()];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = new ShardWriter(node.shard(i), node.storage(i), node.table(i), table, order, shardOf, settings.concurrency());
        }
        long started = System.nanoTime();
        List<CompletableFuture<Histogram>> running = node.onEveryShard(i -> writers[i].start());
        CompletableFuture<Void> all = CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
        waitWithProgress(all, () -> {
            long rows = 0;
            for (ShardWriter w : writers) rows += w.written();
            long elapsed = System.nanoTime() - started;
            long bytes = rows * (BenchSettings.KEY_SIZE + (long) settings.valueSize());
            return String.format(Locale.ROOT, "writes: %.0f%% (%s), %.1f MiB/s", 100.0 * rows / settings.rows(),
                    ByteAmount.format(bytes), ByteAmount.mibPerSecond(bytes, elapsed));
        });
        long nanos = System.nanoTime() - started;
        Histogram latency = LatencySummary.newHistogram();
        for (CompletableFuture<Histogram> shard : running) latency.add(shard.join());
        long bytes = settings.userBytes();
        return new BenchReport.Writes(settings.rows(), bytes, seconds(nanos), ByteAmount.mibPerSecond(bytes, nanos),
                settings.rows() / seconds(nanos), LatencySummary.of(latency));
    }

    /** Waits until no shard has anything to flush or compact, or the settle timeout passes. */
    private boolean settle(BenchNode node) throws InterruptedException {
        long deadline = System.nanoTime() + settings.settleTimeout().toNanos();
        long nextProgress = System.nanoTime() + PROGRESS_NANOS;
        while (!node.idle()) {
            if (System.nanoTime() > deadline) {
                warnings.add("compaction had not settled after " + settings.settleTimeout().toSeconds() + " s (--settle-timeout); figures are taken anyway");
                return false;
            }
            if (System.nanoTime() > nextProgress) {
                TableEngine.Stats s = node.stats();
                say("settling: %d SSTables, %d compactions pending, %d running", s.sstableCount(), s.pendingCompactions(), runningCompactions(node));
                nextProgress += PROGRESS_NANOS;
            }
            Thread.sleep(SETTLE_POLL_MILLIS);
        }
        return true;
    }

    private static int runningCompactions(BenchNode node) {
        int running = 0;
        for (int i = 0; i < node.shardCount(); i++) {
            TableEngine table = node.table(i);
            running += node.call(i, () -> table.activeCompactions().size());
        }
        return running;
    }

    private BenchReport.Reads read(BenchNode node, BenchTable table, ShardOf shardOf, long seed) throws InterruptedException {
        if (settings.reads() == 0) return new BenchReport.Reads(0, 0, 0, 0, 0, 0, 0, 0, LatencySummary.NONE);
        TableEngine.Stats before = node.stats();
        BenchNode.ReadCosts costsBefore = node.readCosts();
        long started = System.nanoTime();
        int shards = node.shardCount();
        List<CompletableFuture<ShardReader.Result>> running = node.onEveryShard(i -> {
            long share = settings.reads() / shards + (i < settings.reads() % shards ? 1 : 0);
            return new ShardReader(node.shard(i), node.table(i), table, shardOf, settings.rows(), share, settings.readConcurrency(),
                    seed * 31 + i).start();
        });
        waitWithProgress(CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)), () -> "reads: running");
        long nanos = System.nanoTime() - started;
        TableEngine.Stats after = node.stats();
        BenchNode.ReadCosts costs = node.readCosts().minus(costsBefore);
        Histogram latency = LatencySummary.newHistogram();
        long wrong = 0;
        for (CompletableFuture<ShardReader.Result> shard : running) {
            latency.add(shard.join().latencyMicros());
            wrong += shard.join().wrongAnswers();
        }
        if (wrong > 0) warnings.add(wrong + " of " + settings.reads() + " reads did not return the row written: an engine bug");
        long engineReads = after.reads() - before.reads();
        double perRead = engineReads == 0 ? 0 : (double) (after.sstablesRead() - before.sstablesRead()) / engineReads;
        double reads = settings.reads();
        return new BenchReport.Reads(settings.reads(), wrong, perRead, costs.diskReads() / reads, costs.indexMisses() / reads,
                costs.dataMisses() / reads, seconds(nanos), reads / seconds(nanos), LatencySummary.of(latency));
    }

    private BenchReport.Major major(BenchNode node, BenchTable table, ShardOf shardOf) throws InterruptedException, IOException {
        TableEngine.BackgroundIo before = node.stats().io();
        long started = System.nanoTime();
        say("major compaction");
        waitWithProgress(CompletableFuture.allOf(node.onEveryShard(i -> node.table(i).compact()).toArray(CompletableFuture[]::new)),
                () -> "major compaction: running");
        double seconds = seconds(System.nanoTime() - started);
        settle(node);
        TableEngine.Stats after = node.stats();
        BenchReport.Reads reads = read(node, table, shardOf, settings.seed() + 2);
        long dataDirectory = dataDirectoryOnceSteady(node);
        return new BenchReport.Major(seconds, after.io().compactionBytesRead() - before.compactionBytesRead(),
                after.io().compactionBytesWritten() - before.compactionBytesWritten(), after.sstableCount(), after.sstableBytes(),
                (double) after.sstableBytes() / settings.userBytes(), dataDirectory, (double) dataDirectory / settings.userBytes(), reads);
    }

    /**
     * The bytes under data/ once two looks in a row agree: the files a compaction replaced are deleted in the
     * background, after the last read holding them lets go.
     */
    private static long dataDirectoryOnceSteady(BenchNode node) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STEADY_TIMEOUT_NANOS;
        long previous = -1;
        long now = node.bytesOnDisk("data");
        while (now != previous && System.nanoTime() < deadline) {
            Thread.sleep(SETTLE_POLL_MILLIS);
            previous = now;
            now = node.bytesOnDisk("data");
        }
        return now;
    }

    private BenchReport.Setup setup(BenchNode node) {
        List<String> collectors = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().contains("Pauses")) collectors.add(gc.getName()); // ZGC lists each collector twice
        }
        return new BenchReport.Setup(settings.rows(), BenchSettings.KEY_SIZE, settings.valueSize(), settings.userBytes(), settings.shards(),
                node.directory().toString(), settings.keep(), settings.memtablePerShard(), settings.scaling(), settings.engine().optionValue(),
                engineConfig(node), settings.syncMode().name().toLowerCase(Locale.ROOT), settings.concurrency(), Runtime.version().toString(),
                Runtime.getRuntime().maxMemory(), String.join(", ", collectors), Runtime.getRuntime().availableProcessors());
    }

    /** The engine's compaction, and what RocksDB takes of the shard's memtable and cache budgets (see LsmConfig). */
    private String engineConfig(BenchNode node) {
        if (settings.engine() == StorageParams.Engine.CHARYBDIS) return "UnifiedCompactionStrategy, scaling_parameters " + settings.scaling();
        RocksSettings rocks = node.config().rocksSettings();
        return String.format(Locale.ROOT, "RocksDB leveled compaction (--scaling does not apply); memtables %s per shard in %s write buffers,"
                        + " block cache %s per shard", ByteAmount.format(rocks.memtableBytes()), ByteAmount.format(rocks.writeBufferBytes()),
                ByteAmount.format(rocks.blockCacheBytes()));
    }

    private static BenchReport.Background background(TableEngine.BackgroundIo io, double wallSeconds, double settleSeconds, boolean settled) {
        long wallNanos = (long) (wallSeconds * 1e9);
        return new BenchReport.Background(io.flushes(), io.bytesFlushed(), seconds(io.flushNanos()),
                ByteAmount.mibPerSecond(io.bytesFlushed(), io.flushNanos()), ByteAmount.mibPerSecond(io.bytesFlushed(), wallNanos),
                io.compactions(), io.compactionBytesRead(), io.compactionBytesWritten(), seconds(io.compactionNanos()),
                ByteAmount.mibPerSecond(io.compactionBytesWritten(), io.compactionNanos()),
                ByteAmount.mibPerSecond(io.compactionBytesRead(), io.compactionNanos()),
                ByteAmount.mibPerSecond(io.compactionBytesWritten(), wallNanos), settleSeconds, settled);
    }

    private BenchReport.Amplification amplification(TableEngine.BackgroundIo io, long processWrites) {
        double user = settings.userBytes();
        return new BenchReport.Amplification((io.bytesFlushed() + io.compactionBytesWritten()) / user, processWrites,
                processWrites < 0 ? -1 : processWrites / user);
    }

    private BenchReport.Files files(TableEngine.Stats whenWritesEnded, TableEngine.Stats settled) {
        return new BenchReport.Files(whenWritesEnded.sstableCount(), settled.sstableCount(), settled.sstableBytes(), settings.userBytes(),
                (double) settled.sstableBytes() / settings.userBytes());
    }

    private BenchReport.Memory memory(MemorySampler.Peaks peaks) {
        return new BenchReport.Memory(settings.memtableBudget(), (double) settings.userBytes() / settings.memtableBudget(),
                Runtime.getRuntime().maxMemory(), peaks.maxHeapUsed(), peaks.maxHeapAfterGc(), peaks.heapAfterFinalGc(),
                peaks.maxDirect(), peaks.directAfterFinalGc(), peaks.maxResident(),
                peaks.residentAtEnd(), peaks.samples());
    }

    /** Waits for the phase, printing a progress line every ten seconds; rethrows the phase's failure. */
    private void waitWithProgress(CompletableFuture<?> phase, java.util.function.Supplier<String> line) throws InterruptedException {
        while (true) {
            try {
                phase.get(PROGRESS_NANOS, TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException e) {
                say("%s", line.get());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw new IllegalStateException("the engine failed during the benchmark: " + cause, cause);
            }
        }
    }

    private void say(String format, Object... args) {
        if (progress != null) progress.println(String.format(Locale.ROOT, format, args));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
