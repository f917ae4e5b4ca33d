package org.charybdis.tools.bench;

import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.scheduler.ShardRuntimeConfig;
import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.commitlog.CommitLogConfig;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.lsm.LsmConfig;
import org.charybdis.storage.lsm.LsmEngineFactory;
import org.charybdis.storage.sstable.ChunkCache;
import org.charybdis.storage.sstable.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The real LSM engine on a real shard runtime and real files, with the benchmark's one table on every shard,
 * opened the way the server opens it (tables created on their shards, then commitlog recovery). Calls go to the
 * shards' threads; the caller (the benchmark's main thread, never a shard) waits for the answers.
 */
final class BenchNode implements AutoCloseable {
    /** Compactions each shard may run at once, as the server configures it. */
    private static final int COMPACTIONS_PER_SHARD = 2;
    private static final double FLUSH_THRESHOLD = 0.5;

    private final ShardRuntime runtime;
    private final Path directory;
    private final boolean temporary;
    private final boolean keep;
    private final LsmConfig config;
    private final ShardStorage[] storages;
    private final TableEngine[] tables;
    private LsmEngineFactory engines;

    private BenchNode(ShardRuntime runtime, Path directory, boolean temporary, boolean keep, LsmConfig config, int shards) {
        this.runtime = runtime;
        this.directory = directory;
        this.temporary = temporary;
        this.keep = keep;
        this.config = config;
        this.storages = new ShardStorage[shards];
        this.tables = new TableEngine[shards];
    }

    /** Starts the shards and opens the table on every one; the directory's data and commitlog folders must not exist yet. */
    static BenchNode open(BenchSettings settings) throws IOException {
        boolean temporary = settings.directory() == null;
        Path directory = temporary ? Files.createTempDirectory("charybdis-bench-") : settings.directory();
        Files.createDirectories(directory);
        for (String part : List.of("data", "commitlog")) {
            if (Files.exists(directory.resolve(part)))
                throw new IllegalArgumentException("--dir " + directory + " already holds " + part + "/ (from an earlier run?): choose an empty directory");
        }
        CommitLogConfig commitLog = CommitLogConfig.defaults(directory.resolve("commitlog")).withSyncMode(settings.syncMode());
        LsmConfig config = new LsmConfig(directory.resolve("data"), commitLog, settings.memtablePerShard(), FLUSH_THRESHOLD,
                settings.chunkCachePerShard(), COMPACTIONS_PER_SHARD).withIndexCacheFraction(settings.indexCacheFraction());
        ShardRuntime runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(settings.shards()));
        BenchNode node = new BenchNode(runtime, directory, temporary, settings.keep(), config, settings.shards());
        try {
            node.createTables(BenchTable.layout(settings));
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    private void createTables(TableLayout layout) {
        LsmEngineFactory factory = new LsmEngineFactory(config, storages.length);
        engines = factory;
        for (int i = 0; i < storages.length; i++) {
            ShardStorage storage = new ShardStorage(i, factory);
            storages[i] = storage;
            tables[i] = call(i, () -> storage.createTable(layout));
        }
        factory.start(runtime).join();
    }

    int shardCount() { return storages.length; }

    Path directory() { return directory; }

    LsmConfig config() { return config; }

    Shard shard(int id) { return runtime.shard(id); }

    ShardStorage storage(int id) { return storages[id]; }

    TableEngine table(int id) { return tables[id]; }

    /** Every shard's figures added up. */
    TableEngine.Stats stats() {
        TableEngine.Stats total = TableEngine.Stats.EMPTY;
        for (int i = 0; i < tables.length; i++) {
            TableEngine table = tables[i];
            total = total.plus(call(i, table::stats));
        }
        return total;
    }

    /**
     * What point reads cost every shard so far: read requests of the query IO class (answered by the IO threads or
     * the page cache) and chunk cache misses of Index.db spans and of Data.db chunks. Read from any thread.
     */
    ReadCosts readCosts() {
        long diskReads = 0, indexMisses = 0, dataMisses = 0;
        for (int i = 0; i < tables.length; i++) {
            diskReads += runtime.shard(i).io().stats(IoClass.QUERY).readOps();
            ChunkCache cache = engines.chunkCache(i);
            indexMisses += cache.misses(Component.INDEX);
            dataMisses += cache.misses(Component.DATA);
        }
        return new ReadCosts(diskReads, indexMisses, dataMisses);
    }

    record ReadCosts(long diskReads, long indexMisses, long dataMisses) {
        ReadCosts minus(ReadCosts o) {
            return new ReadCosts(diskReads - o.diskReads, indexMisses - o.indexMisses, dataMisses - o.dataMisses);
        }
    }

    /** True when no shard has a flush waiting or running and no compaction running or wanted. */
    boolean idle() {
        for (int i = 0; i < tables.length; i++) {
            TableEngine table = tables[i];
            boolean idle = call(i, () -> {
                TableEngine.Stats s = table.stats();
                return s.pendingFlushes() == 0 && s.pendingCompactions() == 0 && table.activeCompactions().isEmpty();
            });
            if (!idle) return false;
        }
        return true;
    }

    /** Starts the task on every shard at once, on the shard's thread; element i is shard i's answer. */
    <T> List<CompletableFuture<T>> onEveryShard(IntFunction<CompletableFuture<T>> task) {
        List<CompletableFuture<T>> answers = new ArrayList<>(tables.length);
        for (int i = 0; i < tables.length; i++) {
            int shard = i;
            answers.add(runtime.shard(i).submitToAsync(i, runtime.group(ShardRuntime.STATEMENT), () -> task.apply(shard)));
        }
        return answers;
    }

    /** Runs the task on every shard at once and waits for all of them; element i is shard i's answer. */
    <T> List<T> onEveryShardAndWait(IntFunction<CompletableFuture<T>> task) {
        List<T> results = new ArrayList<>(tables.length);
        for (CompletableFuture<T> answer : onEveryShard(task)) results.add(answer.join());
        return results;
    }

    /** Bytes of every file under the directory (SSTables, commitlog segments, ...). */
    long bytesOnDisk(String part) throws IOException {
        Path root = directory.resolve(part);
        if (!Files.exists(root)) return 0;
        try (var walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // removed by a compaction while we walked
                }
            }).sum();
        }
    }

    <T> T call(int shard, Callable<T> task) {
        return runtime.shard(shard).submitTo(shard, runtime.group(ShardRuntime.STATEMENT), task).join();
    }

    <T> T callAsync(int shard, Supplier<CompletableFuture<T>> task) {
        return runtime.shard(shard).submitToAsync(shard, runtime.group(ShardRuntime.STATEMENT), task).join();
    }

    /** Drains every shard (memtables flushed, commitlog closed), stops the runtime and deletes the files unless kept. */
    @Override
    public void close() throws IOException {
        try {
            for (int i = 0; i < storages.length; i++) {
                ShardStorage storage = storages[i];
                if (storage == null) continue;
                try {
                    callAsync(i, () -> storage.drain().whenComplete((v, e) -> storage.close()));
                } catch (RuntimeException e) {
                    call(i, () -> {
                        storage.close();
                        return null;
                    });
                }
            }
        } finally {
            runtime.close();
            if (!keep) delete();
        }
    }

    private void delete() throws IOException {
        for (String part : List.of("data", "commitlog")) {
            Path root = directory.resolve(part);
            if (!Files.exists(root)) continue;
            try (var walk = Files.walk(root)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
        if (temporary) Files.deleteIfExists(directory);
    }
}
