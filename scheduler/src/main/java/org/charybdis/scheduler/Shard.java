package org.charybdis.scheduler;

import io.netty.channel.IoEventLoop;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** API stub: implemented by the scheduler work. One reactor thread owning one Netty event loop. */
public final class Shard {
    /** The shard whose reactor thread is calling, or null off-shard. */
    public static Shard current() { throw new UnsupportedOperationException("stub"); }

    public int id() { throw new UnsupportedOperationException("stub"); }

    public SchedulingGroup currentGroup() { throw new UnsupportedOperationException("stub"); }

    public ShardRuntime runtime() { throw new UnsupportedOperationException("stub"); }

    /** This shard's Netty event loop; channels registered here are served by this shard's thread. */
    public IoEventLoop eventLoop() { throw new UnsupportedOperationException("stub"); }

    /** Queues a task on this shard in a group; callable from any thread. */
    public void execute(SchedulingGroup group, Runnable task) { throw new UnsupportedOperationException("stub"); }

    /** Runs task on shard target in group; the future completes on this (the calling) shard. */
    public <T> CompletableFuture<T> submitTo(int target, SchedulingGroup group, Callable<T> task) { throw new UnsupportedOperationException("stub"); }

    /** Like submitTo, for a task that itself completes later; completes on the calling shard. */
    public <T> CompletableFuture<T> submitToAsync(int target, SchedulingGroup group, Supplier<? extends CompletionStage<T>> task) { throw new UnsupportedOperationException("stub"); }

    public ScheduledFuture<?> schedule(SchedulingGroup group, long delay, TimeUnit unit, Runnable task) { throw new UnsupportedOperationException("stub"); }

    public ScheduledFuture<?> scheduleAtFixedRate(SchedulingGroup group, long initialDelay, long period, TimeUnit unit, Runnable task) { throw new UnsupportedOperationException("stub"); }

    /** Per-group counters of this shard, readable from any thread (metrics). */
    public GroupStats stats(SchedulingGroup group) { throw new UnsupportedOperationException("stub"); }

    public interface GroupStats {
        long tasksRun();
        long runtimeNanos();
        int queueLength();
    }
}
