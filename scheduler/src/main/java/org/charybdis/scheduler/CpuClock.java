package org.charybdis.scheduler;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time of the calling thread, which is what the reactor charges to scheduling groups: time the OS
 * gave to other processes (or to GC threads) while a task ran is not the task's group's fault. Falls back to
 * the wall clock where the JVM cannot measure thread CPU time.
 */
final class CpuClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean MEASURES_CPU = enableCpuTime();

    private CpuClock() { }

    static long threadCpuNanos() {
        return MEASURES_CPU ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static boolean enableCpuTime() {
        try {
            if (!THREADS.isCurrentThreadCpuTimeSupported()) return false;
            if (!THREADS.isThreadCpuTimeEnabled()) THREADS.setThreadCpuTimeEnabled(true);
            return THREADS.getCurrentThreadCpuTime() >= 0;
        } catch (UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
