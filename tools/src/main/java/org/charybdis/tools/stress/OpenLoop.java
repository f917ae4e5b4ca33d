package org.charybdis.tools.stress;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import org.charybdis.tools.cql.FixedRateSchedule;

/**
 * Sends requests on a {@link FixedRateSchedule} from one thread and measures each latency from its intended start,
 * as wrk2 and cassandra-stress's fixed rate do: when the server (or this client) falls behind, the requests due in
 * the meantime are all sent at once, late, and their lateness is part of their latency, instead of being skipped
 * or silently delayed (coordinated omission).
 */
final class OpenLoop {
    private final LoadModel.Open model;
    private final NanoClock clock;

    OpenLoop(LoadModel.Open model, NanoClock clock) {
        this.model = model;
        this.clock = clock;
    }

    /** Sends until the budget refuses a request's intended start and returns when every request has completed. */
    void run(RequestSource source, RequestBudget budget, WorkloadStats stats) throws InterruptedException {
        RequestStream stream = source.newStream();
        Semaphore inFlight = new Semaphore(model.maxInFlight());
        FixedRateSchedule schedule = new FixedRateSchedule(clock.nanoTime(), model.ratePerSecond());
        try {
            for (long i = 0; ; i++) {
                long intended = schedule.intendedStart(i);
                if (!budget.tryTake(intended)) break;
                clock.sleepUntil(intended);
                inFlight.acquire(); // a wait here is the server's doing: it counts, as the latency runs from `intended`
                CompletionStage<Integer> sent = Requests.send(stream);
                if (sent == null) {
                    inFlight.release();
                    break;
                }
                sent.whenComplete((rows, error) -> {
                    stats.complete(clock.nanoTime() - intended, rows, error);
                    inFlight.release();
                });
            }
        } finally {
            inFlight.acquireUninterruptibly(model.maxInFlight()); // every request has completed
        }
    }
}
