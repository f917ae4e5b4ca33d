package org.charybdis.storage.rocks;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.RateLimiter;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBufferManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One shard's RocksDB instance ({@code <data>/rocksdb-engine/shard-<n>}), opened when the shard's first RocksDB table
 * is: a column family per table, named by the table id, all sharing the shard's block cache, memtable budget (a
 * write buffer manager) and background IO rate limiter. Used on the shard's thread, except the blocking calls
 * (flush, compaction, checkpoints), which run on the instance's own worker thread.
 */
public final class RocksShard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RocksShard.class);
    /** Under the data directory; a keyspace cannot have this name (no '-'), so no table directory collides with it. */
    public static final String DIRECTORY = "rocksdb-engine";

    static {
        RocksDB.loadLibrary();
    }

    private final int shardId;
    private final Path directory;
    private final RocksSettings settings;
    private final Map<UUID, ColumnFamilyHandle> families = new HashMap<>();
    private final Map<UUID, ColumnFamilyOptions> familyOptions = new HashMap<>();
    private final Map<UUID, NativeCompactionFilter> filters = new HashMap<>();
    /** Read by the compaction filters on RocksDB's threads. */
    private final Map<UUID, NativeCompactionFilter.KeyFilter> purgers = new ConcurrentHashMap<>();
    private final RocksEvents events = new RocksEvents();
    /** Tables with an open engine: the instance closes when the last one does. */
    private final Set<UUID> inUse = new java.util.HashSet<>();
    private ExecutorService worker;
    private volatile Cache blockCache;
    private WriteBufferManager writeBuffers;
    private RateLimiter rateLimiter;
    private DBOptions options;
    private RocksDB db;

    public RocksShard(int shardId, Path dataDirectory, RocksSettings settings) {
        this.shardId = shardId;
        this.directory = dataDirectory.resolve(DIRECTORY).resolve("shard-" + shardId);
        this.settings = settings;
    }

    public Path directory() { return directory; }

    public boolean isOpen() { return db != null; }

    RocksDB db() { return db; }

    /** Where the blocking calls run. */
    ExecutorService worker() { return worker; }

    RocksEvents events() { return events; }

    /**
     * The table's column family, created if the instance does not have it yet; opens the instance first if needed.
     * {@code purger} is the table's compaction filter from now on.
     */
    ColumnFamilyHandle open(UUID table, NativeCompactionFilter.KeyFilter purger) {
        purgers.put(table, purger);
        openInstance();
        inUse.add(table);
        ColumnFamilyHandle handle = families.get(table);
        if (handle != null) return handle;
        ColumnFamilyOptions cfOptions = familyOptions(table);
        try {
            handle = db.createColumnFamily(new ColumnFamilyDescriptor(name(table), cfOptions));
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot create the RocksDB column family of table " + table + " on shard " + shardId + ": " + e.getMessage(), e);
        }
        families.put(table, handle);
        return handle;
    }

    /** The table's engine closed; the instance closes with its last table. */
    void release(UUID table) {
        purgers.remove(table);
        if (inUse.remove(table) && inUse.isEmpty()) close();
    }

    /** Drops the table's column family (opening the instance for that if needed): its files go once no read uses them. */
    public void drop(UUID table) {
        if (!Files.exists(directory.resolve("CURRENT"))) return;
        openInstance();
        dropFamily(table);
        if (inUse.isEmpty()) close();
    }

    private void dropFamily(UUID table) {
        purgers.remove(table);
        ColumnFamilyHandle handle = families.remove(table);
        if (handle == null || db == null) return;
        try {
            db.dropColumnFamily(handle);
        } catch (RocksDBException e) {
            LOG.error("Shard {}: cannot drop the RocksDB column family of table {}", shardId, table, e);
        }
        // a flush or compaction of the table queued on the worker may still use the handle: close it after them. Its
        // options and compaction filter (a few hundred native bytes) stay until the instance closes, as a compaction
        // RocksDB had running on the family may still call the filter
        worker.execute(handle::close);
    }

    /** Drops the column families of tables not in {@code known} (dropped before a crash); returns how many. */
    public int dropUnknown(Set<UUID> known) {
        if (db == null && !Files.exists(directory.resolve("CURRENT"))) return 0;
        openInstance();
        int dropped = 0;
        for (UUID table : List.copyOf(families.keySet())) {
            if (known.contains(table)) continue;
            LOG.warn("Shard {}: dropping RocksDB column family {}: its table is not in the schema (dropped before a crash)", shardId, table);
            dropFamily(table);
            dropped++;
        }
        if (inUse.isEmpty()) close();
        return dropped;
    }

    /** The memory RocksDB holds for memtables and cached blocks of this shard (memtables are charged to the cache); any thread. */
    public long memoryBytes() {
        Cache cache = blockCache;
        return cache == null ? 0 : cache.getUsage();
    }

    /** What RocksDB's flushes and compactions of this shard did since it opened; any thread. */
    public org.charybdis.storage.engine.TableEngine.BackgroundIo backgroundIo() {
        return events.total();
    }

    /** The compactions RocksDB finished since the last call, for the compaction history: table id, time, bytes in and out. */
    public List<FinishedCompaction> takeFinishedCompactions() {
        return events.takeFinished();
    }

    /** A compaction RocksDB ran: keys read ({@code recordsIn}) and written. */
    public record FinishedCompaction(UUID table, long atMillis, long bytesIn, long bytesOut, long recordsIn, long recordsOut) {}

    /** RocksDB's estimate of the bytes its compactions still have to rewrite, all tables. Shard thread. */
    public long pendingCompactionBytes() {
        if (db == null) return 0;
        long pending = 0;
        for (ColumnFamilyHandle handle : families.values()) {
            try {
                pending += db.getLongProperty(handle, "rocksdb.estimate-pending-compaction-bytes");
            } catch (RocksDBException e) {
                // a family being dropped: nothing pending there
            }
        }
        return pending;
    }

    /** The rate limiter's bytes per second now, 0 when unlimited or closed. */
    public long backgroundRate() {
        RateLimiter limiter = rateLimiter;
        if (db == null || limiter == null) return 0;
        long rate = limiter.getBytesPerSecond();
        return rate >= RocksSettings.UNLIMITED_RATE ? 0 : rate;
    }

    /** Caps the bytes per second flushes and compactions write (0: the highest rate RocksDB allows). Any thread. */
    public void backgroundRate(long bytesPerSecond) {
        RateLimiter limiter = rateLimiter;
        if (limiter != null) limiter.setBytesPerSecond(bytesPerSecond > 0 ? bytesPerSecond : RocksSettings.UNLIMITED_RATE);
    }

    private void openInstance() {
        if (db != null) return;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("rocksdb-" + shardId).factory());
        // memtables are charged to the block cache: the two stay inside its capacity together. Index and filter blocks
        // go to its high-priority half, so that data blocks do not push them out (every read, and every write's read
        // of what it changes, needs them); few cache shards, as RocksDB's default of 64 leaves a small cache's
        // shards too small to hold a file's index
        long capacity = settings.blockCacheBytes() + settings.memtableBytes();
        blockCache = new LRUCache(capacity, cacheShardBits(capacity), false, 0.5);
        writeBuffers = new WriteBufferManager(settings.memtableBytes(), blockCache);
        rateLimiter = new RateLimiter(RocksSettings.UNLIMITED_RATE);
        options = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setMaxBackgroundJobs(2)
                .setWriteBufferManager(writeBuffers)
                .setRateLimiter(rateLimiter)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setKeepLogFileNum(3)
                // the WAL is off and the commitlog holds every write not flushed by us: a close drops memtables as a crash does
                .setAvoidFlushDuringShutdown(true)
                .setListeners(List.of(events));
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        List<UUID> tables = new ArrayList<>();
        try (org.rocksdb.Options listing = new org.rocksdb.Options()) {
            descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
            tables.add(null);
            if (Files.exists(directory.resolve("CURRENT"))) {
                for (byte[] name : RocksDB.listColumnFamilies(listing, directory.toString())) {
                    String text = new String(name, StandardCharsets.UTF_8);
                    if (text.equals("default")) continue;
                    UUID table = UUID.fromString(text);
                    descriptors.add(new ColumnFamilyDescriptor(name, familyOptions(table)));
                    tables.add(table);
                }
            }
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            db = RocksDB.open(options, directory.toString(), descriptors, handles);
            RocksThreads.instanceOpened();
            for (int i = 0; i < handles.size(); i++) {
                if (tables.get(i) == null) handles.get(i).close(); // the default family holds nothing
                else families.put(tables.get(i), handles.get(i));
            }
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot open the RocksDB instance of shard " + shardId + " in " + directory + ": " + e.getMessage(), e);
        }
        LOG.info("Shard {}: opened RocksDB in {} with {} tables", shardId, directory, families.size());
    }

    private ColumnFamilyOptions familyOptions(UUID table) {
        NativeCompactionFilter filter = NativeCompactionFilter.create((key, value) -> {
            NativeCompactionFilter.KeyFilter purger = purgers.get(table);
            return purger == null ? value : purger.filter(key, value);
        });
        BlockBasedTableConfig tableConfig = new BlockBasedTableConfig()
                .setBlockCache(blockCache)
                .setFilterPolicy(new BloomFilter(10, false))
                .setCacheIndexAndFilterBlocks(true)
                .setCacheIndexAndFilterBlocksWithHighPriority(true)
                .setPinL0FilterAndIndexBlocksInCache(true)
                .setPinTopLevelIndexAndFilter(true)
                .setBlockSize(16 * 1024);
        ColumnFamilyOptions cfOptions = new ColumnFamilyOptions()
                .setCompactionFilter(filter)
                .setTableFormatConfig(tableConfig)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION)
                .setLevelCompactionDynamicLevelBytes(true)
                .setWriteBufferSize(settings.writeBufferBytes());
        filters.put(table, filter);
        familyOptions.put(table, cfOptions);
        return cfOptions;
    }

    private void closeFamilyOptions(UUID table) {
        ColumnFamilyOptions cfOptions = familyOptions.remove(table);
        if (cfOptions != null) cfOptions.close();
        NativeCompactionFilter filter = filters.remove(table);
        if (filter != null) filter.close();
    }

    /** Cache shards of at least 8 MiB each, at most 64. */
    static int cacheShardBits(long capacity) {
        int bits = 0;
        while (bits < 6 && capacity >> (bits + 1) >= 8L << 20) bits++;
        return bits;
    }

    private static byte[] name(UUID table) {
        return table.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Closes the instance; unflushed writes are in the commitlog still. */
    @Override
    public void close() {
        inUse.clear();
        if (db == null) return;
        worker.shutdown(); // RocksDB's objects must outlive the flushes and compactions queued there
        try {
            if (!worker.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES)) LOG.warn("Shard {}: RocksDB work still running at close", shardId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ColumnFamilyHandle handle : families.values()) handle.close();
        families.clear();
        db.close(); // drops the memtables: what they held is replayed from the commitlog
        db = null;
        RocksThreads.instanceClosed();
        for (UUID table : List.copyOf(familyOptions.keySet())) closeFamilyOptions(table);
        options.close();
        rateLimiter.close();
        writeBuffers.close();
        blockCache.close();
        blockCache = null;
    }
}
