package org.charybdis.storage.commitlog;

import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/** Callers waiting for a position to become durable, released in position order. Owned by the shard thread. */
final class DurabilityWaiters {
    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>();

    CompletableFuture<Void> add(long position) {
        Waiter waiter = new Waiter(position, new CompletableFuture<>());
        waiting.add(waiter);
        return waiter.future;
    }

    /** Completes everyone waiting for a position at or before this one. */
    void completeUpTo(long durablePosition) {
        Waiter next;
        while ((next = waiting.peek()) != null && next.position <= durablePosition) {
            waiting.poll();
            next.future.complete(null);
        }
    }

    void failAll(Throwable cause) {
        Waiter next;
        while ((next = waiting.poll()) != null) next.future.completeExceptionally(cause);
    }

    int size() { return waiting.size(); }

    private record Waiter(long position, CompletableFuture<Void> future) implements Comparable<Waiter> {
        @Override
        public int compareTo(Waiter other) { return Long.compare(position, other.position); }
    }
}
