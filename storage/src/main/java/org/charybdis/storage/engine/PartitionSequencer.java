package org.charybdis.storage.engine;

import org.charybdis.storage.dht.DecoratedKey;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs read-check-write operations on one partition one after the other, on the shard owning it: an
 * operation that awaits a disk read or the commitlog keeps its partition until it completes, and the next
 * operation queued for that partition starts only then. Lightweight transactions use it so that no other
 * one reads the partition between their read and their write. Owned by the shard's thread, like the
 * {@link ShardStorage} holding it; no locks.
 */
public final class PartitionSequencer {
    private record Target(UUID tableId, DecoratedKey key) {}

    /** Partitions with an operation running, each with the operations waiting behind it. */
    private final Map<Target, ArrayDeque<Step>> busy = new HashMap<>();

    /** One queued operation: starting it returns what it runs, and completes the caller's future with it. */
    @FunctionalInterface
    private interface Step {
        CompletableFuture<?> start();
    }

    /**
     * Starts the operation now if nothing runs on the partition, else after everything queued before it.
     * The result completes with the operation's, on this shard.
     */
    public <T> CompletableFuture<T> run(UUID tableId, DecoratedKey key, Supplier<? extends CompletableFuture<T>> operation) {
        Target target = new Target(tableId, key);
        CompletableFuture<T> result = new CompletableFuture<>();
        Step step = () -> start(operation, result);
        ArrayDeque<Step> waiting = busy.get(target);
        if (waiting != null) {
            waiting.add(step);
        } else {
            busy.put(target, new ArrayDeque<>(2));
            drive(target, step);
        }
        return result;
    }

    /**
     * Completes once every operation queued on the partition so far has completed (at once when none runs),
     * without holding the partition: plain writes use it so they never land inside a running transaction.
     */
    public CompletableFuture<Void> drained(UUID tableId, DecoratedKey key) {
        if (busy.isEmpty() || !busy.containsKey(new Target(tableId, key))) return CompletableFuture.completedFuture(null);
        return run(tableId, key, () -> CompletableFuture.completedFuture(null));
    }

    /** True when no operation runs on any partition of this shard (the common case: no transactions). */
    public boolean isIdle() {
        return busy.isEmpty();
    }

    /** Runs the partition's operations in order; loops over those that finish at once instead of recursing. */
    private void drive(Target target, Step step) {
        while (step != null) {
            CompletableFuture<?> running = step.start();
            if (!running.isDone()) {
                running.whenComplete((value, failure) -> drive(target, following(target)));
                return;
            }
            step = following(target);
        }
    }

    private Step following(Target target) {
        ArrayDeque<Step> waiting = busy.get(target);
        Step step = waiting.poll();
        if (step == null) busy.remove(target);
        return step;
    }

    private static <T> CompletableFuture<T> start(Supplier<? extends CompletableFuture<T>> operation, CompletableFuture<T> result) {
        CompletableFuture<T> running;
        try {
            running = operation.get();
        } catch (Throwable t) {
            running = CompletableFuture.failedFuture(t);
        }
        running.whenComplete((value, failure) -> {
            if (failure != null) result.completeExceptionally(failure);
            else result.complete(value);
        });
        return running;
    }
}
