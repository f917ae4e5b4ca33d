package org.charybdis.storage.lsm;

import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.storage.commitlog.CommitLogConfig;
import org.charybdis.storage.engine.DiskFailurePolicy;
import org.charybdis.storage.sstable.ChunkCache;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Settings of the LSM engine on every shard.
 *
 * @param dataDirectory       where table directories live ({@code <keyspace>/<table>-<id>/shard-<n>})
 * @param commitLog           the commitlog's settings (its directory holds every shard's segments)
 * @param memtableBytesPerShard off-heap memory each shard's memtables may use; writes wait above it
 * @param flushThreshold      fraction of that budget above which the largest memtable is flushed
 * @param chunkCacheBytesPerShard decompressed SSTable chunks kept per shard for point reads
 * @param compactionsPerShard compactions a shard runs at once
 * @param clock               the current second, as compactions purge by it (tests drive it)
 * @param staticShares        fixed shares of flushes and compactions instead of their backlog controllers'
 * @param diskFailurePolicy   what to do about a corrupt SSTable (here: whether one that does not open at start-up
 *                            is quarantined, BEST_EFFORT, or makes its table unreadable)
 * @param indexCacheFraction  share of the chunk cache that Index.db spans may take, with priority over data chunks
 */
public record LsmConfig(Path dataDirectory, CommitLogConfig commitLog, long memtableBytesPerShard, double flushThreshold,
                        long chunkCacheBytesPerShard, int compactionsPerShard, LongSupplier clock, StaticShares staticShares,
                        DiskFailurePolicy diskFailurePolicy, double indexCacheFraction) {
    public static final long MIN_MEMTABLE_BYTES = 4L << 20;
    public static final LongSupplier SYSTEM_CLOCK = () -> System.currentTimeMillis() / 1000;

    /**
     * scylla.yaml's {@code memtable_flush_static_shares} and {@code compaction_static_shares}: 0 lets the shard's
     * backlog controller set the shares (the default), more fixes them.
     */
    public record StaticShares(int memtableFlush, int compaction) {
        public static final StaticShares CONTROLLED = new StaticShares(0, 0);

        public StaticShares {
            if (memtableFlush != 0) SchedulingGroup.checkShares(memtableFlush);
            if (compaction != 0) SchedulingGroup.checkShares(compaction);
        }
    }

    public LsmConfig(Path dataDirectory, CommitLogConfig commitLog, long memtableBytesPerShard, double flushThreshold,
                     long chunkCacheBytesPerShard, int compactionsPerShard, LongSupplier clock) {
        this(dataDirectory, commitLog, memtableBytesPerShard, flushThreshold, chunkCacheBytesPerShard, compactionsPerShard, clock,
                StaticShares.CONTROLLED, DiskFailurePolicy.STOP, ChunkCache.DEFAULT_INDEX_FRACTION);
    }

    public LsmConfig(Path dataDirectory, CommitLogConfig commitLog, long memtableBytesPerShard, double flushThreshold,
                     long chunkCacheBytesPerShard, int compactionsPerShard) {
        this(dataDirectory, commitLog, memtableBytesPerShard, flushThreshold, chunkCacheBytesPerShard, compactionsPerShard, SYSTEM_CLOCK);
    }

    public LsmConfig {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(commitLog, "commitLog");
        // memtables take memory in 1 MiB slabs: below a few slabs every write would trigger a flush
        if (memtableBytesPerShard < MIN_MEMTABLE_BYTES)
            throw new IllegalArgumentException("memtable space per shard must be at least 4 MiB: " + memtableBytesPerShard);
        if (!(flushThreshold > 0 && flushThreshold <= 1)) throw new IllegalArgumentException("flush threshold must be in (0, 1]: " + flushThreshold);
        if (chunkCacheBytesPerShard < 0) throw new IllegalArgumentException("negative chunk cache size");
        if (compactionsPerShard < 1) throw new IllegalArgumentException("at least one compaction per shard");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(staticShares, "staticShares");
        Objects.requireNonNull(diskFailurePolicy, "diskFailurePolicy");
        if (!(indexCacheFraction >= 0 && indexCacheFraction <= 1))
            throw new IllegalArgumentException("index cache fraction must be in [0, 1]: " + indexCacheFraction);
    }

    public LsmConfig withStaticShares(StaticShares shares) {
        return new LsmConfig(dataDirectory, commitLog, memtableBytesPerShard, flushThreshold, chunkCacheBytesPerShard,
                compactionsPerShard, clock, shares, diskFailurePolicy, indexCacheFraction);
    }

    public LsmConfig withDiskFailurePolicy(DiskFailurePolicy policy) {
        return new LsmConfig(dataDirectory, commitLog, memtableBytesPerShard, flushThreshold, chunkCacheBytesPerShard,
                compactionsPerShard, clock, staticShares, policy, indexCacheFraction);
    }

    public LsmConfig withIndexCacheFraction(double fraction) {
        return new LsmConfig(dataDirectory, commitLog, memtableBytesPerShard, flushThreshold, chunkCacheBytesPerShard,
                compactionsPerShard, clock, staticShares, diskFailurePolicy, fraction);
    }

    /**
     * What the shard's RocksDB instance may use while it has RocksDB tables: half the shard's memtable memory and half its
     * chunk cache, taken from the LSM engine's (see {@code LsmShard.shareMemory}).
     */
    public org.charybdis.storage.rocks.RocksSettings rocksSettings() {
        return org.charybdis.storage.rocks.RocksSettings.of(Math.max(1 << 20, chunkCacheBytesPerShard / 2), Math.max(1 << 20, memtableBytesPerShard / 2));
    }

    public static LsmConfig defaults(Path workdir) {
        return new LsmConfig(workdir.resolve("data"), CommitLogConfig.defaults(workdir.resolve("commitlog")), 256L << 20, 0.5,
                32L << 20, 2);
    }
}
