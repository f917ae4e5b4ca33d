package org.charybdis.storage.vector;

import org.charybdis.scheduler.SchedulingGroup;
import org.charybdis.scheduler.Shard;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs CPU-heavy work that cannot yield (building an HNSW graph takes seconds to minutes) on a few background
 * threads instead of a shard's reactor, then continues on the calling shard in its scheduling group.
 */
final class OffReactor {
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Half the cores at most: the reactors keep the rest. */
    private static final ExecutorService BUILDERS = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors() / 2), task -> {
                Thread thread = new Thread(task, "vector-build-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                thread.setPriority(Thread.MIN_PRIORITY);
                return thread;
            });

    interface Work<T> {
        T run() throws Exception;
    }

    private OffReactor() {}

    static <T> CompletableFuture<T> run(Work<T> work) {
        Shard shard = Shard.current();
        SchedulingGroup group = shard == null ? null : shard.currentGroup();
        CompletableFuture<T> done = new CompletableFuture<>();
        BUILDERS.execute(() -> {
            T result;
            try {
                result = work.run();
            } catch (Throwable failure) {
                onShard(shard, group, () -> done.completeExceptionally(failure));
                return;
            }
            onShard(shard, group, () -> done.complete(result));
        });
        return done;
    }

    private static void onShard(Shard shard, SchedulingGroup group, Runnable task) {
        if (shard == null) task.run();
        else shard.execute(group, task);
    }
}
