package org.charybdis.tools.stress;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** When a workload stops sending: at its deadline, after its request count, or when the run is aborted. */
final class RequestBudget {
    private final Duration duration;
    private final long maxRequests;
    private final AtomicLong taken = new AtomicLong();
    private volatile long deadline;
    private volatile boolean stopped;

    /**
     * @param duration null for no time limit
     * @param maxRequests 0 for no count limit
     */
    RequestBudget(Duration duration, long maxRequests) {
        this.duration = duration;
        this.maxRequests = maxRequests;
    }

    /** Starts the clock of the time limit. */
    void begin(long nowNanos) {
        if (duration != null) deadline = nowNanos + duration.toNanos();
    }

    /** Whether a request starting at {@code atNanos} (now, or its intended start) may still be sent; counts it if so. */
    boolean tryTake(long atNanos) {
        if (stopped || duration != null && atNanos - deadline >= 0) return false;
        return maxRequests == 0 || taken.incrementAndGet() <= maxRequests;
    }

    void stop() {
        stopped = true;
    }
}
