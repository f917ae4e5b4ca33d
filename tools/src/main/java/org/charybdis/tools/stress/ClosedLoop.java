package org.charybdis.tools.stress;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps {@code concurrency} requests in flight: every completion sends the next request of its slot, from the
 * driver's thread (no thread per slot). Latency runs from the send.
 */
final class ClosedLoop {
    private final int concurrency;
    private final NanoClock clock;

    ClosedLoop(int concurrency, NanoClock clock) {
        this.concurrency = concurrency;
        this.clock = clock;
    }

    /** Sends until the budget is spent (or the streams run dry) and returns when every request has completed. */
    void run(RequestSource source, RequestBudget budget, WorkloadStats stats) throws InterruptedException {
        CountDownLatch slotsDone = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) new Slot(source.newStream(), budget, stats, slotsDone).sendNext();
        slotsDone.await();
    }

    private final class Slot {
        private final RequestStream stream;
        private final RequestBudget budget;
        private final WorkloadStats stats;
        private final CountDownLatch slotsDone;

        Slot(RequestStream stream, RequestBudget budget, WorkloadStats stats, CountDownLatch slotsDone) {
            this.stream = stream;
            this.budget = budget;
            this.stats = stats;
            this.slotsDone = slotsDone;
        }

        void sendNext() {
            while (true) {
                long start = clock.nanoTime();
                CompletionStage<Integer> sent = budget.tryTake(start) ? Requests.send(stream) : null;
                if (sent == null) {
                    slotsDone.countDown();
                    return;
                }
                // Whoever gets here second sends the next request: the completion callback if the request was still
                // in flight when we left, else this loop (a request that completed at once must not recurse).
                AtomicBoolean handOff = new AtomicBoolean();
                sent.whenComplete((rows, error) -> {
                    stats.complete(clock.nanoTime() - start, rows, error);
                    if (!handOff.compareAndSet(false, true)) sendNext();
                });
                if (handOff.compareAndSet(false, true)) return;
            }
        }
    }
}
