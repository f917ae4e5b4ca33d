package org.charybdis.tools.bench;

import org.charybdis.tools.proc.ProcFiles;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples heap and resident memory once a second on its own thread and keeps the maxima: heap used (garbage
 * included), heap still live after the last collection (what the process really holds), and RSS (heap,
 * native memtables, thread stacks, mapped files).
 */
final class MemorySampler implements AutoCloseable {
    /** Maxima over the run, and the heap live after a final {@code System.gc()}. */
    record Peaks(long maxHeapUsed, long maxHeapAfterGc, long maxDirect, long maxResident, long heapAfterFinalGc, long directAfterFinalGc,
                 long residentAtEnd, long samples) {}

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-memory-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile long maxHeapUsed;
    private volatile long maxHeapAfterGc;
    private volatile long maxDirect;
    private volatile long maxResident;
    private volatile long samples;

    MemorySampler start() {
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
        return this;
    }

    /** Stops sampling, collects garbage and reports. */
    Peaks finish() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample(); // single writer again: the timer thread is gone
        System.gc();
        long heapAfterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Peaks(maxHeapUsed, maxHeapAfterGc, maxDirect, maxResident, heapAfterGc, directBufferBytes(), ProcFiles.residentBytes(), samples);
    }

    private void sample() {
        maxHeapUsed = Math.max(maxHeapUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        maxHeapAfterGc = Math.max(maxHeapAfterGc, heapAfterLastCollection());
        maxDirect = Math.max(maxDirect, directBufferBytes());
        maxResident = Math.max(maxResident, ProcFiles.residentBytes());
        samples++;
    }

    /** Native memory held by direct {@code ByteBuffer}s (IO buffers; memtables use an Arena and are not counted here). */
    private static long directBufferBytes() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) return pool.getMemoryUsed();
        }
        return 0;
    }

    /** Sum over the heap pools of their usage right after their last collection. */
    private static long heapAfterLastCollection() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP || !pool.isCollectionUsageThresholdSupported()) continue;
            MemoryUsage usage = pool.getCollectionUsage();
            if (usage != null) total += usage.getUsed();
        }
        return total;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
