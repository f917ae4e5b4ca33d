package org.charybdis.storage.compaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds SSTables that can be deleted outright: everything in them expired or was deleted before
 * {@code gcBefore}, and (unless aggressive expiration is on) none of their tombstones can still shadow
 * older data elsewhere, i.e. no other overlapping SSTable or memtable holds anything written at or before
 * their newest timestamp.
 */
public final class FullyExpiredSSTables {
    private FullyExpiredSSTables() {}

    /**
     * @param candidates           SSTables that may be dropped (not being compacted)
     * @param live                 every live SSTable of the table, including those being compacted
     * @param gcBefore             local deletion times (seconds) below this are purgeable
     * @param memtableMinTimestamp smallest timestamp in the table's memtables, {@link Long#MAX_VALUE} if empty
     * @param ignoreOverlaps       unsafe aggressive expiration: skip the shadowing check
     * @return the droppable SSTables, oldest first
     */
    public static <C extends CompactionCandidate> List<C> find(Collection<C> candidates, Collection<C> live,
                                                               long gcBefore, long memtableMinTimestamp,
                                                               boolean ignoreOverlaps) {
        Set<C> expired = new LinkedHashSet<>();
        for (C c : candidates) {
            if (c.maxLocalDeletionTime() < gcBefore) expired.add(c);
        }
        if (!ignoreOverlaps) {
            boolean changed = true;
            while (changed && !expired.isEmpty()) {
                // Dropping one SSTable can only make others unsafe, never safe: repeat until stable.
                changed = expired.removeIf(c -> mayShadowOthers(c, live, expired, memtableMinTimestamp));
            }
        }
        List<C> result = new ArrayList<>(expired);
        result.sort(CompactionBucket.OLDEST_FIRST);
        return result;
    }

    private static <C extends CompactionCandidate> boolean mayShadowOthers(C sstable, Collection<C> live,
                                                                           Set<C> expired, long memtableMinTimestamp) {
        if (memtableMinTimestamp <= sstable.maxTimestamp()) return true;
        for (C other : live) {
            if (other != sstable && !expired.contains(other) && other.overlaps(sstable)
                    && other.minTimestamp() <= sstable.maxTimestamp()) {
                return true;
            }
        }
        return false;
    }
}
