package org.charybdis.tools.stress;

import org.junit.jupiter.api.Test;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The closed loop: its concurrency, its request count, and no recursion when requests complete at once. */
class ClosedLoopTest {
    private final WorkloadStats stats = new WorkloadStats();

    @Test
    void requestsThatCompleteAtOnceLoopInsteadOfRecursing() throws InterruptedException {
        AtomicInteger sent = new AtomicInteger();
        run(2, 200_000, () -> {
            sent.incrementAndGet();
            return CompletableFuture.completedFuture(1);
        });

        assertThat(sent).hasValue(200_000);
        assertThat(stats.ops()).isEqualTo(200_000);
        assertThat(stats.rows()).isEqualTo(200_000);
    }

    @Test
    void keepsExactlyItsConcurrencyInFlight() throws InterruptedException {
        int concurrency = 8;
        int total = 2_000;
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        Queue<CompletableFuture<Integer>> pending = new ConcurrentLinkedQueue<>();
        // the "server" answers only while the loop has its full concurrency in flight (or has sent everything)
        Thread server = Thread.ofPlatform().daemon().start(() -> {
            while (stats.ops() < total) {
                if (inFlight.get() == concurrency || sent.get() == total) {
                    CompletableFuture<Integer> next = pending.poll();
                    if (next != null) {
                        inFlight.decrementAndGet();
                        next.complete(0);
                    }
                } else {
                    Thread.onSpinWait();
                }
            }
        });
        run(concurrency, total, () -> {
            sent.incrementAndGet();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            CompletableFuture<Integer> answer = new CompletableFuture<>();
            pending.add(answer);
            return answer;
        });
        server.join();

        assertThat(stats.ops()).isEqualTo(total);
        assertThat(maxInFlight).hasValue(concurrency);
    }

    @Test
    void failuresAreCountedByClassAndTheLoopGoesOn() throws InterruptedException {
        AtomicInteger sent = new AtomicInteger();
        run(3, 30, () -> sent.incrementAndGet() % 3 == 0
                ? CompletableFuture.failedFuture(new IllegalStateException("overloaded"))
                : CompletableFuture.completedFuture(0));

        assertThat(stats.ops()).isEqualTo(20);
        assertThat(stats.errors()).isEqualTo(10);
        assertThat(stats.errorsByClass()).containsEntry("IllegalStateException", 10L);
        assertThat(stats.failingFromStart(1)).isFalse();
    }

    private void run(int concurrency, long requests, Supplier<CompletionStage<Integer>> send) throws InterruptedException {
        RequestBudget budget = new RequestBudget(null, requests);
        budget.begin(System.nanoTime());
        RequestSource source = new RequestSource() {
            @Override
            public RequestStream newStream() {
                return send::get;
            }

            @Override
            public boolean shareable() {
                return true;
            }
        };
        new ClosedLoop(concurrency, NanoClock.SYSTEM).run(source, budget, stats);
    }
}
