package org.charybdis.tools.iotune;

/** What one test achieved: requests and bytes completed in {@code nanos} of wall-clock time. */
record IoResult(long requests, long bytes, long nanos) {
    IoResult {
        if (requests <= 0 || nanos <= 0) throw new IllegalArgumentException("a test completes at least one request in positive time");
    }

    /** Requests per second, at least 1: io_properties.yaml wants positive whole numbers. */
    long requestsPerSecond() {
        return Math.max(1, Math.round(requests * 1e9 / nanos));
    }

    long bytesPerSecond() {
        return Math.max(1, Math.round(bytes * 1e9 / nanos));
    }
}
