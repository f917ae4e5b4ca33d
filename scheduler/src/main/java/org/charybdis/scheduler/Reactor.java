package org.charybdis.scheduler;

import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The loop of one shard's thread: picks the runnable scheduling group with the smallest virtual runtime,
 * runs its tasks for up to one task quota, charges it the CPU time used, and lets the Netty loop do IO once a quota has passed
 * or when no group has work; with nothing to do it parks in the IO loop until IO, a timer or a hand-off.
 */
final class Reactor implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Reactor.class);

    /** Stall marker value while no task runs (parked or between tasks). */
    static final long IDLE = Long.MIN_VALUE;
    /** Stall label while the Netty loop runs channel callbacks and its own tasks. */
    static final String IO_LABEL = "io";

    private static final VarHandle TASK_START;
    private static final VarHandle TASK_SEQ;
    private static final VarHandle RUNNING_LABEL;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TASK_START = lookup.findVarHandle(Reactor.class, "taskStartNanos", long.class);
            TASK_SEQ = lookup.findVarHandle(Reactor.class, "taskSeq", long.class);
            RUNNING_LABEL = lookup.findVarHandle(Reactor.class, "runningLabel", String.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final ReactorThread thread;
    final ShardEventLoop loop;
    final CompletableFuture<Void> started = new CompletableFuture<>();

    private final Shard shard;
    private final long quotaNanos;
    private final SchedulingGroup ioGroup;
    private volatile GroupQueue[] queues;
    private volatile boolean stopping;

    // Owner-only scheduling state.
    private long virtualClock;
    private SchedulingGroup currentGroup;
    private long cpuMark;

    // Stall marker: written by the owner with ordered stores, read by the stall detector.
    private long taskStartNanos = IDLE;
    private long taskSeq;
    private String runningLabel = IO_LABEL;

    // Idle time, for utilization: written by the owner around each park, read by any thread. parkSeq is odd while
    // parked, so a reader that sees the same parkSeq before and after reading the other two has a consistent pair.
    private final long startedNanos = System.nanoTime();
    private volatile long parkSeq;
    private volatile long parkStartNanos;
    private volatile long parkedNanos;

    Reactor(Shard shard, IoEventLoopGroup parent, IoHandlerFactory ioHandlerFactory, List<SchedulingGroup> groups,
            long quotaNanos, SchedulingGroup ioGroup) {
        this.shard = shard;
        this.quotaNanos = quotaNanos;
        this.ioGroup = ioGroup;
        this.currentGroup = ioGroup;
        GroupQueue[] initial = new GroupQueue[groups.size()];
        for (SchedulingGroup group : groups) initial[group.id()] = new GroupQueue(group);
        this.queues = initial;
        this.thread = new ReactorThread(shard, this);
        this.loop = new ShardEventLoop(parent, thread, ioHandlerFactory, this::hasPendingWork);
    }

    /** Queues a task; the owner thread appends without atomics, other threads hand off and wake the loop. */
    void execute(SchedulingGroup group, Runnable task) {
        GroupQueue queue = queueOf(group);
        if (Thread.currentThread() == thread) {
            queue.addLocal(task);
            return;
        }
        if (stopping) throw new RejectedExecutionException("shard " + shard.id() + " is shut down");
        queue.addRemote(task);
        loop.wakeup();
    }

    GroupQueue queueOf(SchedulingGroup group) {
        GroupQueue[] current = queues;
        int id = group.id();
        if (id >= current.length || current[id].group != group) {
            throw new IllegalArgumentException("unknown scheduling group " + group);
        }
        return current[id];
    }

    /** Adds a group created at run time; callers serialize (the runtime creates groups under its lock). */
    void addGroup(SchedulingGroup group) {
        GroupQueue[] grown = Arrays.copyOf(queues, group.id() + 1);
        grown[group.id()] = new GroupQueue(group);
        queues = grown;
    }

    /** The group of the running task, or the statement group while Netty callbacks run. Owner thread. */
    SchedulingGroup currentGroup() { return currentGroup; }

    boolean inReactorThread() { return Thread.currentThread() == thread; }

    /** Owner thread: whether the running task has used its quota, so a long loop should yield (Seastar's need_preempt). */
    boolean needsPreemption() {
        long start = (long) TASK_START.getOpaque(this);
        return start != IDLE && System.nanoTime() - start >= quotaNanos;
    }

    void requestStop() {
        stopping = true;
        loop.wakeup();
    }

    long stallSeq() { return (long) TASK_SEQ.getAcquire(this); }

    long stallTaskStart() { return (long) TASK_START.getAcquire(this); }

    String stallLabel() { return (String) RUNNING_LABEL.getOpaque(this); }

    @Override
    public void run() {
        try {
            loop.runNow(); // initializes the IO handler on its owning thread; a broken transport fails here
        } catch (Throwable t) {
            started.completeExceptionally(t);
            shutDownLoop();
            return;
        }
        started.complete(null);
        try {
            while (!stopping) {
                try {
                    if (runTasksForQuota()) pollIo();
                    else park();
                } catch (RuntimeException e) {
                    // tasks are guarded one by one; this is the IO loop itself failing, which must not kill the shard
                    markIdle();
                    LOG.error("Reactor of shard {} hit an unexpected error", shard.id(), e);
                }
            }
        } finally {
            shutDownLoop();
        }
    }

    /** Runs group slices until a quota of wall time has passed or no group has work; false if nothing ran. */
    private boolean runTasksForQuota() {
        long periodStart = System.nanoTime();
        long now = periodStart;
        boolean ran = false;
        cpuMark = CpuClock.threadCpuNanos();
        do {
            GroupQueue next = pickNext();
            if (next == null) break;
            now = runSlice(next, now);
            ran = true;
        } while (now - periodStart < quotaNanos && !stopping);
        return ran;
    }

    /** The runnable group with the smallest virtual runtime; groups waking up are raised to the clock first. */
    private GroupQueue pickNext() {
        GroupQueue best = null;
        for (GroupQueue queue : queues) {
            if (!queue.hasWork()) {
                queue.active = false;
                continue;
            }
            if (!queue.active) queue.activate(virtualClock);
            if (best == null || queue.vruntime - best.vruntime < 0) best = queue;
        }
        if (best != null && best.vruntime - virtualClock > 0) virtualClock = best.vruntime;
        return best;
    }

    /**
     * Runs one group's tasks for up to a quota of wall time, then charges the CPU time they used to the group.
     * Returns the wall time now.
     */
    private long runSlice(GroupQueue queue, long start) {
        SchedulingGroup group = queue.group;
        currentGroup = group;
        RUNNING_LABEL.setOpaque(this, group.name());
        long deadline = start + quotaNanos;
        long now = start;
        int tasks = 0;
        Runnable task;
        while ((task = queue.poll()) != null) {
            markTaskStart(now);
            runSafely(group, task);
            tasks++;
            now = System.nanoTime();
            if (now - deadline >= 0) break;
        }
        markIdle();
        currentGroup = ioGroup;
        long cpuNow = CpuClock.threadCpuNanos();
        queue.charge(cpuNow - cpuMark, tasks);
        cpuMark = cpuNow;
        return now;
    }

    private void runSafely(SchedulingGroup group, Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            LOG.warn("Task failed on shard {} in group {}", shard.id(), group.name(), t);
        }
    }

    private void pollIo() {
        RUNNING_LABEL.setOpaque(this, IO_LABEL);
        markTaskStart(System.nanoTime());
        loop.runNow(quotaNanos);
        markIdle();
    }

    /** Blocks in the IO loop until IO, the next timer or a wakeup; {@link #hasPendingWork} closes the race. */
    private void park() {
        parkStartNanos = System.nanoTime();
        parkSeq++;
        try {
            loop.run(0);
        } finally {
            parkedNanos += System.nanoTime() - parkStartNanos;
            parkSeq++;
        }
    }

    /** Wall time since the reactor was created that it was not parked waiting for work; any thread. */
    long busyNanos() {
        while (true) {
            long seq = parkSeq;
            long parked = parkedNanos;
            long parkStart = parkStartNanos;
            long now = System.nanoTime();
            if (seq != parkSeq) continue;
            long idle = parked + ((seq & 1) != 0 ? now - parkStart : 0);
            return now - startedNanos - idle;
        }
    }

    private boolean hasPendingWork() {
        if (stopping) return true;
        for (GroupQueue queue : queues) {
            if (queue.hasWork()) return true;
        }
        return false;
    }

    private void markTaskStart(long now) {
        TASK_START.setOpaque(this, now);
        TASK_SEQ.setRelease(this, taskSeq + 1);
    }

    private void markIdle() {
        TASK_START.setRelease(this, IDLE);
    }

    /** Drops queued tasks (failing their waiters) and lets the Netty loop close its channels and terminate. */
    private void shutDownLoop() {
        RejectedExecutionException closed = new RejectedExecutionException("shard " + shard.id() + " is shut down");
        dropQueuedTasks(closed);
        loop.shutdownGracefully(0, 0, TimeUnit.NANOSECONDS);
        try {
            for (int attempt = 0; attempt < 10_000 && !loop.isTerminated(); attempt++) loop.runNow();
        } catch (Throwable t) {
            LOG.warn("IO loop of shard {} failed while shutting down", shard.id(), t);
        }
        dropQueuedTasks(closed);
    }

    private void dropQueuedTasks(Throwable cause) {
        for (GroupQueue queue : queues) {
            queue.drainAll(task -> {
                if (task instanceof RejectableTask rejectable) rejectable.reject(cause);
            });
        }
    }
}
