package org.charybdis.storage.sstable;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One shard's cache of decompressed Data.db chunks and of Index.db spans (the entries between two summary
 * samples), least recently used first out, bounded in bytes, as Cassandra's chunk and key caches. Point reads go
 * through it, so a read of hot data finishes on the shard without waiting for an IO thread; sequential scans
 * bypass it so compaction does not flush the hot set.
 * Shard-owned: no locks, call it from its shard's thread only.
 */
public final class ChunkCache {
    private final long capacityBytes;
    private final LinkedHashMap<Key, byte[]> chunks = new LinkedHashMap<>(256, 0.75f, true);
    private long sizeBytes;
    private long hits;
    private long misses;

    public ChunkCache(long capacityBytes) {
        if (capacityBytes < 0) throw new IllegalArgumentException("negative capacity " + capacityBytes);
        this.capacityBytes = capacityBytes;
    }

    /** The cached chunk (its bytes must not be modified), or null. */
    public byte[] get(long sstableId, int chunk) {
        byte[] bytes = chunks.get(new Key(sstableId, chunk));
        if (bytes == null) misses++;
        else hits++;
        return bytes;
    }

    public void put(long sstableId, int chunk, byte[] bytes) {
        if (bytes.length > capacityBytes) return;
        byte[] old = chunks.put(new Key(sstableId, chunk), bytes);
        sizeBytes += bytes.length - (old == null ? 0 : old.length);
        Iterator<byte[]> eldest = chunks.values().iterator();
        while (sizeBytes > capacityBytes && eldest.hasNext()) {
            sizeBytes -= eldest.next().length;
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
                sizeBytes -= e.getValue().length;
                it.remove();
            }
        }
    }

    public long sizeBytes() { return sizeBytes; }

    public long capacityBytes() { return capacityBytes; }

    public int chunkCount() { return chunks.size(); }

    public long hits() { return hits; }

    public long misses() { return misses; }

    private record Key(long sstableId, int chunk) {}
}
