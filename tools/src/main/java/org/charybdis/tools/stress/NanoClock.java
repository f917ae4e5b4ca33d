package org.charybdis.tools.stress;

import java.util.concurrent.locks.LockSupport;

/** Time for the load loops; tests replace it to check the open-loop schedule without waiting. */
interface NanoClock {
    NanoClock SYSTEM = new NanoClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long deadline) throws InterruptedException {
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(left);
                if (Thread.interrupted()) throw new InterruptedException();
            }
        }
    };

    long nanoTime();

    /** Returns once {@link #nanoTime()} has reached {@code deadline}; at once if it already has. */
    void sleepUntil(long deadline) throws InterruptedException;
}
