package org.charybdis.storage.lsm;

import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.scheduler.ShardRuntimeConfig;
import org.charybdis.storage.commitlog.CommitLogConfig;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.data.Row;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.engine.ForwardSender;
import org.charybdis.storage.engine.ForwardedUpdate;
import org.charybdis.storage.engine.PartitionView;
import org.charybdis.storage.engine.ReadFilter;
import org.charybdis.storage.engine.ShardStorage;
import org.charybdis.storage.sstable.ChunkCache;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A one-shard LSM storage for tests, on a real shard runtime and real files: every call runs on the shard's
 * thread and waits for the answer. {@link #restart} simulates a crash after the last acknowledged write (batch
 * commitlog: everything acknowledged is fsynced): memtables are dropped, files reopened, the commitlog replayed.
 */
final class LsmTestNode implements AutoCloseable {
    private final ShardRuntime runtime;
    private final Path directory;
    private LsmConfig config;
    private LsmEngineFactory factory;
    private ShardStorage storage;
    private ForwardSender forwardSender = ForwardSender.NONE;
    private volatile long clock = System.currentTimeMillis() / 1000;

    LsmTestNode(long memtableBytes) throws IOException {
        this(memtableBytes, LsmConfig.StaticShares.CONTROLLED);
    }

    LsmTestNode(long memtableBytes, LsmConfig.StaticShares staticShares) throws IOException {
        this(memtableBytes, staticShares, null);
    }

    /** A node whose SSTables live in {@code dataDirectory} (say, a small disk that fills up), its commitlog elsewhere. */
    LsmTestNode(long memtableBytes, Path dataDirectory) throws IOException {
        this(memtableBytes, LsmConfig.StaticShares.CONTROLLED, dataDirectory);
    }

    private LsmTestNode(long memtableBytes, LsmConfig.StaticShares staticShares, Path dataDirectory) throws IOException {
        this.runtime = ShardRuntime.start(ShardRuntimeConfig.defaults(1));
        this.directory = Files.createTempDirectory("charybdis-lsm-");
        CommitLogConfig commitLog = CommitLogConfig.defaults(directory.resolve("commitlog"))
                .withSegmentSize(256 << 10).withSyncMode(CommitLogConfig.SyncMode.BATCH).withBatchWindow(Duration.ZERO);
        Path data = dataDirectory != null ? dataDirectory : directory.resolve("data");
        this.config = new LsmConfig(data, commitLog, memtableBytes, 0.5, 1 << 20, 2, () -> clock).withStaticShares(staticShares);
    }

    LsmConfig config() { return config; }

    /** The policy the next {@link #open} (or restart) uses. */
    void diskFailurePolicy(org.charybdis.storage.engine.DiskFailurePolicy policy) { config = config.withDiskFailurePolicy(policy); }

    /** Sets the second compactions purge by. */
    void clock(long nowInSeconds) { clock = nowInSeconds; }

    Path directory() { return directory; }

    /** Opens the storage with these tables (as the schema would), then replays the commitlog. */
    void open(List<TableLayout> tables) {
        factory = new LsmEngineFactory(config, 1);
        storage = new ShardStorage(0, factory);
        storage.forwardSender(forwardSender);
        call(() -> {
            for (TableLayout t : tables) storage.createTable(t);
            return null;
        });
        factory.start(runtime).join();
    }

    /** The chunk cache of the node's only shard (its counters and sizes may be read from here). */
    ChunkCache chunkCache() { return factory.chunkCache(0); }

    /** The engine factory of the node's one shard (compaction throughput, history listener). */
    LsmEngineFactory factory() { return factory; }

    /** The node's one shard's storage (creating tables after start-up, as a CREATE TABLE does). */
    ShardStorage storage() { return storage; }

    /** The LSM engine's state of the node's one shard. */
    LsmShard lsmShard() { return factory.shard(0); }

    /** The node's one shard's RocksDB instance. */
    org.charybdis.storage.rocks.RocksShard rocksShard() { return factory.shard(0).rocks(); }

    /** Drops the table: its engine closes and its files go. */
    void drop(TableLayout layout) { call(() -> storage.dropTable(layout.tableId())); }

    /** The backlog controllers of the node's only shard. */
    BackgroundControllers controllers() { return factory.controllers(0); }

    TableEngine table(TableLayout layout) {
        return call(() -> storage.table(layout.tableId()));
    }

    void write(TableEngine table, PartitionUpdate update) {
        async(() -> storage.write(List.of(table), List.of(update)));
    }

    /** How forwarded updates leave the node's shard, from now on and after restarts (the sender is called on the shard). */
    void forwardSender(ForwardSender sender) {
        forwardSender = sender;
        if (storage != null) call(() -> {
            storage.forwardSender(sender);
            return null;
        });
    }

    /**
     * Starts writing {@code update} with updates for other shards in the same commitlog entry; the write completes once
     * the {@link #forwardSender} has delivered those.
     */
    CompletableFuture<Void> startWrite(TableEngine table, PartitionUpdate update, List<ForwardedUpdate> forwarded) {
        return runtime.shard(0).submitToAsync(0, runtime.group(ShardRuntime.STATEMENT), () -> storage.write(List.of(table), List.of(update), forwarded));
    }

    /** Starts sending what the last replay found logged for other shards through the {@link #forwardSender}. */
    CompletableFuture<Void> startResendingReplayedForwards() {
        return runtime.shard(0).submitToAsync(0, runtime.group(ShardRuntime.STATEMENT), storage::resendReplayedForwards);
    }

    /** The commit log's segment files on disk now. */
    List<Path> commitLogFiles() throws IOException {
        try (var files = Files.list(config.commitLog().directory())) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** The read's result, materialized on the shard (memtable rows are read from native memory there). */
    /**
     * Writes partitions {@code from} to {@code from + count - 1} of {@link org.charybdis.storage.engine.TestTables}'
     * layout, each one row of 600 bytes that do not compress, derived from the key.
     */
    void writeIncompressible(TableEngine table, int from, int count, long now) {
        for (int pk = from; pk < from + count; pk++) {
            byte[] bytes = new byte[600];
            new java.util.SplittableRandom(pk).nextBytes(bytes);
            PartitionUpdate.Builder b = PartitionUpdate.builder(org.charybdis.storage.engine.TestTables.key(pk));
            b.row(org.charybdis.storage.engine.TestTables.ck(1, "a")).marker(3, 0, now)
                    .cell(org.charybdis.storage.engine.TestTables.V1, java.nio.ByteBuffer.wrap(bytes), 3, 0, now);
            write(table, b.build());
        }
    }

    PartitionView read(TableEngine table, DecoratedKey key, ReadFilter filter, long now) {
        return async(() -> table.read(key, filter, now).thenApply(Materialized::of));
    }

    List<PartitionView> scan(TableEngine table, DecoratedKey after, ReadFilter filter, long now) {
        return async(() -> {
            List<PartitionView> views = new ArrayList<>();
            return table.scan(TokenRange.FULL_RING, after, filter, now).forEachRemaining(v -> views.add(Materialized.of(v)))
                    .thenApply(ignored -> views);
        });
    }

    void flush(TableEngine table) { async(table::flush); }

    void compact(TableEngine table) { async(table::compact); }

    TableEngine.Stats stats(TableEngine table) { return call(table::stats); }

    /** Drops everything in memory without flushing, as a crash would, and reopens. */
    void restart(List<TableLayout> tables) {
        closeStorage();
        open(tables);
    }

    /** Closes the engines and waits for the flushes and compactions they had running to give up. */
    private void closeStorage() {
        async(() -> {
            List<CompletableFuture<Void>> background = new ArrayList<>();
            for (TableEngine t : storage.tables()) if (t instanceof LsmTableEngine lsm) background.add(lsm.backgroundWorkDone());
            storage.close();
            factory.stopControllers();
            return CompletableFuture.allOf(background.toArray(CompletableFuture[]::new));
        });
    }

    <T> T call(Callable<T> task) {
        return runtime.shard(0).submitTo(0, runtime.group(ShardRuntime.STATEMENT), task).join();
    }

    /** True once the condition, checked on the shard, holds; false if it still does not after 20 seconds. */
    boolean eventually(Callable<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!call(condition)) {
            if (System.nanoTime() - deadline > 0) return false;
            Thread.sleep(20);
        }
        return true;
    }

    <T> T async(Supplier<CompletableFuture<T>> task) {
        Shard shard = runtime.shard(0);
        return shard.submitToAsync(0, runtime.group(ShardRuntime.STATEMENT), task).join();
    }

    @Override
    public void close() throws IOException {
        try {
            if (storage != null) closeStorage();
        } finally {
            runtime.close();
            deleteTree(directory);
        }
    }

    /** Deletes the node's files; an IO thread may still be deleting an obsolete SSTable's meanwhile. */
    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                if (failure instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
                throw failure;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null && !(failure instanceof NoSuchFileException)) throw failure;
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A partition read whose rows were all taken while on the shard. */
    record Materialized(DecoratedKey key, Row staticRow, List<Row> rowList) implements PartitionView {
        static PartitionView of(PartitionView view) {
            if (view == null) return null;
            List<Row> rows = new ArrayList<>();
            view.rows().forEachRemaining(rows::add);
            return new Materialized(view.key(), view.staticRow(), rows);
        }

        @Override
        public Iterator<Row> rows() { return rowList.iterator(); }
    }
}
