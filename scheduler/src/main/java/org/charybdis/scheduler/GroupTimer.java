package org.charybdis.scheduler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A timer on a shard: the Netty loop's timer wheel only wakes it, then it queues itself in its scheduling group
 * so its task is run and accounted like any other task of that group. Periodic timers re-arm after each run.
 */
final class GroupTimer extends CompletableFuture<Object> implements ScheduledFuture<Object>, RejectableTask {
    private static final Logger LOG = LoggerFactory.getLogger(GroupTimer.class);

    private final Shard shard;
    private final SchedulingGroup group;
    private final Runnable task;
    private final long periodNanos;
    private final Runnable enqueue;
    private volatile long deadlineNanos;
    private volatile io.netty.util.concurrent.ScheduledFuture<?> armed;

    private GroupTimer(Shard shard, SchedulingGroup group, Runnable task, long periodNanos) {
        this.shard = shard;
        this.group = group;
        this.task = task;
        this.periodNanos = periodNanos;
        this.enqueue = () -> shard.execute(group, this);
    }

    /** A timer firing after delayNanos and then, if periodNanos > 0, every periodNanos. */
    static GroupTimer start(Shard shard, SchedulingGroup group, long delayNanos, long periodNanos, Runnable task) {
        Objects.requireNonNull(task, "task");
        shard.reactor().queueOf(group); // fail fast on a group of another runtime
        GroupTimer timer = new GroupTimer(shard, group, task, periodNanos);
        timer.arm(System.nanoTime() + Math.max(0, delayNanos));
        return timer;
    }

    @Override
    public void run() {
        if (isDone()) return;
        try {
            task.run();
        } catch (Throwable t) {
            LOG.warn("Timer task failed on {} in group {}", shard, group.name(), t);
            completeExceptionally(t);
            return;
        }
        if (periodNanos == 0) complete(null);
        else if (!isDone()) arm(deadlineNanos + periodNanos);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        io.netty.util.concurrent.ScheduledFuture<?> pending = armed;
        if (cancelled && pending != null) pending.cancel(false);
        return cancelled;
    }

    @Override
    public void reject(Throwable cause) {
        completeExceptionally(cause);
    }

    @Override
    public long getDelay(TimeUnit unit) {
        return unit.convert(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
        return other == this ? 0 : Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }

    private void arm(long deadline) {
        deadlineNanos = deadline;
        armed = shard.eventLoop().schedule(enqueue, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
