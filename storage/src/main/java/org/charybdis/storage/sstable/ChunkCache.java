package org.charybdis.storage.sstable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One shard's cache of decompressed Data.db chunks and of Index.db spans (the entries between two summary
 * samples), least recently used first out, bounded in bytes, as Cassandra's chunk and key caches. Point reads go
 * through it, so a read of hot data finishes on the shard without waiting for an IO thread; sequential scans
 * bypass it so compaction does not flush the hot set.
 * Shard-owned: no locks, call it from its shard's thread only. The counters and sizes may be read from any thread
 * (metrics): the owner publishes them opaquely.
 */
public final class ChunkCache {
    private static final VarHandle COUNTERS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int DATA_HITS = 0, DATA_MISSES = 1, INDEX_HITS = 2, INDEX_MISSES = 3, DATA_BYTES = 4, INDEX_BYTES = 5;

    private final long capacityBytes;
    private final LinkedHashMap<Key, byte[]> chunks = new LinkedHashMap<>(256, 0.75f, true);
    private final long[] counters = new long[6];
    private long sizeBytes;

    public ChunkCache(long capacityBytes) {
        if (capacityBytes < 0) throw new IllegalArgumentException("negative capacity " + capacityBytes);
        this.capacityBytes = capacityBytes;
    }

    /** The cached chunk (its bytes must not be modified), or null. */
    public byte[] get(long sstableId, int chunk) {
        byte[] bytes = chunks.get(new Key(sstableId, chunk));
        boolean index = chunk < 0;
        count(bytes == null ? (index ? INDEX_MISSES : DATA_MISSES) : (index ? INDEX_HITS : DATA_HITS), 1);
        return bytes;
    }

    public void put(long sstableId, int chunk, byte[] bytes) {
        if (bytes.length > capacityBytes) return;
        byte[] old = chunks.put(new Key(sstableId, chunk), bytes);
        resize(chunk, bytes.length - (old == null ? 0 : old.length));
        Iterator<Map.Entry<Key, byte[]>> eldest = chunks.entrySet().iterator();
        while (sizeBytes > capacityBytes && eldest.hasNext()) {
            Map.Entry<Key, byte[]> e = eldest.next();
            resize(e.getKey().chunk, -e.getValue().length);
            eldest.remove();
        }
    }

    /** The cached Index.db span after summary sample {@code sample} (its bytes must not be modified), or null. */
    public byte[] indexSpan(long sstableId, int sample) {
        return get(sstableId, indexSpanKey(sample));
    }

    public void putIndexSpan(long sstableId, int sample, byte[] bytes) {
        put(sstableId, indexSpanKey(sample), bytes);
    }

    /** Index spans share the chunks' key space below zero. */
    private static int indexSpanKey(int sample) {
        if (sample < 0) throw new IllegalArgumentException("negative summary sample " + sample);
        return -1 - sample;
    }

    /** Drops every chunk and index span of an SSTable (when its reader closes). */
    public void invalidate(long sstableId) {
        Iterator<Map.Entry<Key, byte[]>> it = chunks.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, byte[]> e = it.next();
            if (e.getKey().sstableId == sstableId) {
                resize(e.getKey().chunk, -e.getValue().length);
                it.remove();
            }
        }
    }

    public long sizeBytes() { return sizeBytes; }

    public long capacityBytes() { return capacityBytes; }

    public int chunkCount() { return chunks.size(); }

    public long hits() { return hits(Component.DATA) + hits(Component.INDEX); }

    public long misses() { return misses(Component.DATA) + misses(Component.INDEX); }

    /** Lookups of Data.db chunks ({@link Component#DATA}) or Index.db spans ({@link Component#INDEX}) answered. Any thread. */
    public long hits(Component component) { return counter(component == Component.INDEX ? INDEX_HITS : DATA_HITS); }

    /** Lookups of chunks or spans that were not cached: each is read from disk. Any thread. */
    public long misses(Component component) { return counter(component == Component.INDEX ? INDEX_MISSES : DATA_MISSES); }

    /** Bytes of chunks or spans cached. Any thread. */
    public long sizeBytes(Component component) { return counter(component == Component.INDEX ? INDEX_BYTES : DATA_BYTES); }

    private void resize(int chunk, long delta) {
        sizeBytes += delta;
        count(chunk < 0 ? INDEX_BYTES : DATA_BYTES, delta);
    }

    private void count(int counter, long delta) { COUNTERS.setOpaque(counters, counter, counters[counter] + delta); }

    private long counter(int counter) { return (long) COUNTERS.getOpaque(counters, counter); }

    private record Key(long sstableId, int chunk) {}
}
