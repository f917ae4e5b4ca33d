package org.charybdis.storage.compaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * UCS's decisions for one table on one shard: which SSTables to compact next, how to split the output,
 * what a major compaction does, and a summary of the hierarchy. Pure and deterministic given its random
 * source; not thread-safe (one planner per shard and table, owned by the shard).
 * <p>
 * Selection, following Cassandra's UnifiedCompactionStrategy.md: SSTables not being compacted are put in
 * density levels; each level is cut into overlap sets, joined into buckets; a level needs compaction when
 * some bucket's overlap reaches the level's threshold t. The level with the highest such overlap wins
 * (the lowest level on a tie), and within it a bucket of that overlap is chosen at random.
 */
public final class UnifiedCompactionPlanner {
    private final CompactionOptions options;
    private final ShardCountPolicy shardPolicy;
    private final RandomGenerator random;

    public UnifiedCompactionPlanner(CompactionOptions options) {
        this(options, new SplittableRandom());
    }

    /** @param random tie-breaker between equally good buckets; seed it in tests */
    public UnifiedCompactionPlanner(CompactionOptions options, RandomGenerator random) {
        this.options = options;
        this.shardPolicy = options.shardCountPolicy();
        this.random = random;
    }

    public CompactionOptions options() { return options; }

    /**
     * The next thing to do, if any: dropping fully expired SSTables first (when the state asks for the
     * check), else the most urgent minor compaction.
     */
    public <C extends CompactionCandidate> Optional<CompactionPlan<C>> nextPlan(CompactionState<C> state) {
        List<C> suitable = notCompacting(state.live(), state.compacting());
        if (state.checksExpiry()) {
            List<C> expired = FullyExpiredSSTables.find(suitable, state.live(), state.gcBefore(),
                                                        state.memtableMinTimestamp(),
                                                        options.unsafeAggressiveSSTableExpiration());
            if (!expired.isEmpty()) {
                return Optional.of(CompactionPlan.of(CompactionPlan.Kind.DROP_EXPIRED, expired, -1, 0, shardPolicy));
            }
        }
        Level<C> bestLevel = null;
        List<CompactionBucket<C>> bestBuckets = null;
        int bestOverlap = 0;
        for (Level<C> level : Level.assign(suitable, bands(state))) {
            List<CompactionBucket<C>> buckets = level.buckets(options.overlapInclusionMethod());
            int overlap = 0;
            for (CompactionBucket<C> bucket : buckets) overlap = Math.max(overlap, bucket.maxOverlap());
            if (!buckets.isEmpty() && overlap > bestOverlap) { // strict: the lower level keeps a tie
                bestLevel = level;
                bestBuckets = buckets;
                bestOverlap = overlap;
            }
        }
        if (bestLevel == null) return Optional.empty();

        CompactionBucket<C> chosen = pickRandomly(bestBuckets, bestOverlap);
        int limit = Math.max(options.maxSSTablesToCompact(), bestLevel.fanout());
        List<C> inputs = chosen.select(limit);
        return Optional.of(CompactionPlan.of(CompactionPlan.Kind.MINOR, inputs, bestLevel.index(),
                                             chosen.overlapOf(inputs), shardPolicy));
    }

    /**
     * A major compaction ({@code charybdis admin compact}): every SSTable not being compacted, in groups
     * connected by overlap (at least one per base shard once flushes are sharded), each output split at
     * the boundaries its density calls for. The groups can run concurrently.
     */
    public <C extends CompactionCandidate> List<CompactionPlan<C>> majorPlans(Collection<C> live, Set<C> compacting) {
        List<CompactionPlan<C>> plans = new ArrayList<>();
        for (List<C> group : OverlapSets.connectedGroups(notCompacting(live, compacting))) {
            group.sort(CompactionBucket.OLDEST_FIRST);
            int overlap = OverlapSets.maxOverlap(OverlapSets.of(group));
            plans.add(CompactionPlan.of(CompactionPlan.Kind.MAJOR, group, -1, overlap, shardPolicy));
        }
        return plans;
    }

    /** One SSTable compacted alone, purging what it can (upgradesstables, garbagecollect). */
    public <C extends CompactionCandidate> CompactionPlan<C> rewritePlan(C sstable) {
        return CompactionPlan.of(CompactionPlan.Kind.REWRITE, List.of(sstable), -1, 1, shardPolicy);
    }

    /** Where to split a flush of this many bytes (a memtable spans the whole ring, so density = size). */
    public ShardingBoundaries flushSharding(long flushBytes) {
        return shardPolicy.boundaries(flushBytes);
    }

    /** Per-level counts and sizes and the pending-compaction estimate. */
    public <C extends CompactionCandidate> CompactionSummary summarize(CompactionState<C> state) {
        DensityLevels bands = bands(state);
        List<Level<C>> all = Level.assign(new ArrayList<>(state.live()), bands);
        List<Level<C>> idle = Level.assign(notCompacting(state.live(), state.compacting()), bands);
        List<CompactionSummary.LevelSummary> levels = new ArrayList<>();
        int pending = 0;
        for (Level<C> level : all) {
            int maxOverlap = 0;
            int levelPending = 0;
            if (level.index() < idle.size()) {
                Level<C> available = idle.get(level.index());
                maxOverlap = OverlapSets.maxOverlap(OverlapSets.of(available.sstables()));
                levelPending = Level.pendingCompactions(available.buckets(options.overlapInclusionMethod()),
                                                        level.threshold());
            }
            pending += levelPending;
            levels.add(new CompactionSummary.LevelSummary(level.index(), ScalingParameters.format(level.scalingParameter()),
                                                          level.fanout(), level.threshold(), level.minDensity(),
                                                          level.maxDensity(), level.sstables().size(),
                                                          level.totalBytes(), maxOverlap, levelPending));
        }
        int compacting = 0;
        for (C sstable : state.live()) if (state.compacting().contains(sstable)) compacting++;
        return new CompactionSummary(options.scalingParameters(), levels, pending, compacting);
    }

    /**
     * Bytes UCS wants rewritten among the SSTables not being compacted (see {@link CompactionBacklog}); what running
     * compactions still have to do is the engine's to add.
     */
    public <C extends CompactionCandidate> double backlog(CompactionState<C> state) {
        long totalBytes = 0;
        for (C sstable : state.live()) totalBytes += sstable.onDiskSize();
        List<Level<C>> levels = Level.assign(notCompacting(state.live(), state.compacting()), bands(state));
        return CompactionBacklog.bytes(levels, totalBytes, options.overlapInclusionMethod());
    }

    private DensityLevels bands(CompactionState<?> state) {
        return new DensityLevels(options.scalingParameters(),
                                 DensityLevels.effectiveFlushSize(options.flushSizeOverride(), state.observedFlushSize()));
    }

    /** Uniform choice among the buckets with the given overlap (reservoir sampling of size one). */
    private <C extends CompactionCandidate> CompactionBucket<C> pickRandomly(List<CompactionBucket<C>> buckets, int overlap) {
        CompactionBucket<C> chosen = null;
        int seen = 0;
        for (CompactionBucket<C> bucket : buckets) {
            if (bucket.maxOverlap() == overlap && random.nextInt(++seen) == 0) chosen = bucket;
        }
        return chosen;
    }

    private static <C extends CompactionCandidate> List<C> notCompacting(Collection<C> live, Set<C> compacting) {
        List<C> result = new ArrayList<>(live.size());
        for (C sstable : live) if (!compacting.contains(sstable)) result.add(sstable);
        return result;
    }
}
