package org.charybdis.scheduler.controller;

import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.scheduler.Shard;
import org.charybdis.scheduler.ShardRuntime;
import org.charybdis.scheduler.io.IoClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Gives one shard's background work the shares its backlog calls for, as ScyllaDB's backlog controllers do: every
 * period it measures the backlog on the shard, maps it through a {@link ControlCurve} and sets the result as this
 * shard's CPU shares of the group and disk shares of the IO class. Shares are per shard because backlogs are: one
 * shard far behind on compaction must not speed up the compactions of the others.
 * <p>
 * The measuring runs on the shard's thread, in the {@code statement} group as Seastar's timers run in the main group:
 * in the controlled group, a controller whose shares are low could starve before it raised them.
 */
public final class BacklogController {
    private static final Logger LOG = LoggerFactory.getLogger(BacklogController.class);

    private final Shard shard;
    private final SchedulingGroup group;
    private final IoClass ioClass;
    private final ControlCurve curve;
    private final DoubleSupplier backlog;
    private volatile double lastBacklog;
    private volatile int lastShares;
    private volatile ScheduledFuture<?> timer;

    /**
     * @param backlog measured on the shard's thread; dimensionless, in the units the curve's points are given in
     */
    public BacklogController(Shard shard, SchedulingGroup group, IoClass ioClass, ControlCurve curve, DoubleSupplier backlog) {
        this.shard = Objects.requireNonNull(shard, "shard");
        this.group = Objects.requireNonNull(group, "group");
        this.ioClass = Objects.requireNonNull(ioClass, "ioClass");
        this.curve = Objects.requireNonNull(curve, "curve");
        this.backlog = Objects.requireNonNull(backlog, "backlog");
    }

    /** Adjusts now and then every period until {@link #stop}. Shard thread. */
    public void start(Duration period) {
        adjust();
        timer = shard.scheduleAtFixedRate(shard.runtime().group(ShardRuntime.STATEMENT), period.toNanos(), period.toNanos(),
                TimeUnit.NANOSECONDS, this::adjustQuietly);
    }

    /** Measures the backlog and applies the shares it maps to; returns them. Shard thread. */
    public int adjust() {
        double measured = backlog.getAsDouble();
        int shares = curve.sharesAt(measured);
        if (shares != lastShares) {
            shard.setShares(group, shares);
            shard.io().setShares(ioClass, shares);
        }
        lastBacklog = measured;
        lastShares = shares;
        return shares;
    }

    /** The backlog last measured (0 before the first). Any thread. */
    public double backlog() { return lastBacklog; }

    /** The shares last applied (0 before the first adjustment). Any thread. */
    public int shares() { return lastShares; }

    public SchedulingGroup group() { return group; }

    /** Stops adjusting; the shares last set stay. Any thread. */
    public void stop() {
        ScheduledFuture<?> running = timer;
        if (running != null) running.cancel(false);
    }

    /** A failed measurement keeps the last shares and the timer going: a periodic task that throws stops. */
    private void adjustQuietly() {
        try {
            adjust();
        } catch (RuntimeException e) {
            LOG.warn("Backlog controller of {} on {} failed to measure its backlog", group.name(), shard, e);
        }
    }
}
