package org.charybdis.scheduler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A daemon watchdog: samples each reactor's "task started at" marker and reports a task that has held its
 * shard longer than the threshold, once per task, with the reactor thread's stack so the culprit is visible.
 */
final class StallDetector implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(StallDetector.class);

    private final List<Shard> shards;
    private final long thresholdNanos;
    private final long checkIntervalNanos;
    private final long[] lastReportedSeq;
    private final Thread thread;
    private volatile boolean stopped;
    /** Stalls per shard; written by this thread only. */
    private final AtomicLongArray stalls;

    StallDetector(List<Shard> shards, long thresholdNanos) {
        this.shards = shards;
        this.thresholdNanos = thresholdNanos;
        // Sample a few times per threshold so a stall is reported soon after it crosses the line.
        this.checkIntervalNanos = Math.clamp(thresholdNanos / 4, 1_000_000L, 250_000_000L);
        this.lastReportedSeq = new long[shards.size()];
        Arrays.fill(lastReportedSeq, -1);
        this.stalls = new AtomicLongArray(shards.size());
        this.thread = new Thread(this, "charybdis-stall-detector");
        thread.setDaemon(true);
    }

    void start() { thread.start(); }

    long stallCount() {
        long total = 0;
        for (int i = 0; i < stalls.length(); i++) total += stalls.get(i);
        return total;
    }

    long stallCount(int shard) { return stalls.get(shard); }

    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        while (!stopped) {
            LockSupport.parkNanos(checkIntervalNanos);
            for (int i = 0; i < shards.size(); i++) check(i, shards.get(i).reactor());
        }
    }

    private void check(int index, Reactor reactor) {
        long seq = reactor.stallSeq();
        long start = reactor.stallTaskStart();
        // A task boundary between the reads would pair one task's start with another's number: sample again later.
        if (start == Reactor.IDLE || seq != reactor.stallSeq() || seq == lastReportedSeq[index]) return;
        long elapsed = System.nanoTime() - start;
        if (elapsed <= thresholdNanos) return;
        lastReportedSeq[index] = seq;
        stalls.incrementAndGet(index);
        LOG.warn("Reactor stall on shard {}: {} ms in group {}{}", index, elapsed / 1_000_000, reactor.stallLabel(),
                formatStack(reactor.thread.getStackTrace()));
    }

    private static String formatStack(StackTraceElement[] stack) {
        StringBuilder text = new StringBuilder();
        for (StackTraceElement frame : stack) text.append(System.lineSeparator()).append("\tat ").append(frame);
        return text.toString();
    }
}
