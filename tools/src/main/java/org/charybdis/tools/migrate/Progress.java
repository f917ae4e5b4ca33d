package org.charybdis.tools.migrate;

import java.util.concurrent.atomic.AtomicLong;

/** What a pass (copy or verification) has done so far, counted by the ranges' workers and read by the reporter. */
final class Progress {
    private final String pass;
    private final long totalRanges;
    private final AtomicLong ranges = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final long startNanos = System.nanoTime();

    Progress(String pass, long totalRanges) {
        this.pass = pass;
        this.totalRanges = totalRanges;
    }

    void rowDone() {
        rows.incrementAndGet();
    }

    void rangeDone() {
        ranges.incrementAndGet();
    }

    String pass() {
        return pass;
    }

    long totalRanges() {
        return totalRanges;
    }

    long ranges() {
        return ranges.get();
    }

    long rows() {
        return rows.get();
    }

    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
