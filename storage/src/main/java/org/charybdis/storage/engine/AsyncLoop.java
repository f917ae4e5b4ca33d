package org.charybdis.storage.engine;

import org.charybdis.scheduler.Shard;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs an asynchronous step until it reports the end, without growing the stack while steps complete at
 * once (memtable data) and without blocking while they wait for the disk. On a shard, a loop whose steps keep
 * completing at once yields when its task has used its quota, continuing in a new task of the same scheduling
 * group: a long scan then shares the shard with other groups' requests instead of holding them up.
 */
public final class AsyncLoop {
    private AsyncLoop() {}

    /** Calls {@code step} until it answers true ("done"); completes when it has, or with its first failure. */
    public static CompletableFuture<Void> until(Supplier<CompletableFuture<Boolean>> step) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        run(step, done);
        return done;
    }

    /** Takes items from {@code next} (null: the end) and hands each to {@code sink} until the end. */
    public static <T> CompletableFuture<Void> forEach(Supplier<CompletableFuture<T>> next, Function<T, CompletableFuture<Void>> sink) {
        return until(() -> next.get().thenCompose(item -> item == null
                ? CompletableFuture.completedFuture(true)
                : sink.apply(item).thenApply(ignored -> false)));
    }

    private static void run(Supplier<CompletableFuture<Boolean>> step, CompletableFuture<Void> done) {
        while (true) {
            CompletableFuture<Boolean> result;
            try {
                result = step.get();
            } catch (Throwable t) {
                done.completeExceptionally(t);
                return;
            }
            if (!result.isDone()) {
                result.whenComplete((finished, failure) -> {
                    if (failure != null) done.completeExceptionally(unwrap(failure));
                    else if (finished) done.complete(null);
                    else run(step, done);
                });
                return;
            }
            try {
                if (result.join()) {
                    done.complete(null);
                    return;
                }
                if (yielded(step, done)) return;
            } catch (CompletionException e) {
                done.completeExceptionally(unwrap(e));
                return;
            } catch (Throwable t) {
                done.completeExceptionally(t);
                return;
            }
        }
    }

    /** Continues the loop in a new task of the running group when this one has used its quota; false to go on here. */
    private static boolean yielded(Supplier<CompletableFuture<Boolean>> step, CompletableFuture<Void> done) {
        Shard shard = Shard.current();
        if (shard == null || !shard.needsPreemption()) return false;
        shard.execute(shard.currentGroup(), () -> run(step, done), done::completeExceptionally);
        return true;
    }

    /** The cause of a CompletionException, or the throwable itself. */
    public static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
