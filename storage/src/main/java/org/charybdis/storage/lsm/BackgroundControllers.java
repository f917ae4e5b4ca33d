package org.charybdis.storage.lsm;

import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.scheduler.controller.BacklogController;
import org.charybdis.scheduler.controller.ControlCurve;
import org.charybdis.scheduler.io.IoClass;

import java.time.Duration;

import static org.charybdis.scheduler.controller.ControlCurve.point;

/**
 * The backlog controllers of one shard's background work, ScyllaDB's flush and compaction controllers: they set the
 * shard's own shares of the {@code memtable_flush} and {@code compaction} groups and IO classes from its backlogs.
 * <ul>
 * <li>Flush backlog: memtable memory held over the shard's budget (the hard limit, where writes wait). Shares follow
 *     ScyllaDB's points: 0 when empty, 10 at the soft limit (the flush threshold, where flushing starts), 200 halfway
 *     to the hard limit and 1000 at it, so flushing speeds up before writes would have to wait.</li>
 * <li>Compaction backlog: the bytes UCS still wants rewritten on the shard (see
 *     {@link org.charybdis.storage.compaction.CompactionBacklog}), over the shard's memtable budget. Shares follow
 *     ScyllaDB's points 50 at 0, 100 at 1.5 and 1000 at 30, so compaction neither starves nor spikes when little is
 *     pending. ScyllaDB divides by the shard's memory; the memtable budget is the unit flushes, hence SSTables, come in.</li>
 * </ul>
 * A {@code *_static_shares} setting above 0 replaces a curve with a constant; the backlog is still measured, for metrics.
 */
public final class BackgroundControllers {
    /** As ScyllaDB: memtable memory moves fast, the compaction backlog slowly. */
    static final Duration FLUSH_PERIOD = Duration.ofMillis(50);
    static final Duration COMPACTION_PERIOD = Duration.ofMillis(250);

    private static final double HARD_LIMIT = 1.0;
    private static final ControlCurve COMPACTION_CURVE = ControlCurve.through(point(0, 50), point(1.5, 100), point(30, 1000));

    /** How often RocksDB's background IO is counted and its rate set (see {@link RocksIoBridge}). */
    static final Duration ROCKS_PERIOD = Duration.ofSeconds(1);

    private final BacklogController memtableFlush;
    private final BacklogController compaction;
    private java.util.concurrent.ScheduledFuture<?> rocksBridge;

    private BackgroundControllers(BacklogController memtableFlush, BacklogController compaction) {
        this.memtableFlush = memtableFlush;
        this.compaction = compaction;
    }

    /** Starts the controllers of a shard's storage; on the shard's thread, once it is bound. */
    static BackgroundControllers start(LsmShard storage, Shard shard) {
        LsmConfig config = storage.config();
        LsmConfig.StaticShares fixed = config.staticShares();
        ControlCurve flushCurve = fixed.memtableFlush() > 0 ? ControlCurve.constant(fixed.memtableFlush()) : flushCurve(config.flushThreshold());
        ControlCurve compactionCurve = fixed.compaction() > 0 ? ControlCurve.constant(fixed.compaction()) : COMPACTION_CURVE;
        ShardRuntime runtime = shard.runtime();
        BackgroundControllers controllers = new BackgroundControllers(
                new BacklogController(shard, runtime.group(ShardRuntime.MEMTABLE_FLUSH), IoClass.MEMTABLE_FLUSH, flushCurve,
                        () -> flushBacklog(storage)),
                new BacklogController(shard, runtime.group(ShardRuntime.COMPACTION), IoClass.COMPACTION, compactionCurve,
                        () -> compactionBacklog(storage)));
        controllers.memtableFlush.start(FLUSH_PERIOD);
        controllers.compaction.start(COMPACTION_PERIOD);
        RocksIoBridge bridge = new RocksIoBridge(storage);
        controllers.rocksBridge = shard.scheduleAtFixedRate(runtime.group(ShardRuntime.COMPACTION), ROCKS_PERIOD.toNanos(),
                ROCKS_PERIOD.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS, bridge::tick);
        return controllers;
    }

    /** ScyllaDB's flush curve for a soft limit, as a fraction of the hard limit. */
    static ControlCurve flushCurve(double softLimit) {
        if (softLimit >= HARD_LIMIT) return ControlCurve.through(point(0, 0), point(HARD_LIMIT, 1000));
        return ControlCurve.through(point(0, 0), point(softLimit, 10), point(softLimit + (HARD_LIMIT - softLimit) / 2, 200),
                point(HARD_LIMIT, 1000));
    }

    static ControlCurve compactionCurve() { return COMPACTION_CURVE; }

    public BacklogController memtableFlush() { return memtableFlush; }

    public BacklogController compaction() { return compaction; }

    void stop() {
        memtableFlush.stop();
        compaction.stop();
        if (rocksBridge != null) rocksBridge.cancel(false);
    }

    private static double flushBacklog(LsmShard storage) {
        return (double) storage.memory().used() / storage.memory().budget();
    }

    private static double compactionBacklog(LsmShard storage) {
        double bytes = 0;
        for (LsmTableEngine table : storage.tables().values()) bytes += table.compactions().backlog();
        bytes += storage.rocks().pendingCompactionBytes();
        return bytes / storage.memory().budget();
    }
}
