package org.charybdis.storage.engine;

import org.charybdis.storage.data.PartitionUpdate;

import java.util.List;

/**
 * Writes that follow from other writes, such as secondary index entries: given what a mutation writes on a
 * shard, adds the updates of the derived tables, so both reach the commitlog in the same entry (replay
 * restores both or neither). Runs on the shard's thread, inside {@link ShardStorage#write}.
 */
@FunctionalInterface
public interface DerivedWrites {
    /**
     * Appends to {@code engines} and {@code updates} the derived updates of {@code updates.get(0 .. count - 1)}.
     * Must not change the first {@code count} elements.
     */
    void addTo(List<TableEngine> engines, List<PartitionUpdate> updates, int count);
}
