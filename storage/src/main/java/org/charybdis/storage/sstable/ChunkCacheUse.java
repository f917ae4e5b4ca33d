package org.charybdis.storage.sstable;

/**
 * What one traced read of an SSTable found in the shard's chunk cache: how many index spans and Data.db chunks it took
 * from there and how many it had to read (from the page cache or the disk). Untraced reads pass none and count nothing.
 * Only the shard that reads touches it.
 */
public final class ChunkCacheUse {
    private int hits;
    private int misses;

    void record(boolean hit) {
        if (hit) hits++;
        else misses++;
    }

    public int hits() {
        return hits;
    }

    public int misses() {
        return misses;
    }

    /** True when the read found everything it looked up in the cache, so it read nothing. */
    public boolean allHits() {
        return hits > 0 && misses == 0;
    }

    /** As a trace says it: "chunk cache hit", how many of the pieces looked up were missing, or that there is no cache. */
    @Override
    public String toString() {
        if (hits + misses == 0) return "no chunk cache";
        return misses == 0 ? "chunk cache hit" : "chunk cache miss: " + misses + " of " + (hits + misses) + " index spans and chunks";
    }
}
