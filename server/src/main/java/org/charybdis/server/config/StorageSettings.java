package org.charybdis.server.config;

import org.charybdis.scheduler.io.IoCapacity;
import org.charybdis.scheduler.io.IoProperties;
import org.charybdis.storage.commitlog.CommitLogConfig;
import org.charybdis.storage.lsm.LsmConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/** Turns the node's configuration into the storage engine's and the IO scheduler's settings. */
public final class StorageSettings {
    private StorageSettings() {}

    /**
     * The LSM engine's settings: each shard gets its share of the {@link MemoryBudget}'s memtables and chunk cache (of which index
     * spans may take {@code index_cache_fraction});
     * flush and compaction shares come from the shards' backlog controllers unless {@code memtable_flush_static_shares}
     * / {@code compaction_static_shares} fix them.
     */
    public static LsmConfig lsm(ServerConfig config) {
        int shards = config.get(ServerConfig.SMP);
        MemoryBudget budget = MemoryBudget.of(config);
        long memtables = budget.memtables() / shards; // at least the engine's minimum: the budget sees to it
        CommitLogConfig commitLog = CommitLogConfig.defaults(config.commitLogDirectory())
                .withSegmentSize((long) config.get(ServerConfig.COMMITLOG_SEGMENT_SIZE_IN_MB) << 20)
                .withSyncMode(config.get(ServerConfig.COMMITLOG_SYNC).equals("batch")
                        ? CommitLogConfig.SyncMode.BATCH : CommitLogConfig.SyncMode.PERIODIC)
                .withSyncPeriod(Duration.ofMillis(config.get(ServerConfig.COMMITLOG_SYNC_PERIOD_IN_MS)))
                .withBatchWindow(Duration.ofMillis(config.get(ServerConfig.COMMITLOG_SYNC_BATCH_WINDOW_IN_MS)))
                .withTotalSpace((long) config.get(ServerConfig.COMMITLOG_TOTAL_SPACE_IN_MB) << 20)
                .withReplayErrors(config.get(ServerConfig.COMMITLOG_REPLAY_ERRORS).equals("ignore")
                        ? CommitLogConfig.ReplayErrors.IGNORE : CommitLogConfig.ReplayErrors.STOP);
        return new LsmConfig(config.dataDirectory(), commitLog, memtables, 0.5,
                Math.max(1L << 20, budget.chunkCache() / shards), 2)
                .withStaticShares(new LsmConfig.StaticShares(config.get(ServerConfig.MEMTABLE_FLUSH_STATIC_SHARES),
                        config.get(ServerConfig.COMPACTION_STATIC_SHARES)))
                .withDiskFailurePolicy(config.diskFailurePolicy())
                .withIndexCacheFraction(config.get(ServerConfig.INDEX_CACHE_FRACTION));
    }

    /** The disk's capacity from io_properties_file, or unlimited when none is configured. */
    public static IoCapacity ioCapacity(ServerConfig config) {
        String file = config.get(ServerConfig.IO_PROPERTIES_FILE);
        if (file.isEmpty()) return IoCapacity.UNLIMITED;
        try {
            return IoProperties.load(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read io_properties_file " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("io_properties_file " + file + ": " + e.getMessage(), e);
        }
    }
}
