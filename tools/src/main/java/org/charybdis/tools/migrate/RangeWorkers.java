package org.charybdis.tools.migrate;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs a pass's per-range tasks on a fixed number of threads; the first task to fail stops the others. */
final class RangeWorkers {
    interface RangeTask {
        void run() throws Exception;
    }

    private RangeWorkers() {}

    static void runAll(int concurrency, List<RangeTask> tasks) throws InterruptedException {
        if (tasks.isEmpty()) return;
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(Math.min(concurrency, tasks.size()), r -> {
            Thread thread = new Thread(r, "migrate-range-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            ExecutorCompletionService<Void> completion = new ExecutorCompletionService<>(executor);
            for (RangeTask task : tasks) {
                completion.submit(() -> {
                    task.run();
                    return null;
                });
            }
            for (int i = 0; i < tasks.size(); i++) {
                try {
                    completion.take().get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof MigrationFailure failure) throw failure;
                    throw new MigrationFailure(String.valueOf(e.getCause().getMessage()), e.getCause());
                }
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
