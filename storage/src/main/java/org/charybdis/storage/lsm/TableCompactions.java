package org.charybdis.storage.lsm;

import org.charybdis.storage.compaction.Purger;

import org.charybdis.storage.engine.AsyncLoop;
import org.charybdis.scheduler.io.IoClass;
import org.charybdis.storage.compaction.CompactionPlan;
import org.charybdis.storage.compaction.CompactionState;
import org.charybdis.storage.compaction.UnifiedCompactionPlanner;
import org.charybdis.storage.data.PartitionFragment;
import org.charybdis.storage.dht.DecoratedKey;
import org.charybdis.storage.dht.TokenRange;
import org.charybdis.storage.file.DiskSpace;
import org.charybdis.storage.file.OutageLog;
import org.charybdis.storage.engine.CompletedCompaction;
import org.charybdis.storage.engine.DiskFailurePolicy;
import org.charybdis.storage.engine.TableEngine.CompactionProgress;
import org.charybdis.storage.read.MergedFragment;
import org.charybdis.storage.sstable.CorruptSSTableException;
import org.charybdis.storage.sstable.SSTableReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The compactions of one table on one shard: asks the UCS planner for the next one, runs it in the
 * {@code compaction} scheduling group (merging the inputs partition by partition, purging what
 * gc_grace_seconds allows, splitting outputs at UCS shard boundaries), then swaps inputs for outputs.
 * <p>
 * A compaction that fails (a full disk) deletes its outputs and keeps its inputs; the table is looked at again
 * after a growing delay (1 s doubling up to a minute) or at its next flush. The failures are logged as one outage:
 * its first failure, a summary every 30 s, its end.
 */
final class TableCompactions {
    private static final Logger LOG = LoggerFactory.getLogger(TableCompactions.class);
    private static final long FIRST_RETRY_MILLIS = 1000;
    private static final long MAX_RETRY_MILLIS = 60_000;

    private final LsmTableEngine table;
    private final OutageLog outage;
    private final Set<SSTableCandidate> compacting = new HashSet<>();
    private final List<Running> running = new ArrayList<>();
    private long observedFlushSize;
    /** Bumped whenever {@link #compacting} changes, so the cached backlog knows it is stale. */
    private int compactingChanges;
    private final BacklogCache backlogCache = new BacklogCache();
    private long completed;
    private long bytesRead;
    private long bytesWritten;
    private long nanos;
    private int epoch;
    private long retryDelayMillis = FIRST_RETRY_MILLIS;
    /** Background compactions on; an operator turns them off until restart (disableautocompaction). */
    private boolean automatic = true;

    TableCompactions(LsmTableEngine table) {
        this.table = table;
        this.outage = new OutageLog(LOG, "Compactions of " + table.layout().qualifiedName() + " on shard " + table.shard().id());
    }

    /** Asks the shard to look for work on this table. */
    void request() {
        table.shard().requestCompaction(table);
    }

    void observedFlush(long bytes) {
        observedFlushSize = bytes;
        request();
    }

    /** Compactions in progress are abandoned and their outputs deleted (TRUNCATE, close). */
    void invalidate() {
        epoch++;
    }

    /**
     * Stops the compactions running now ({@code nodetool stop COMPACTION}): each ends before its next partition,
     * deleting its output and keeping its inputs; returns how many were asked to stop. The planner may start
     * others later, as after any flush.
     */
    int stopRunning() {
        for (Running r : running) r.stop().set(true);
        return running.size();
    }

    /** Turns background compactions on or off; turned on, the table is looked at at once. */
    void automatic(boolean enabled) {
        automatic = enabled;
        if (enabled) request();
    }

    boolean automatic() {
        return automatic;
    }

    /**
     * Starts the planner's next compaction; null when there is nothing to do or automatic compaction is off (by the
     * table's options or by an operator).
     */
    CompletableFuture<Void> startNext() {
        if (table.isClosed() || !automatic || !table.planner().options().enabled()) return null;
        Optional<CompactionPlan<SSTableCandidate>> plan = table.planner().nextPlan(state());
        return plan.map(this::run).orElse(null);
    }

    /** Compacts everything there is (charybdis admin compact), after the compactions already running. */
    CompletableFuture<Void> major() {
        return inTurn(() -> table.planner().majorPlans(candidates(), Set.copyOf(compacting))).thenApply(rewritten -> null);
    }

    /**
     * Compacts each SSTable alone, all of them or those in an older format version (upgradesstables, garbagecollect),
     * after the compactions already running; completes with how many were rewritten.
     */
    CompletableFuture<Integer> rewrite(boolean all) {
        return inTurn(() -> {
            List<CompactionPlan<SSTableCandidate>> plans = new ArrayList<>();
            for (SSTableCandidate c : candidates()) {
                if (!compacting.contains(c) && (all || c.reader().isOutdated())) plans.add(table.planner().rewritePlan(c));
            }
            return plans;
        });
    }

    /**
     * Once the compactions running now have finished, reserves the inputs of the plans made then and runs the plans one
     * after the other; completes with how many ran.
     */
    private CompletableFuture<Integer> inTurn(java.util.function.Supplier<List<CompactionPlan<SSTableCandidate>>> planner) {
        if (!running.isEmpty()) return idle().thenCompose(v -> inTurn(planner));
        List<CompactionPlan<SSTableCandidate>> plans = new ArrayList<>();
        for (CompactionPlan<SSTableCandidate> plan : planner.get()) {
            if (plan.inputs().isEmpty()) continue; // a single SSTable is still rewritten: that is how it gets purged
            reserve(plan.inputs()); // now: a background compaction must not pick them meanwhile
            plans.add(plan);
        }
        // one plan after the other: a major compaction over thousands of SSTables must not open them all at once
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (CompactionPlan<SSTableCandidate> plan : plans) {
            chain = chain.thenCompose(ignored -> {
                CompletableFuture<Void> run = new CompletableFuture<>();
                table.shard().inCompactionGroup(() -> run(plan).whenComplete((v, e) -> {
                    if (e != null) run.completeExceptionally(e); else run.complete(null);
                }));
                return run;
            });
        }
        return chain.thenApply(done -> plans.size());
    }

    /**
     * Runs work over every live SSTable once the compactions running now have finished, while no compaction may
     * take them (scrub).
     */
    <T> CompletableFuture<T> exclusively(java.util.function.Function<List<SSTableReader>, CompletableFuture<T>> work) {
        if (!running.isEmpty()) return idle().thenCompose(v -> exclusively(work));
        List<SSTableCandidate> all = new ArrayList<>(candidates());
        all.removeAll(compacting); // reserved by a major compaction that has not started yet
        reserve(all);
        List<SSTableReader> readers = new ArrayList<>(all.size());
        for (SSTableCandidate c : all) readers.add(c.reader());
        CompletableFuture<T> result;
        try {
            result = work.apply(readers);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.whenComplete((r, e) -> release(all));
    }

    /** Completes when the compactions running now have finished. */
    CompletableFuture<Void> idle() {
        List<CompletableFuture<Void>> current = new ArrayList<>();
        for (Running r : running) current.add(r.done);
        return CompletableFuture.allOf(current.toArray(CompletableFuture[]::new)).handle((v, e) -> null);
    }

    /** Compactions finished since start, with their input and output bytes and time. */
    org.charybdis.storage.engine.TableEngine.BackgroundIo io(long flushes, long bytesFlushed, long flushNanos) {
        return new org.charybdis.storage.engine.TableEngine.BackgroundIo(flushes, bytesFlushed, flushNanos, completed, bytesRead,
                bytesWritten, nanos);
    }

    /**
     * Bytes compaction still owes this table, the compaction controller's input: what UCS wants compacted among the
     * SSTables not being compacted (recomputed only when they or the options changed), plus what the running
     * compactions have left to write.
     */
    double backlog() {
        double remaining = 0;
        for (Running r : running) remaining += Math.max(0, r.plan.inputBytes() - r.output.bytesWritten());
        return backlogCache.idleBacklog() + remaining;
    }

    int pending() {
        return table.planner().summarize(state()).pendingCompactions();
    }

    List<CompactionProgress> running() {
        List<CompactionProgress> progress = new ArrayList<>(running.size());
        for (Running r : running) {
            progress.add(new CompactionProgress(r.id.toString(), kindName(r.plan.kind()),
                    table.layout().keyspace(), table.layout().table(), r.output.bytesWritten(), r.plan.inputBytes()));
        }
        return progress;
    }

    private static String kindName(CompactionPlan.Kind kind) {
        return switch (kind) {
            case MAJOR -> "Major compaction";
            case REWRITE -> "Rewrite";
            case MINOR, DROP_EXPIRED -> "Compaction";
        };
    }

    private CompactionState<SSTableCandidate> state() {
        long now = table.shard().config().clock().getAsLong();
        return CompactionState.of(candidates(), Set.copyOf(compacting), observedFlushSize)
                .withExpiryCheck(now - table.layout().gcGraceSeconds(), table.memtableMinTimestamp());
    }

    private List<SSTableCandidate> candidates() {
        List<SSTableCandidate> live = new ArrayList<>();
        for (SSTableReader r : table.sstables().live()) live.add(new SSTableCandidate(r));
        return live;
    }

    private CompletableFuture<Void> run(CompactionPlan<SSTableCandidate> plan) {
        List<SSTableReader> inputs = new ArrayList<>(plan.inputs().size());
        for (SSTableCandidate c : plan.inputs()) inputs.add(c.reader());
        reserve(plan.inputs());
        if (plan.kind() == CompactionPlan.Kind.DROP_EXPIRED) {
            table.sstables().replace(inputs, List.of());
            release(plan.inputs());
            LOG.info("Dropped {} fully expired SSTables of {}", inputs.size(), table.layout().qualifiedName());
            return CompletableFuture.completedFuture(null);
        }
        int startEpoch = epoch;
        long now = table.shard().config().clock().getAsLong();
        List<FragmentSource> sources = new ArrayList<>();
        long partitions = 0;
        long commitLogBound = Long.MIN_VALUE;
        Set<Long> ancestors = new HashSet<>();
        for (SSTableReader r : inputs) {
            if (!r.ref()) continue;
            sources.add(FragmentSource.of(r, r.scanner(TokenRange.FULL_RING, null, IoClass.COMPACTION)));
            partitions += r.partitionCount();
            commitLogBound = Math.max(commitLogBound, r.commitLogUpperBound());
            ancestors.add(r.generation());
        }
        MergingFragments merge = new MergingFragments(sources);
        Purger purger = new Purger(table.layout(), now);
        SSTableOutput output = new SSTableOutput(table, plan.outputShards(), IoClass.COMPACTION, partitions, commitLogBound, ancestors);
        Running progress = new Running(UUID.randomUUID(), plan, output, new CompletableFuture<>(), new AtomicBoolean());
        long started = System.nanoTime();
        running.add(progress);
        long[] mergedFrom = new long[sources.size() + 1]; // partitions found in 1, 2, ... inputs
        long[] throttledUpTo = {0};
        return AsyncLoop.forEach(merge::next, group -> {
                    if (progress.stop().get()) throw new CompactionStoppedException(table.layout().qualifiedName());
                    mergedFrom[Math.min(group.size(), sources.size())]++;
                    PartitionFragment merged = MergedFragment.of(group, table.layout().clusteringComparator(), table.layout());
                    return output.append(purger.purge(merged, maxPurgeableTimestamp(merged.key(), inputs))).thenCompose(v -> {
                        long written = output.bytesWritten();
                        long delta = Math.max(0, written - throttledUpTo[0]);
                        throttledUpTo[0] = Math.max(throttledUpTo[0], written);
                        return table.shard().throttleCompaction(delta);
                    });
                })
                .thenCompose(ignored -> output.finish())
                .handle((outputs, failure) -> {
                    merge.close();
                    running.remove(progress);
                    release(plan.inputs());
                    if (failure != null) {
                        Throwable cause = AsyncLoop.unwrap(failure);
                        output.abort();
                        if (cause instanceof CompactionStoppedException) LOG.info("{}", cause.getMessage());
                        else if (!quarantined(cause)) retryLater(inputs.size(), cause);
                        progress.done.completeExceptionally(cause);
                        throw new java.util.concurrent.CompletionException(cause);
                    }
                    outage.recovered();
                    retryDelayMillis = FIRST_RETRY_MILLIS;
                    if (startEpoch != epoch || table.isClosed()) {
                        for (SSTableReader r : outputs) table.sstables().discard(r);
                    } else {
                        table.sstables().replace(inputs, outputs);
                        completed++;
                        nanos += System.nanoTime() - started;
                        long in = 0;
                        long out = 0;
                        for (SSTableReader r : inputs) in += r.onDiskSize();
                        for (SSTableReader r : outputs) out += r.onDiskSize();
                        bytesRead += in;
                        bytesWritten += out;
                        table.shard().compacted(new CompletedCompaction(progress.id(), table.layout().keyspace(), table.layout().table(),
                                System.currentTimeMillis(), in, out, rowsMerged(mergedFrom)));
                    }
                    progress.done.complete(null);
                    return null;
                });
    }

    private static java.util.Map<Integer, Long> rowsMerged(long[] mergedFrom) {
        java.util.Map<Integer, Long> counts = new java.util.TreeMap<>();
        for (int inputs = 1; inputs < mergedFrom.length; inputs++) {
            if (mergedFrom[inputs] > 0) counts.put(inputs, mergedFrom[inputs]);
        }
        return counts;
    }

    /**
     * A compaction that met a corrupt input under {@code disk_failure_policy: best_effort}: the input is quarantined
     * and compaction goes on without it at once. Under the other policies it stays, and the compaction is retried
     * like any failed one until it is scrubbed or restored.
     */
    private boolean quarantined(Throwable cause) {
        if (!(cause instanceof CorruptSSTableException corrupt)
                || table.shard().config().diskFailurePolicy() != DiskFailurePolicy.BEST_EFFORT
                || !table.quarantine(corrupt.file())) return false;
        LOG.error("{}. Quarantined it (disk_failure_policy: best_effort); compaction goes on without it", corrupt.getMessage());
        request();
        return true;
    }

    /** A compaction failed: its inputs stay live and the table is looked at again after a growing delay. */
    private void retryLater(int inputs, Throwable cause) {
        long delay = retryDelayMillis;
        retryDelayMillis = Math.min(MAX_RETRY_MILLIS, retryDelayMillis * 2);
        outage.failed("a compaction of " + inputs + " SSTables failed: " + DiskSpace.describe(cause, table.directory()),
                "its partial output is deleted and its input SSTables stay; retrying with a growing delay up to a minute", cause);
        table.shard().requestCompactionLater(table, delay);
    }

    /**
     * Tombstones older than this may be purged for the partition: nothing they shadow can remain in the
     * memtables or in the SSTables outside the compaction that may hold the partition.
     */
    private long maxPurgeableTimestamp(DecoratedKey key, List<SSTableReader> inputs) {
        long min = table.memtableMinTimestamp();
        for (SSTableReader r : table.sstables().live()) {
            if (!inputs.contains(r) && r.mightContain(key)) min = Math.min(min, r.minTimestamp());
        }
        return min;
    }

    private void reserve(List<SSTableCandidate> inputs) {
        compacting.addAll(inputs);
        compactingChanges++;
    }

    private void release(List<SSTableCandidate> inputs) {
        compacting.removeAll(inputs);
        compactingChanges++;
    }

    /** The UCS backlog of the idle SSTables, kept until the SSTables, the compacting set or the options change. */
    private final class BacklogCache {
        private List<SSTableReader> live;
        private UnifiedCompactionPlanner planner;
        private int compactingChanges = -1;
        private long flushSize;
        private double backlog;

        double idleBacklog() {
            List<SSTableReader> nowLive = table.sstables().live(); // replaced, never modified: identity tells a change
            UnifiedCompactionPlanner nowPlanner = table.planner();
            int nowChanges = TableCompactions.this.compactingChanges;
            if (nowLive != live || nowPlanner != planner || nowChanges != compactingChanges || observedFlushSize != flushSize) {
                backlog = nowPlanner.backlog(CompactionState.of(candidates(), Set.copyOf(compacting), observedFlushSize));
                live = nowLive;
                planner = nowPlanner;
                compactingChanges = nowChanges;
                flushSize = observedFlushSize;
            }
            return backlog;
        }
    }

    /** @param stop set to stop the compaction before its next partition */
    private record Running(UUID id, CompactionPlan<SSTableCandidate> plan, SSTableOutput output, CompletableFuture<Void> done, AtomicBoolean stop) {}

    /** How a compaction an operator stopped ends: its output deleted, its inputs kept. */
    static final class CompactionStoppedException extends RuntimeException {
        CompactionStoppedException(String table) {
            super("A compaction of " + table + " was stopped by an operator; its inputs stay", null, false, false);
        }
    }
}
