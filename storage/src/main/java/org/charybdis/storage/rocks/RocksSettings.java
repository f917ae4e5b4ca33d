package org.charybdis.storage.rocks;

/**
 * What one shard's RocksDB instance may use: its block cache and its memtables, taken from the shard's memory budget
 * (see {@code LsmConfig}), and the size at which one table's memtable is flushed.
 */
public record RocksSettings(long blockCacheBytes, long memtableBytes, long writeBufferBytes) {
    /** The rate limiter's "no limit": RocksDB needs a rate, this one no disk reaches. */
    static final long UNLIMITED_RATE = 1L << 40;

    public RocksSettings {
        if (blockCacheBytes <= 0 || memtableBytes <= 0 || writeBufferBytes <= 0)
            throw new IllegalArgumentException("RocksDB needs a block cache, memtable memory and a write buffer size");
    }

    /** A table's memtable is flushed at a quarter of the shard's memtable memory, at most 64 MiB. */
    public static RocksSettings of(long blockCacheBytes, long memtableBytes) {
        return new RocksSettings(blockCacheBytes, memtableBytes, Math.max(1 << 20, Math.min(64L << 20, memtableBytes / 4)));
    }
}
