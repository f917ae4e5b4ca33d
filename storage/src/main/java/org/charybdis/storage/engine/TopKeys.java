package org.charybdis.storage.engine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The most frequent partition keys of a stream, in bounded memory (the Space-Saving algorithm, as Cassandra's
 * toppartitions): at most {@code capacity} keys are counted; a new key replaces the least counted one and inherits
 * its count, which becomes the new key's possible overcount ({@link Entry#error}). Owned by one shard's thread.
 */
public final class TopKeys {
    /** A key, how often it was seen (at most {@code error} too many), as sampled. */
    public record Entry(ByteBuffer key, long count, long error) {}

    private final int capacity;
    /** key -> {count, error}; keys are copies, so callers' buffers may be reused. */
    private final Map<ByteBuffer, long[]> counters;
    private long distinct;

    public TopKeys(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        this.capacity = capacity;
        this.counters = new HashMap<>(capacity * 2);
    }

    public void offer(ByteBuffer key) {
        long[] counter = counters.get(key);
        if (counter != null) {
            counter[0]++;
            return;
        }
        distinct++;
        long inherited = 0;
        if (counters.size() >= capacity) {
            Map.Entry<ByteBuffer, long[]> least = null;
            for (Map.Entry<ByteBuffer, long[]> e : counters.entrySet()) {
                if (least == null || e.getValue()[0] < least.getValue()[0]) least = e;
            }
            inherited = least.getValue()[0];
            counters.remove(least.getKey());
        }
        ByteBuffer copy = ByteBuffer.allocate(key.remaining()).put(key.duplicate()).flip();
        counters.put(copy, new long[] {inherited + 1, inherited});
    }

    /** Keys offered that were not counted at the time: the distinct keys seen, overcounting those evicted and seen again. */
    public long distinct() { return distinct; }

    public int capacity() { return capacity; }

    /** The counted keys, most frequent first. */
    public List<Entry> top() {
        List<Entry> entries = new ArrayList<>(counters.size());
        counters.forEach((key, c) -> entries.add(new Entry(key.asReadOnlyBuffer(), c[0], c[1])));
        entries.sort(Comparator.comparingLong(Entry::count).reversed());
        return entries;
    }
}
