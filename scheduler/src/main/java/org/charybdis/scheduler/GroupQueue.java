package org.charybdis.scheduler;

import org.jctools.queues.MpscUnboundedArrayQueue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One scheduling group's tasks on one shard, with its virtual runtime and counters.
 * The reactor thread owns everything except {@link #addRemote}, which any thread may call; counters are
 * written by the owner only and published with opaque stores so metrics can read them from any thread.
 */
final class GroupQueue implements Shard.GroupStats {
    /** vruntime charge = elapsed * VRUNTIME_SCALE / shares, so a 1000-share group is charged real nanoseconds. */
    static final long VRUNTIME_SCALE = 1000;

    private static final VarHandle TASKS_RUN;
    private static final VarHandle RUNTIME_NANOS;
    private static final VarHandle LOCAL_LENGTH;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TASKS_RUN = lookup.findVarHandle(GroupQueue.class, "tasksRun", long.class);
            RUNTIME_NANOS = lookup.findVarHandle(GroupQueue.class, "runtimeNanos", long.class);
            LOCAL_LENGTH = lookup.findVarHandle(GroupQueue.class, "localLength", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final SchedulingGroup group;
    private final ArrayDeque<Runnable> local = new ArrayDeque<>(64);
    private final MpscUnboundedArrayQueue<Runnable> inbox = new MpscUnboundedArrayQueue<>(256);

    /** Owner-only: virtual runtime, compared with wrap-safe subtraction. */
    long vruntime;
    /** Owner-only: whether the group was runnable at the last pick (an idle group banks no credit). */
    boolean active;

    /** This shard's own shares of the group (set by a backlog controller), or 0 to follow the group's. */
    private volatile int localShares;

    private long tasksRun;
    private long runtimeNanos;
    private int localLength;

    GroupQueue(SchedulingGroup group) {
        this.group = group;
    }

    @Override
    public long tasksRun() { return (long) TASKS_RUN.getOpaque(this); }

    @Override
    public long runtimeNanos() { return (long) RUNTIME_NANOS.getOpaque(this); }

    @Override
    public int queueLength() { return (int) LOCAL_LENGTH.getOpaque(this) + inbox.size(); }

    /** The shares the group is charged by on this shard. */
    int shares() {
        int local = localShares;
        return local > 0 ? local : group.shares();
    }

    /** Any thread: takes effect from the group's next slice on this shard. */
    void setLocalShares(int shares) { localShares = SchedulingGroup.checkShares(shares); }

    /** Owner thread: no atomics. */
    void addLocal(Runnable task) {
        local.addLast(task);
        LOCAL_LENGTH.setOpaque(this, localLength + 1);
    }

    /** Any thread: lock-free multi-producer hand-off. */
    void addRemote(Runnable task) {
        inbox.offer(task);
    }

    /** Owner thread: the next task, taking hand-offs from other threads once the local queue is empty. */
    Runnable poll() {
        Runnable task = local.pollFirst();
        if (task == null && drainInbox() > 0) task = local.pollFirst();
        if (task != null) LOCAL_LENGTH.setOpaque(this, localLength - 1);
        return task;
    }

    /** Moves tasks handed off by other threads behind the local ones, so neither side can starve the other. */
    int drainInbox() {
        int moved = 0;
        Runnable task;
        while ((task = inbox.relaxedPoll()) != null) {
            local.addLast(task);
            moved++;
        }
        if (moved > 0) LOCAL_LENGTH.setOpaque(this, localLength + moved);
        return moved;
    }

    boolean hasWork() {
        return !local.isEmpty() || !inbox.isEmpty();
    }

    /** Becoming runnable again: start no earlier than the shard's virtual clock, so idling banks no credit. */
    void activate(long virtualClock) {
        if (vruntime - virtualClock < 0) vruntime = virtualClock;
        active = true;
    }

    /** Owner thread: accounts a slice of {@code elapsedNanos} in which {@code tasks} tasks ran. */
    void charge(long elapsedNanos, int tasks) {
        vruntime += elapsedNanos * VRUNTIME_SCALE / shares();
        TASKS_RUN.setOpaque(this, tasksRun + tasks);
        RUNTIME_NANOS.setOpaque(this, runtimeNanos + elapsedNanos);
    }

    /** Owner thread, at shutdown: hands every queued task to {@code sink} and empties the queue. */
    void drainAll(Consumer<Runnable> sink) {
        drainInbox();
        Runnable task;
        while ((task = local.pollFirst()) != null) sink.accept(task);
        LOCAL_LENGTH.setOpaque(this, 0);
    }
}
