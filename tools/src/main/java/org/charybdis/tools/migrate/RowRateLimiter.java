package org.charybdis.tools.migrate;

import org.charybdis.tools.cql.FixedRateSchedule;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Holds the copy to {@code --rate} rows a second across all ranges: row {@code n} may be read {@code n / rate} seconds
 * after the start, so the average never exceeds the rate whatever the concurrency.
 */
final class RowRateLimiter {
    private final FixedRateSchedule schedule;
    private final AtomicLong taken = new AtomicLong();

    /** @param rowsPerSecond 0 for no limit */
    RowRateLimiter(double rowsPerSecond) {
        this.schedule = rowsPerSecond > 0 ? new FixedRateSchedule(System.nanoTime(), rowsPerSecond) : null;
    }

    /** Waits until one more row may be copied. */
    void acquire() throws InterruptedException {
        if (schedule == null) return;
        long due = schedule.intendedStart(taken.getAndIncrement());
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) throw new InterruptedException();
        }
    }
}
