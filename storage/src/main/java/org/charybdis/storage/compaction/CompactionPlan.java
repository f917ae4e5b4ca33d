package org.charybdis.storage.compaction;

import java.util.List;

/**
 * One compaction to run (or, for {@link Kind#DROP_EXPIRED}, SSTables to delete without rewriting).
 *
 * @param inputs         the SSTables, oldest first
 * @param level          the UCS level of a minor compaction; -1 for expiry drops and major compactions
 * @param overlap        the read amplification this removes: the most inputs any token is found in
 * @param outputDensity  estimated density of the output: input bytes / fraction of the ring they span
 * @param outputShards   where to split the output; the writer starts a new SSTable at every boundary
 */
public record CompactionPlan<C extends CompactionCandidate>(Kind kind,
                                                            List<C> inputs,
                                                            int level,
                                                            int overlap,
                                                            long inputBytes,
                                                            double outputDensity,
                                                            ShardingBoundaries outputShards) {
    public enum Kind {
        /** Fully expired SSTables: delete them, write nothing. */
        DROP_EXPIRED,
        /** A background compaction of one level's bucket. */
        MINOR,
        /** Part of an operator-requested compaction of everything. */
        MAJOR,
        /** One SSTable compacted alone: upgradesstables, garbagecollect. */
        REWRITE
    }

    public CompactionPlan {
        inputs = List.copyOf(inputs);
    }

    /** Total bytes and density of inputs, and the boundaries the policy gives that density. */
    static <C extends CompactionCandidate> CompactionPlan<C> of(Kind kind, List<C> inputs, int level, int overlap,
                                                                ShardCountPolicy policy) {
        long bytes = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (C c : inputs) {
            bytes += c.onDiskSize();
            first = Math.min(first, c.firstToken());
            last = Math.max(last, c.lastToken());
        }
        double density = inputs.isEmpty() ? 0 : bytes / TokenSpace.fractionCovered(first, last);
        ShardingBoundaries shards = kind == Kind.DROP_EXPIRED ? ShardingBoundaries.ofCount(1) : policy.boundaries(density);
        return new CompactionPlan<>(kind, inputs, level, overlap, bytes, density, shards);
    }
}
