package org.charybdis.storage.lsm;

import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.storage.engine.StorageEngineFactory;
import org.charybdis.storage.engine.StorageParams;
import org.charybdis.storage.rocks.RocksTableEngine;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.WriteLog;
import org.charybdis.storage.commitlog.CommitLogStats;
import org.charybdis.storage.sstable.ChunkCache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The durable LSM engine: per shard a commitlog, memtables, SSTables and Unified Compaction. Tables are
 * created on their shard's thread as the schema is loaded; {@link #start} then replays every shard's
 * commitlog into them, which must finish before the node serves clients.
 */
public final class LsmEngineFactory implements StorageEngineFactory {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LsmEngineFactory.class);
    private final LsmConfig config;
    private final LsmShard[] shards;
    /** Set on each shard's thread as it starts, read by metrics from any thread. */
    private final AtomicReferenceArray<BackgroundControllers> controllers;

    /** compaction_throughput of the whole node in bytes per second; 0 is unthrottled. */
    private final java.util.concurrent.atomic.AtomicLong compactionThroughput = new java.util.concurrent.atomic.AtomicLong();
    private volatile java.util.function.Consumer<org.charybdis.storage.engine.CompletedCompaction> compactionHistory = compaction -> { };

    public LsmEngineFactory(LsmConfig config, int shardCount) {
        this.config = config;
        this.shards = new LsmShard[shardCount];
        for (int i = 0; i < shardCount; i++) {
            shards[i] = new LsmShard(i, config, shardCount, compactionThroughput::get, compaction -> compactionHistory.accept(compaction));
        }
        this.controllers = new AtomicReferenceArray<>(shardCount);
    }

    public LsmConfig config() { return config; }

    /** A shard's storage state (tests look inside). */
    LsmShard shard(int shardId) { return shards[shardId]; }

    /** A shard's chunk cache, for its metrics: its counters may be read from any thread. */
    public ChunkCache chunkCache(int shardId) { return shards[shardId].chunkCache(); }

    /** Bytes a shard's memtables hold now, for its metrics; any thread. */
    public long memtableBytes(int shardId) { return shards[shardId].memtableBytes(); }

    /** A shard's commit log figures as it last published them (at most a second old), for its metrics; any thread. */
    public CommitLogStats commitLogStats(int shardId) { return shards[shardId].commitLogStats(); }

    /** The backlog controllers of a shard's flushes and compactions; null until {@link #start} has started them. */
    public BackgroundControllers controllers(int shardId) { return controllers.get(shardId); }

    /**
     * Who to tell when a shard's commit log fails to write or fsync (the shard id and the error), on that shard's
     * thread: {@code commit_failure_policy} beyond the log refusing entries. Set before {@link #start}.
     */
    public void onCommitFailure(java.util.function.BiConsumer<Integer, Throwable> listener) {
        for (LsmShard shard : shards) shard.onCommitFailure(listener);
    }

    /**
     * Caps the bytes per second compactions write on the whole node, each shard taking an equal share (0: no cap, the IO
     * scheduler's compaction shares decide). Any thread; compactions running now follow it at their next partition.
     */
    public void compactionThroughput(long bytesPerSecond) {
        if (bytesPerSecond < 0) throw new IllegalArgumentException("negative compaction throughput: " + bytesPerSecond);
        compactionThroughput.set(bytesPerSecond);
    }

    /** The cap in bytes per second, 0 when unthrottled. */
    public long compactionThroughput() {
        return compactionThroughput.get();
    }

    /** Who to tell of every finished compaction, on the shard that ran it (the compaction history). Set before {@link #start}. */
    public void onCompaction(java.util.function.Consumer<org.charybdis.storage.engine.CompletedCompaction> listener) {
        this.compactionHistory = listener;
    }

    /** Turns incremental backups ({@code incremental_backups}) on or off for the flushes that start from now on; any thread. */
    public void incrementalBackups(boolean enabled) {
        for (LsmShard shard : shards) shard.incrementalBackups(enabled);
    }

    /** Stops the shards' backlog controllers; the shares they set last stay. Any thread. */
    public void stopControllers() {
        for (int i = 0; i < controllers.length(); i++) {
            BackgroundControllers running = controllers.getAndSet(i, null);
            if (running != null) running.stop();
        }
    }

    @Override
    public TableEngine create(int shardId, TableLayout layout) {
        LsmShard shard = shards[shardId];
        shard.bind(Shard.current());
        if (layout.storageParams().engine() == StorageParams.Engine.ROCKSDB) {
            java.nio.file.Path directory = shard.tableDirectory(layout);
            RocksTableEngine engine = new RocksTableEngine(shard.rocks(), layout, shard.rocksLog(), config.clock(),
                    tag -> DataDirectory.snapshot(directory.getParent(), tag).resolve(directory.getFileName()));
            shard.register(engine);
            return engine;
        }
        LsmTableEngine engine = new LsmTableEngine(shard, layout, shard.tableDirectory(layout));
        shard.register(engine);
        engine.open();
        return engine;
    }

    @Override
    public WriteLog writeLog(int shardId) {
        return shards[shardId];
    }

    @Override
    public void destroy(int shardId, TableLayout layout) {
        LsmShard shard = shards[shardId];
        shard.discardCommitLog(layout.tableId(), shard.commitLogPosition());
        if (layout.storageParams().engine() == StorageParams.Engine.ROCKSDB) {
            shard.rocks().drop(layout.tableId());
            shard.shareMemory(); // the last RocksDB table gone: the LSM engine has the shard's memory again
        }
        TableFiles.delete(shard.tableDirectory(layout), shard.io());
    }

    /**
     * Starts each shard's backlog controllers, replays its commitlog into its tables, flushes what was replayed,
     * deletes the replayed segments and starts a fresh commitlog; shards recover in parallel, each on its own thread.
     */
    public CompletableFuture<Void> start(ShardRuntime runtime) {
        List<CompletableFuture<Void>> recoveries = new ArrayList<>(shards.length);
        for (LsmShard shard : shards) {
            Shard target = runtime.shard(shard.id());
            CompletableFuture<Void> recovered = new CompletableFuture<>();
            target.execute(runtime.group(ShardRuntime.COMMITLOG), () -> {
                shard.bind(target);
                controllers.set(shard.id(), BackgroundControllers.start(shard, target)); // replay may fill memtables
                removeOrphans(shard).thenCompose(ignored -> new CommitLogRecovery(shard).run()).whenComplete((v, e) -> {
                    if (e != null) recovered.completeExceptionally(AsyncLoop.unwrap(e));
                    else recovered.complete(null);
                });
            });
            recoveries.add(recovered);
        }
        return CompletableFuture.allOf(recoveries.toArray(CompletableFuture[]::new));
    }

    /**
     * Deletes this shard's directories of tables the schema no longer has: a crash between saving a DROP TABLE
     * and deleting its files leaves them behind.
     */
    private CompletableFuture<Void> removeOrphans(LsmShard shard) {
        java.util.Set<java.nio.file.Path> known = new java.util.HashSet<>();
        for (LsmTableEngine table : shard.tables().values()) known.add(shard.tableDirectory(table.layout()));
        for (RocksTableEngine table : shard.rocksTables().values()) known.add(shard.tableDirectory(table.layout()));
        shard.rocks().dropUnknown(shard.rocksTables().keySet());
        String shardDirectory = DataDirectory.shardDirectoryName(shard.id());
        return shard.io().submit(org.charybdis.scheduler.io.IoClass.MAINTENANCE, 0, () -> {
            java.util.List<java.nio.file.Path> orphans = new ArrayList<>();
            if (!java.nio.file.Files.isDirectory(config.dataDirectory())) return orphans;
            try (var keyspaces = java.nio.file.Files.newDirectoryStream(config.dataDirectory(), java.nio.file.Files::isDirectory)) {
                for (java.nio.file.Path keyspace : keyspaces) {
                    try (var tables = java.nio.file.Files.newDirectoryStream(keyspace, java.nio.file.Files::isDirectory)) {
                        for (java.nio.file.Path table : tables) {
                            java.nio.file.Path mine = table.resolve(shardDirectory);
                            if (java.nio.file.Files.isDirectory(mine) && !known.contains(mine)) orphans.add(mine);
                        }
                    }
                }
            }
            return orphans;
        }).thenCompose(orphans -> {
            List<CompletableFuture<Void>> deletions = new ArrayList<>();
            for (java.nio.file.Path orphan : orphans) {
                LOG.warn("Deleting {}: its table is not in the schema (dropped before a crash)", orphan);
                deletions.add(TableFiles.delete(orphan, shard.io()));
            }
            return CompletableFuture.allOf(deletions.toArray(CompletableFuture[]::new));
        });
    }
}
