package org.charybdis.scheduler.io;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The IO queues' clock and alarm: when the token bucket is in debt, a queue asks to be woken once it has paid
 * it off. The runtime's timer is one daemon thread; tests inject a manual clock.
 */
public interface IoTimer {
    /** Monotonic nanoseconds, as {@link System#nanoTime}. */
    long nanoTime();

    /** Runs {@code wakeup} (briefly, on any thread) after about {@code delayNanos}. */
    void wakeAfter(long delayNanos, Runnable wakeup);

    /** A timer on the given executor and {@link System#nanoTime}; the caller owns the executor's life. */
    static IoTimer on(ScheduledExecutorService executor) {
        return new IoTimer() {
            @Override
            public long nanoTime() { return System.nanoTime(); }

            @Override
            public void wakeAfter(long delayNanos, Runnable wakeup) {
                executor.schedule(wakeup, delayNanos, TimeUnit.NANOSECONDS);
            }
        };
    }

    /** One daemon timer thread; shut it down when the queues it serves close. */
    static ScheduledExecutorService newTimerThread(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name(name).factory());
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
