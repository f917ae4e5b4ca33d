package org.charybdis.storage.engine;

import org.charybdis.storage.dht.DecoratedKey;

/**
 * Counts the partitions of one table read and written while {@code toppartitions} samples it; a table engine holds
 * one only then (a null check on the read and write paths otherwise). Owned by the engine's shard.
 */
public final class PartitionSampler {
    private final TopKeys reads;
    private final TopKeys writes;

    public PartitionSampler(int capacity) {
        this.reads = new TopKeys(capacity);
        this.writes = new TopKeys(capacity);
    }

    public void read(DecoratedKey key) { reads.offer(key.key()); }

    public void written(DecoratedKey key) { writes.offer(key.key()); }

    public TopKeys reads() { return reads; }

    public TopKeys writes() { return writes; }
}
