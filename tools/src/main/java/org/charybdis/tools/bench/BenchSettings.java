package org.charybdis.tools.bench;

import org.charybdis.storage.commitlog.CommitLogConfig;
import org.charybdis.storage.compaction.ScalingParameters;
import org.charybdis.storage.engine.StorageParams;
import org.charybdis.storage.memtable.MemtableMemory;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one {@code storage-bench} run does, validated.
 *
 * @param rows              rows written, each to its own partition, each key once
 * @param valueSize         bytes of the single value column of every row
 * @param shards            shards (reactor threads), each with its own commitlog, memtables and SSTables
 * @param directory         where the data and commitlog go; null: a new temporary directory
 * @param keep              leave the files behind after the run
 * @param memtablePerShard  memtable budget of every shard
 * @param chunkCachePerShard decompressed-chunk cache of every shard
 * @param indexCacheFraction share of that cache index spans may take, with priority over data chunks
 * @param scaling           UCS scaling parameters ({@code T4}, {@code L10}, {@code T4,T4,L10}); the default engine's only
 * @param engine            the table's {@code storage_engine}
 * @param syncMode          commitlog sync mode
 * @param concurrency       writes in flight per shard
 * @param reads             random point reads after the writes (and again after the major compaction)
 * @param readConcurrency   reads in flight per shard
 * @param majorCompaction   whether to run a major compaction and read again
 * @param settleTimeout     how long to wait for flushes and compactions to finish after the writes
 * @param seed              seed of the key order, the values and the read keys
 */
public record BenchSettings(long rows, int valueSize, int shards, Path directory, boolean keep, long memtablePerShard,
                            long chunkCachePerShard, double indexCacheFraction, String scaling, StorageParams.Engine engine,
                            CommitLogConfig.SyncMode syncMode, int concurrency,
                            long reads, int readConcurrency, boolean majorCompaction, Duration settleTimeout, long seed) {
    /** Bytes of every partition key (a big-endian long). */
    public static final int KEY_SIZE = 8;
    public static final int MAX_VALUE_SIZE = 1 << 20;
    public static final long MAX_ROWS = Integer.MAX_VALUE - 8;
    public static final int MAX_SHARDS = 256;
    /** Four memtable slabs: below that the engine's flush threshold (half the budget) is crossed by a write or two. */
    public static final long MIN_MEMTABLE = 4L * MemtableMemory.DEFAULT_SLAB_SIZE;

    public BenchSettings {
        if (rows < 1 || rows > MAX_ROWS) throw new IllegalArgumentException("--rows must be between 1 and " + MAX_ROWS + ": " + rows);
        if (valueSize < 1 || valueSize > MAX_VALUE_SIZE)
            throw new IllegalArgumentException("--value-size must be between 1 and " + MAX_VALUE_SIZE + " bytes: " + valueSize);
        if (shards < 1 || shards > MAX_SHARDS) throw new IllegalArgumentException("--smp must be between 1 and " + MAX_SHARDS + ": " + shards);
        if (memtablePerShard < MIN_MEMTABLE)
            throw new IllegalArgumentException("--memtable must be at least " + ByteAmount.format(MIN_MEMTABLE) + " per shard (memtables take "
                    + "memory in 1 MiB slabs: a smaller budget flushes after almost every write): " + memtablePerShard);
        if (chunkCachePerShard < 0) throw new IllegalArgumentException("--chunk-cache must not be negative");
        if (!(indexCacheFraction >= 0 && indexCacheFraction <= 1))
            throw new IllegalArgumentException("--index-cache-fraction must be between 0 and 1: " + indexCacheFraction);
        checkScaling(scaling);
        if (engine == null) throw new IllegalArgumentException("--engine must be one of " + StorageBenchCommand.ENGINES);
        if (syncMode == null) throw new IllegalArgumentException("--commitlog-sync must be periodic or batch");
        if (concurrency < 1 || concurrency > 65536) throw new IllegalArgumentException("--concurrency must be between 1 and 65536: " + concurrency);
        if (reads < 0) throw new IllegalArgumentException("--reads must not be negative: " + reads);
        if (readConcurrency < 1 || readConcurrency > 65536)
            throw new IllegalArgumentException("--read-concurrency must be between 1 and 65536: " + readConcurrency);
        if (settleTimeout == null || settleTimeout.isNegative() || settleTimeout.isZero())
            throw new IllegalArgumentException("--settle-timeout must be positive");
    }

    /** The same run on another engine, in another directory (null: a new temporary one). */
    public BenchSettings on(StorageParams.Engine otherEngine, Path otherDirectory) {
        return new BenchSettings(rows, valueSize, shards, otherDirectory, keep, memtablePerShard, chunkCachePerShard, indexCacheFraction,
                scaling, otherEngine, syncMode, concurrency, reads, readConcurrency, majorCompaction, settleTimeout, seed);
    }

    /** Logical user data: every row's key and value. */
    public long userBytes() {
        return rows * (KEY_SIZE + (long) valueSize);
    }

    /** The memtable budget of all shards together. */
    public long memtableBudget() {
        return memtablePerShard * shards;
    }

    /** The table's compaction option map, as CQL would give it. */
    public java.util.Map<String, String> compactionOptions() {
        return java.util.Map.of("class", "UnifiedCompactionStrategy", "scaling_parameters", scaling);
    }

    private static void checkScaling(String scaling) {
        if (scaling == null || scaling.isBlank())
            throw new IllegalArgumentException("--scaling must be UCS scaling parameters such as T4, L10, N or T4,T4,L10");
        try {
            ScalingParameters.parse(scaling);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--scaling must be UCS scaling parameters such as T4, L10, N or T4,T4,L10 ("
                    + e.getMessage() + ")");
        }
    }
}
