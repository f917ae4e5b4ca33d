package org.charybdis.storage.lsm;

import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.scheduler.io.IoQueue;
import org.charybdis.storage.commitlog.CommitLog;
import org.charybdis.storage.commitlog.CommitLogStats;
import org.charybdis.storage.data.PartitionUpdate;
import org.charybdis.storage.engine.ForwardedUpdate;
import org.charybdis.storage.engine.TableEngine;
import org.charybdis.storage.engine.TableLayout;
import org.charybdis.storage.engine.WriteLog;
import org.charybdis.storage.engine.WriteUnavailableException;
import org.charybdis.storage.file.DiskSpace;
import org.charybdis.storage.memtable.MemtableMemory;
import org.charybdis.storage.rocks.RocksSettings;
import org.charybdis.storage.rocks.RocksShard;
import org.charybdis.storage.rocks.RocksTableEngine;
import org.charybdis.storage.serialization.BufferWriter;
import org.charybdis.storage.sstable.ChunkCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.charybdis.storage.engine.CompletedCompaction;

/**
 * What the LSM engine keeps per shard: the commitlog (the shard's {@link WriteLog}), the memtable memory
 * budget and the flush policy built on it, the chunk cache, the compaction slots, and the shard's tables.
 * Everything runs on the shard's thread.
 * <p>
 * Flush policy, after ScyllaDB's dirty-memory manager: above {@code flushThreshold} of the budget the largest
 * active memtable is flushed; at the budget, writes wait until a flush frees memory, unless flushes fail for lack
 * of disk space: then nothing would free it soon, so writes are refused at once until a flush works again.
 */
final class LsmShard implements WriteLog {
    private static final Logger LOG = LoggerFactory.getLogger(LsmShard.class);
    /** Marks commitlog segments dirty, like a table no flush ever cleans, while their forwarded updates travel. */
    private static final UUID UNDELIVERED_FORWARDS = new UUID(0x466f_7277_6172_6473L, 0x556e_6465_6c69_7672L);

    private final int id;
    private final LsmConfig config;
    private final MemtableMemory memory;
    private final ChunkCache chunkCache;
    private final Map<UUID, LsmTableEngine> tables = new HashMap<>();
    /** The tables stored by RocksDB: they share this shard's commitlog (see storage/rocks). */
    private final Map<UUID, RocksTableEngine> rocksTables = new HashMap<>();
    private final RocksShard rocks;
    private final ArrayDeque<CompletableFuture<Void>> memoryWaiters = new ArrayDeque<>();
    /** Tables whose last flush found the disk full, with the refusal writes get while the memtables are full. */
    private final Map<LsmTableEngine, WriteUnavailableException> flushesOutOfSpace = new HashMap<>();
    private final Set<LsmTableEngine> compactionQueue = new LinkedHashSet<>();
    private final BufferWriter scratch = new BufferWriter(1024);
    private Shard shard;
    /** Volatile: metrics read its published figures from other threads. */
    private volatile CommitLog commitLog;
    private volatile java.util.function.BiConsumer<Integer, Throwable> commitFailureListener = (shard, error) -> { };
    private int compactionsRunning;
    private boolean drained;
    /** What the replay found logged for other shards, until the server takes it. */
    private List<ForwardedUpdate> replayedForwards = new ArrayList<>();
    /** Completes once the forwarded updates the replay found are fsynced on their owners: the replayed segments wait for it. */
    private final CompletableFuture<Void> replayedForwardsResent = new CompletableFuture<>();
    /**
     * Positions of the entries whose forwarded updates are not fsynced on their owners yet. The segments holding them
     * stay dirty for {@link #UNDELIVERED_FORWARDS} until then, so flushing the tables they wrote does not release them.
     */
    private final TreeSet<Long> undeliveredForwards = new TreeSet<>();
    private volatile boolean incrementalBackups;

    private final CompactionThrottle compactionThrottle;
    private final java.util.function.Consumer<CompletedCompaction> compactionHistory;

    /**
     * @param compactionThroughput the node's compaction_throughput in bytes per second (0: unthrottled), read as it changes
     * @param compactionHistory    told of every compaction that finished, on this shard's thread
     */
    LsmShard(int id, LsmConfig config, int shardCount, LongSupplier compactionThroughput,
             java.util.function.Consumer<CompletedCompaction> compactionHistory) {
        this.id = id;
        this.config = config;
        this.compactionThrottle = new CompactionThrottle(compactionThroughput, shardCount, System::nanoTime);
        this.compactionHistory = compactionHistory;
        this.memory = new MemtableMemory(config.memtableBytesPerShard());
        this.chunkCache = new ChunkCache(config.chunkCacheBytesPerShard(), config.indexCacheFraction());
        this.rocks = new RocksShard(id, config.dataDirectory(), config.rocksSettings());
    }

    int id() { return id; }

    /** Binds to the shard's thread on first use there. */
    void bind(Shard current) {
        if (current == null || current.id() != id)
            throw new IllegalStateException("the storage of shard " + id + " must be used on its own thread, not " + current);
        if (shard == null) shard = current;
    }

    IoQueue io() { return shard.io(); }

    Shard shard() { return shard; }

    MemtableMemory memory() { return memory; }

    ChunkCache chunkCache() { return chunkCache; }

    LsmConfig config() { return config; }

    Path tableDirectory(TableLayout layout) {
        return DataDirectory.shard(new DataDirectory(config.dataDirectory()).table(layout.keyspace(), layout.table(), layout.tableId()), id);
    }

    /** Whether flushes hard-link their SSTables into the table's backups directory ({@code incremental_backups}); any thread. */
    boolean incrementalBackups() { return incrementalBackups; }

    void incrementalBackups(boolean enabled) { incrementalBackups = enabled; }

    void register(LsmTableEngine engine) { tables.put(engine.layout().tableId(), engine); }

    void unregister(LsmTableEngine engine) {
        tables.remove(engine.layout().tableId(), engine);
        compactionQueue.remove(engine);
        flushesOutOfSpace.remove(engine);
    }

    Map<UUID, LsmTableEngine> tables() { return tables; }

    RocksShard rocks() { return rocks; }

    /** A RocksDB table opened: while the shard has any, RocksDB's memtables and block cache take their part of its memory. */
    void register(RocksTableEngine engine) {
        rocksTables.put(engine.layout().tableId(), engine);
        shareMemory();
    }

    /**
     * Splits the shard's memtable and cache memory between the engines: while its RocksDB instance is open, what
     * {@link LsmConfig#rocksSettings()} gives RocksDB comes out of the LSM engine's memtable budget and chunk cache, so both
     * together stay inside the node's {@code memory} budget.
     */
    void shareMemory() {
        boolean rocksOpen = rocks.isOpen();
        RocksSettings rocksShare = config.rocksSettings();
        memory.budget(config.memtableBytesPerShard() - (rocksOpen ? rocksShare.memtableBytes() : 0));
        chunkCache.capacity(config.chunkCacheBytesPerShard() - (rocksOpen ? rocksShare.blockCacheBytes() : 0));
        if (!rocksOpen) memoryReleased();
    }

    /** This shard's RocksDB tables with an open engine. */
    Map<UUID, RocksTableEngine> rocksTables() {
        rocksTables.values().removeIf(RocksTableEngine::isClosed);
        return rocksTables;
    }

    /** What a RocksDB table of this shard needs of the commitlog. */
    RocksTableEngine.TableLog rocksLog() {
        return new RocksTableEngine.TableLog() {
            @Override
            public long position() { return commitLogPosition(); }

            @Override
            public void flushed(UUID table, long upToPosition) { discardCommitLog(table, upToPosition); }
        };
    }

    void startCommitLog(CommitLog log) {
        this.commitLog = log;
        log.setPressureListener(this::flushForCommitLogSpace);
        log.setFailureListener(error -> commitFailureListener.accept(id, error));
    }

    /** Bytes the shard's memtables hold now (native slabs and on-heap index); any thread. */
    long memtableBytes() { return memory.usedFromAnyThread(); }

    /** The commit log's figures as last published (at most a second old); any thread. */
    CommitLogStats commitLogStats() {
        CommitLog log = commitLog;
        return log == null ? CommitLogStats.EMPTY : log.publishedStats();
    }

    /** Told when this shard's commit log fails (commit_failure_policy); set before the storage starts. */
    void onCommitFailure(java.util.function.BiConsumer<Integer, Throwable> listener) {
        this.commitFailureListener = listener;
    }

    // ---- WriteLog ----

    @Override
    public CompletableFuture<Long> append(List<TableEngine> engines, List<PartitionUpdate> updates, List<ForwardedUpdate> forwarded) {
        if (drained) return CompletableFuture.failedFuture(new IllegalStateException("this node is drained: it takes no more writes"));
        if (commitLog == null) return CompletableFuture.failedFuture(new IllegalStateException("the storage of shard " + id + " is not started"));
        if (memory.used() >= memory.budget() && !tablesOf(engines).isEmpty()) {
            if (!flushesOutOfSpace.isEmpty()) return CompletableFuture.failedFuture(flushesOutOfSpace.values().iterator().next());
            CompletableFuture<Void> room = new CompletableFuture<>();
            memoryWaiters.add(room);
            maybeFlushForMemory();
            return room.thenCompose(ignored -> append(engines, updates, forwarded));
        }
        try {
            ByteBuffer payload = MutationEntry.serialize(engines, updates, forwarded, scratch);
            if (forwarded.isEmpty()) return commitLog.add(payload, tablesOf(engines));
            List<UUID> dirty = tablesOf(engines);
            dirty.add(UNDELIVERED_FORWARDS);
            return commitLog.add(payload, dirty).thenApply(position -> {
                undeliveredForwards.add(position);
                return position;
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public List<ForwardedUpdate> takeReplayedForwards() {
        List<ForwardedUpdate> taken = replayedForwards;
        replayedForwards = new ArrayList<>();
        return taken;
    }

    @Override
    public void replayedForwardsSynced() {
        replayedForwardsResent.complete(null);
    }

    /**
     * Completes once the forwarded updates the replay found are fsynced on their owners (at once if it found none).
     * Asked by the recovery before the server takes them.
     */
    CompletableFuture<Void> replayedForwardsResent() {
        return replayedForwards.isEmpty() ? CompletableFuture.completedFuture(null) : replayedForwardsResent;
    }

    /** Replay found an update this shard logged for another shard. */
    void replayedForward(ForwardedUpdate update) {
        replayedForwards.add(update);
    }

    @Override
    public void forwardsSynced(long position) {
        if (!undeliveredForwards.remove(position) || commitLog == null) return;
        // deliveries finish out of order: only entries below the oldest undelivered one are done with
        long done = undeliveredForwards.isEmpty() ? commitLog.currentPosition() : undeliveredForwards.first() - 1;
        commitLog.discardCompletedSegments(UNDELIVERED_FORWARDS, done);
    }

    @Override
    public CompletableFuture<Void> awaitDurable(long position) {
        return commitLog.awaitDurable(position);
    }

    @Override
    public CompletableFuture<Void> awaitSynced() {
        return commitLog == null ? CompletableFuture.completedFuture(null) : commitLog.awaitSynced();
    }

    @Override
    public CompletableFuture<Void> drain() {
        if (drained || commitLog == null) return CompletableFuture.completedFuture(null);
        drained = true;
        return commitLog.shutdown();
    }

    private static List<UUID> tablesOf(List<TableEngine> engines) {
        List<UUID> ids = new ArrayList<>(engines.size());
        for (TableEngine e : engines) ids.add(e.layout().tableId());
        return ids;
    }

    long commitLogPosition() {
        return commitLog == null ? 0 : commitLog.currentPosition();
    }

    void discardCommitLog(UUID table, long upToPosition) {
        if (commitLog != null) commitLog.discardCompletedSegments(table, upToPosition);
    }

    // ---- flush policy ----

    void afterWrite() {
        if (memory.used() > memory.budget() * config.flushThreshold()) maybeFlushForMemory();
    }

    /** A memtable was discarded: let waiting writes in if there is room now. */
    void memoryReleased() {
        while (!memoryWaiters.isEmpty() && memory.used() < memory.budget()) memoryWaiters.poll().complete(null);
        afterWrite();
    }

    /**
     * A flush of the table failed; when the disk is full, writes that wait for memtable memory are refused, and so
     * are later ones while the memtables stay full.
     */
    void flushFailed(LsmTableEngine table, Throwable cause) {
        if (!DiskSpace.isOutOfSpace(cause)) return;
        WriteUnavailableException refusal = new WriteUnavailableException("Cannot write: the memtables of shard " + id
                + " are full and cannot be flushed: " + DiskSpace.describe(cause, table.directory()) + "; writes resume once space is freed", cause);
        flushesOutOfSpace.put(table, refusal);
        if (memory.used() < memory.budget()) return;
        CompletableFuture<Void> waiting;
        while ((waiting = memoryWaiters.poll()) != null) waiting.completeExceptionally(refusal);
    }

    /** The table's flush worked (or was dropped with the table's data). */
    void flushDone(LsmTableEngine table) {
        flushesOutOfSpace.remove(table);
    }

    private void maybeFlushForMemory() {
        LsmTableEngine largest = null;
        long unflushed = 0;
        for (LsmTableEngine t : tables.values()) {
            long bytes = t.activeMemtableBytes();
            unflushed += bytes;
            if (largest == null || bytes > largest.activeMemtableBytes()) largest = t;
        }
        if (largest == null || largest.activeMemtableBytes() == 0) return;
        if (unflushed > memory.budget() * config.flushThreshold() || memory.used() >= memory.budget()) {
            largest.flush().exceptionally(e -> null); // its failures are logged, and retried, by the table's MemtableFlushes
        }
    }

    private void flushForCommitLogSpace(Set<UUID> dirtyTables) {
        for (UUID tableId : dirtyTables) {
            TableEngine table = tables.containsKey(tableId) ? tables.get(tableId) : rocksTables().get(tableId);
            if (table != null) table.flush().exceptionally(e -> null);
        }
    }

    // ---- background work ----

    void inFlushGroup(Runnable task) {
        shard.execute(group(ShardRuntime.MEMTABLE_FLUSH), task);
    }

    void inFlushGroupLater(long delayMillis, Runnable task) {
        shard.schedule(group(ShardRuntime.MEMTABLE_FLUSH), delayMillis, TimeUnit.MILLISECONDS, task);
    }

    void inStatementGroup(Runnable task) {
        shard.execute(group(ShardRuntime.STATEMENT), task);
    }

    void inCompactionGroup(Runnable task) {
        shard.execute(group(ShardRuntime.COMPACTION), task);
    }

    /** This shard's part of {@code compaction_throughput} in bytes per second, 0 when unthrottled. */
    long compactionBytesPerSecond() {
        return compactionThrottle.bytesPerSecond();
    }

    /** Completes once compactions may go on, having written {@code bytes} more (see {@link CompactionThrottle}). */
    CompletableFuture<Void> throttleCompaction(long bytes) {
        long pause = compactionThrottle.pauseAfter(bytes);
        if (pause == 0) return CompletableFuture.completedFuture(null);
        CompletableFuture<Void> resumed = new CompletableFuture<>();
        shard.schedule(group(ShardRuntime.COMPACTION), pause, TimeUnit.NANOSECONDS, () -> resumed.complete(null));
        return resumed;
    }

    /** Records a finished compaction in the node's compaction history. */
    void compacted(CompletedCompaction compaction) {
        try {
            compactionHistory.accept(compaction);
        } catch (RuntimeException e) {
            LOG.warn("Cannot record the compaction of {}.{} in the compaction history", compaction.keyspace(), compaction.table(), e);
        }
    }

    /** Looks at the table's compactions again after a delay (a compaction failed). */
    void requestCompactionLater(LsmTableEngine table, long delayMillis) {
        shard.schedule(group(ShardRuntime.COMPACTION), delayMillis, TimeUnit.MILLISECONDS, () -> {
            if (!table.isClosed()) requestCompaction(table);
        });
    }

    private SchedulingGroup group(String name) {
        return shard.runtime().group(name);
    }

    /** Queues the table for a look at its compactions; runs as many as the shard has slots for. */
    void requestCompaction(LsmTableEngine table) {
        if (shard == null) return;
        compactionQueue.add(table);
        pumpCompactions();
    }

    private void pumpCompactions() {
        while (compactionsRunning < config.compactionsPerShard() && !compactionQueue.isEmpty()) {
            LsmTableEngine table = compactionQueue.iterator().next();
            compactionQueue.remove(table);
            compactionsRunning++;
            inCompactionGroup(() -> {
                CompletableFuture<Void> run;
                try {
                    run = table.compactions().startNext();
                } catch (RuntimeException e) {
                    LOG.error("Cannot plan the compactions of {}", table.layout().qualifiedName(), e);
                    run = null;
                }
                if (run == null) {
                    compactionsRunning--;
                    pumpCompactions();
                    return;
                }
                run.whenComplete((v, e) -> {
                    compactionsRunning--;
                    if (e == null && !table.isClosed()) compactionQueue.add(table);
                    pumpCompactions();
                });
            });
        }
    }

    @Override
    public String toString() { return "LsmShard(" + id + ")"; }
}
