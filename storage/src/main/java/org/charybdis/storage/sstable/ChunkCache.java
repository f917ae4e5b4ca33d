package org.charybdis.storage.sstable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One shard's cache of decompressed Data.db chunks and of Index.db spans (the entries between two summary
 * samples), bounded in bytes, as Cassandra's chunk and key caches. Point reads go through it, so a read of hot data
 * finishes on the shard without waiting for an IO thread; sequential scans bypass it so compaction does not flush
 * the hot set.
 * <p>
 * Index spans have priority, as ScyllaDB keeps index pages cached: they may fill up to {@code indexFraction} of the
 * capacity and only another span evicts one, while data chunks use what the spans leave, least recently used first
 * out. A span of 128 entries costs about a thirtieth of the data it points to and serves 128 keys, where a chunk
 * serves the dozen partitions it holds; so when the data outgrows the cache, keeping the index whole is what makes a
 * point read cost one data read instead of an index read plus a data read.
 * <p>
 * Shard-owned: no locks, call it from its shard's thread only. The counters and sizes may be read from any thread
 * (metrics).
 */
public final class ChunkCache {
    /**
     * Share of the capacity index spans may take by default. Larger than ScyllaDB's {@code index_cache_fraction}
     * (0.2), whose cache is most of the shard's memory: ours is an eighth of it, and an index that does not fit whole
     * costs a disk read per point read for every span it misses.
     */
    public static final double DEFAULT_INDEX_FRACTION = 0.5;

    private final double indexFraction;
    /** Volatile: metrics read them from any thread. */
    private volatile long capacityBytes;
    private volatile long indexCapacityBytes;
    private final Segment data = new Segment();
    private final Segment index = new Segment();

    public ChunkCache(long capacityBytes) {
        this(capacityBytes, DEFAULT_INDEX_FRACTION);
    }

    /** @param indexFraction the share of the capacity index spans may take, in [0, 1] */
    public ChunkCache(long capacityBytes, double indexFraction) {
        if (capacityBytes < 0) throw new IllegalArgumentException("negative capacity " + capacityBytes);
        if (!(indexFraction >= 0 && indexFraction <= 1)) throw new IllegalArgumentException("index fraction must be in [0, 1]: " + indexFraction);
        this.indexFraction = indexFraction;
        this.capacityBytes = capacityBytes;
        this.indexCapacityBytes = (long) (capacityBytes * indexFraction);
    }

    /** Changes the capacity (the shard's RocksDB instance took or gave back part of it), evicting what no longer fits. Owner thread. */
    public void capacity(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("negative capacity " + bytes);
        capacityBytes = bytes;
        indexCapacityBytes = (long) (bytes * indexFraction);
        index.evictDownTo(indexCapacityBytes);
        data.evictDownTo(capacityBytes - index.bytes());
    }

    /** The cached chunk (its bytes must not be modified), or null. */
    public byte[] get(long sstableId, int chunk) {
        return data.get(new Key(sstableId, chunk));
    }

    /** Caches a chunk in the room the index spans leave, evicting the least recently used chunks. */
    public void put(long sstableId, int chunk, byte[] bytes) {
        long room = capacityBytes - index.bytes();
        if (bytes.length > room) return;
        data.put(new Key(sstableId, chunk), bytes);
        data.evictDownTo(room);
    }

    /** The cached Index.db span after summary sample {@code sample} (its bytes must not be modified), or null. */
    public byte[] indexSpan(long sstableId, int sample) {
        return index.get(new Key(sstableId, sample));
    }

    /** Caches a span, evicting the least recently used spans beyond the index's share, then chunks beyond the capacity. */
    public void putIndexSpan(long sstableId, int sample, byte[] bytes) {
        if (sample < 0) throw new IllegalArgumentException("negative summary sample " + sample);
        if (bytes.length > indexCapacityBytes) return;
        index.put(new Key(sstableId, sample), bytes);
        index.evictDownTo(indexCapacityBytes);
        data.evictDownTo(capacityBytes - index.bytes());
    }

    /** Drops every chunk and index span of an SSTable (when its reader closes). */
    public void invalidate(long sstableId) {
        data.invalidate(sstableId);
        index.invalidate(sstableId);
    }

    /** Bytes cached, chunks and spans. Any thread. */
    public long sizeBytes() { return data.bytes() + index.bytes(); }

    public long capacityBytes() { return capacityBytes; }

    /** The most index spans may take. */
    public long indexCapacityBytes() { return indexCapacityBytes; }

    /** Chunks and spans cached. Owner thread. */
    public int chunkCount() { return data.entries.size() + index.entries.size(); }

    /** Lookups answered, chunks and spans. Any thread. */
    public long hits() { return data.hits() + index.hits(); }

    /** Lookups that had to read the disk, chunks and spans. Any thread. */
    public long misses() { return data.misses() + index.misses(); }

    /** Lookups of Data.db chunks ({@link Component#DATA}) or Index.db spans ({@link Component#INDEX}) answered. Any thread. */
    public long hits(Component component) { return segment(component).hits(); }

    /** Lookups of chunks or spans that were not cached: each is read from disk. Any thread. */
    public long misses(Component component) { return segment(component).misses(); }

    /** Bytes of chunks or spans cached. Any thread. */
    public long sizeBytes(Component component) { return segment(component).bytes(); }

    private Segment segment(Component component) {
        return switch (component) {
            case DATA -> data;
            case INDEX -> index;
            default -> throw new IllegalArgumentException("the chunk cache holds no " + component.suffix());
        };
    }

    private record Key(long sstableId, int position) {}

    /**
     * Entries of one kind, least recently used first. Counters are written by the owner only and published opaquely,
     * so metrics read them from any thread without a lock or a fence on the read path.
     */
    private static final class Segment {
        private static final VarHandle HITS;
        private static final VarHandle MISSES;
        private static final VarHandle BYTES;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                HITS = lookup.findVarHandle(Segment.class, "hits", long.class);
                MISSES = lookup.findVarHandle(Segment.class, "misses", long.class);
                BYTES = lookup.findVarHandle(Segment.class, "bytes", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final LinkedHashMap<Key, byte[]> entries = new LinkedHashMap<>(256, 0.75f, true);
        private long hits;
        private long misses;
        private long bytes;

        byte[] get(Key key) {
            byte[] found = entries.get(key);
            if (found == null) MISSES.setOpaque(this, misses + 1);
            else HITS.setOpaque(this, hits + 1);
            return found;
        }

        void put(Key key, byte[] value) {
            byte[] old = entries.put(key, value);
            addBytes(value.length - (old == null ? 0 : old.length));
        }

        void evictDownTo(long limit) {
            Iterator<byte[]> eldest = entries.values().iterator();
            while (bytes > limit && eldest.hasNext()) {
                addBytes(-eldest.next().length);
                eldest.remove();
            }
        }

        void invalidate(long sstableId) {
            Iterator<Map.Entry<Key, byte[]>> it = entries.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Key, byte[]> e = it.next();
                if (e.getKey().sstableId == sstableId) {
                    addBytes(-e.getValue().length);
                    it.remove();
                }
            }
        }

        long hits() { return (long) HITS.getOpaque(this); }

        long misses() { return (long) MISSES.getOpaque(this); }

        long bytes() { return (long) BYTES.getOpaque(this); }

        private void addBytes(long delta) { BYTES.setOpaque(this, bytes + delta); }
    }
}
