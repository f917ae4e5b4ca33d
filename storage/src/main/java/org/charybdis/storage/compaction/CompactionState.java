package org.charybdis.storage.compaction;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What the planner looks at for one table on one shard.
 *
 * @param live                 every live SSTable
 * @param compacting           those already taken by a running compaction (never planned again)
 * @param observedFlushSize    average bytes written per memtable flush (0 when none yet)
 * @param gcBefore             seconds; SSTables whose content all died before this may be dropped.
 *                             {@link #NO_EXPIRY_CHECK} skips the check (the engine runs it every
 *                             {@code expired_sstable_check_frequency_seconds})
 * @param memtableMinTimestamp smallest timestamp in the table's memtables, {@link Long#MAX_VALUE} if empty
 */
public record CompactionState<C extends CompactionCandidate>(Collection<C> live,
                                                             Set<C> compacting,
                                                             long observedFlushSize,
                                                             long gcBefore,
                                                             long memtableMinTimestamp) {
    public static final long NO_EXPIRY_CHECK = Long.MIN_VALUE;

    public CompactionState {
        live = List.copyOf(live);
        compacting = Set.copyOf(compacting);
    }

    public static <C extends CompactionCandidate> CompactionState<C> of(Collection<C> live, Set<C> compacting,
                                                                       long observedFlushSize) {
        return new CompactionState<>(live, compacting, observedFlushSize, NO_EXPIRY_CHECK, Long.MAX_VALUE);
    }

    /** The same state, asking the planner to look for fully expired SSTables too. */
    public CompactionState<C> withExpiryCheck(long gcBefore, long memtableMinTimestamp) {
        return new CompactionState<>(live, compacting, observedFlushSize, gcBefore, memtableMinTimestamp);
    }

    public boolean checksExpiry() { return gcBefore != NO_EXPIRY_CHECK; }
}
