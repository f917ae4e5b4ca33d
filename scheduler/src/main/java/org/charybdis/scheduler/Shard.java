package org.charybdis.scheduler;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import org.charybdis.scheduler.io.IoQueue;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One reactor thread owning one Netty event loop and a task queue per scheduling group. Data owned by a shard
 * is touched only on its thread; other shards reach it with {@link #submitTo}.
 */
public final class Shard {
    private final int id;
    private final ShardRuntime runtime;
    private final Reactor reactor;
    private final IoQueue io;

    Shard(int id, ShardRuntime runtime, IoEventLoopGroup parent, IoHandlerFactory ioHandlerFactory,
          List<SchedulingGroup> groups, long quotaNanos, SchedulingGroup ioGroup) {
        this.id = id;
        this.runtime = runtime;
        this.reactor = new Reactor(this, parent, ioHandlerFactory, groups, quotaNanos, ioGroup);
        this.io = new IoQueue(id, runtime.ioThreads(), runtime.disk(), IoQueue.DEFAULT_MAX_IN_FLIGHT);
    }

    /** The shard whose reactor thread is calling, or null off-shard. */
    public static Shard current() {
        return Thread.currentThread() instanceof ReactorThread thread ? thread.shard : null;
    }

    public int id() { return id; }

    public ShardRuntime runtime() { return runtime; }

    /** This shard's disk queue: every file operation of the shard's storage goes through it. */
    public IoQueue io() { return io; }

    /** This shard's Netty event loop; channels registered here are served by this shard's thread. */
    public IoEventLoop eventLoop() { return reactor.loop; }

    /**
     * The scheduling group of the task running now. Meaningful on this shard's own thread; while Netty
     * callbacks run (channel reads, writes) it is the {@code statement} group.
     */
    public SchedulingGroup currentGroup() { return reactor.currentGroup(); }

    /**
     * Wall time since the shard started that its reactor was not parked waiting for work (running tasks, polling IO):
     * its rate is the reactor's utilization, as ScyllaDB's {@code reactor_utilization}. Any thread.
     */
    public long busyNanos() { return reactor.busyNanos(); }

    /**
     * On this shard's own thread: whether the running task has used its quota of CPU time. A loop that can run long
     * (a scan over memtable data) checks it and, when true, continues in a new task of its group, so other groups'
     * tasks (interactive reads) are not held up behind it. Always false on other threads.
     */
    public boolean needsPreemption() {
        return reactor.inReactorThread() && reactor.needsPreemption();
    }

    /** Queues a task on this shard in a group; callable from any thread. */
    public void execute(SchedulingGroup group, Runnable task) {
        Objects.requireNonNull(task, "task");
        reactor.execute(group, task);
    }

    /**
     * Like {@link #execute(SchedulingGroup, Runnable)} for a task someone waits on: if the shard drops it while
     * shutting down, {@code onDrop} hears why instead of the waiter hanging. Callable from any thread.
     */
    public void execute(SchedulingGroup group, Runnable task, Consumer<Throwable> onDrop) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(onDrop, "onDrop");
        reactor.execute(group, new DroppableTask(task, onDrop));
    }

    /**
     * Runs task on shard target in group; the future completes on the calling shard, in the group the caller
     * was running in (off-shard callers: on the target shard). Never runs the task inline, even if target is
     * the calling shard. Exceptions thrown by the task complete the future exceptionally.
     */
    public <T> CompletableFuture<T> submitTo(int target, SchedulingGroup group, Callable<T> task) {
        Objects.requireNonNull(task, "task");
        return dispatch(target, group, CrossShardCall.of(task, replyShard(target), replyGroup(group)));
    }

    /** Like submitTo, for a task that itself completes later; completes on the calling shard. */
    public <T> CompletableFuture<T> submitToAsync(int target, SchedulingGroup group,
                                                  Supplier<? extends CompletionStage<T>> task) {
        Objects.requireNonNull(task, "task");
        return dispatch(target, group, CrossShardCall.ofAsync(task, replyShard(target), replyGroup(group)));
    }

    /**
     * Runs CPU-heavy work that would stall a reactor (compiling a user function, hashing a password) on
     * {@code workers}; the future completes back on the calling shard, in the group the caller was running in
     * (off-shard callers: on the worker). Exceptions thrown by the work complete the future exceptionally.
     */
    public static <T> CompletableFuture<T> offload(Executor workers, Callable<T> work) {
        Shard caller = current();
        SchedulingGroup group = caller == null ? null : caller.currentGroup();
        SchedulingGroup replyGroup = group != null || caller == null ? group : caller.runtime.group(ShardRuntime.STATEMENT);
        CompletableFuture<T> result = new CompletableFuture<>();
        workers.execute(() -> {
            T value = null;
            Throwable error = null;
            try {
                value = work.call();
            } catch (Throwable t) {
                error = t;
            }
            T v = value;
            Throwable e = error;
            Runnable complete = () -> {
                if (e != null) result.completeExceptionally(e); else result.complete(v);
            };
            if (caller == null) complete.run(); else caller.execute(replyGroup, complete);
        });
        return result;
    }

    /** Runs task once on this shard in group after the delay; cancellable through the returned future. */
    public ScheduledFuture<?> schedule(SchedulingGroup group, long delay, TimeUnit unit, Runnable task) {
        return GroupTimer.start(this, group, unit.toNanos(delay), 0, task);
    }

    /**
     * Runs task on this shard in group every period after the initial delay, until cancelled or until it
     * throws. Runs that fall behind are caught up back to back, as with ScheduledExecutorService.
     */
    public ScheduledFuture<?> scheduleAtFixedRate(SchedulingGroup group, long initialDelay, long period, TimeUnit unit,
                                                  Runnable task) {
        if (period <= 0) throw new IllegalArgumentException("period must be positive: " + period);
        return GroupTimer.start(this, group, unit.toNanos(initialDelay), unit.toNanos(period), task);
    }

    /**
     * Sets the group's CPU shares on this shard alone; from then on they win over the group's own shares here. Backlog
     * controllers use it: flush and compaction backlogs are per shard, so each shard weighs its own background work.
     * Any thread; takes effect from the group's next slice.
     */
    public void setShares(SchedulingGroup group, int shares) { reactor.queueOf(group).setLocalShares(shares); }

    /** The group's CPU shares on this shard: those set for this shard, else the group's own. Any thread. */
    public int shares(SchedulingGroup group) { return reactor.queueOf(group).shares(); }

    /** Per-group counters of this shard, readable from any thread (metrics). */
    public GroupStats stats(SchedulingGroup group) { return reactor.queueOf(group); }

    @Override
    public String toString() { return "shard-" + id; }

    Reactor reactor() { return reactor; }

    private <T> CompletableFuture<T> dispatch(int target, SchedulingGroup group, CrossShardCall<T> call) {
        try {
            runtime.shard(target).execute(group, call);
        } catch (RejectedExecutionException e) {
            call.completeExceptionally(e);
        }
        return call;
    }

    /** Replies go to the calling shard; an off-shard caller gets its reply on the target shard. */
    private Shard replyShard(int target) {
        Shard caller = current();
        return caller != null && caller.runtime == runtime ? caller : runtime.shard(target);
    }

    private SchedulingGroup replyGroup(SchedulingGroup targetGroup) {
        Shard caller = current();
        return caller != null && caller.runtime == runtime ? caller.currentGroup() : targetGroup;
    }

    private record DroppableTask(Runnable task, Consumer<Throwable> onDrop) implements RejectableTask {
        @Override
        public void run() { task.run(); }

        @Override
        public void reject(Throwable cause) { onDrop.accept(cause); }
    }

    /** Counters of one group on one shard; published when the reactor finishes a slice of the group's tasks. */
    public interface GroupStats {
        /** Tasks of the group run on this shard since start. */
        long tasksRun();

        /** CPU time of this shard's thread spent in the group's tasks (wall time if the JVM cannot measure CPU). */
        long runtimeNanos();

        /** Tasks of the group waiting on this shard. */
        int queueLength();
    }
}
