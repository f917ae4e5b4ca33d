package org.charybdis.scheduler;

import java.util.function.BooleanSupplier;

/** Waits, in tests, for a condition another thread will make true. */
public final class Eventually {
    private Eventually() { }

    /** True as soon as the condition holds, false if it still does not after five seconds. */
    public static boolean holds(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) return false;
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
