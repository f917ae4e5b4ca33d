package org.charybdis.tools.stress;

/** How a workload paces its requests. */
sealed interface LoadModel {
    /**
     * A fixed number of requests in flight: each completion sends the next one. Latency is measured from the send,
     * so a slow server lowers the rate instead of showing in the latencies (coordinated omission).
     */
    record Closed(int concurrency) implements LoadModel {}

    /**
     * Requests on a fixed schedule, whatever the server does: each one has an intended start and its latency is
     * measured from there, so time spent queued behind a slow server (or a stalled client) counts. None is skipped
     * when the client falls behind; at most {@code maxInFlight} are outstanding, and waiting for a free place counts
     * in the latency too.
     */
    record Open(double ratePerSecond, int maxInFlight) implements LoadModel {}

    /** A rate as typed: {@code 3000}, {@code 0.5}. */
    static String rateText(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }
}
