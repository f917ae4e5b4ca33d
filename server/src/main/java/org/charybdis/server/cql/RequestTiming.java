package org.charybdis.server.cql;

import java.time.Duration;

/**
 * When a request arrived and the timeout its service level sets (null: none), from which each statement derives its
 * deadline; internal requests (start-up, auth bookkeeping) have none.
 */
public record RequestTiming(long startNanos, Duration serviceLevelTimeout, boolean bounded) {
    public static final RequestTiming INTERNAL = new RequestTiming(0, null, false);

    /** A client request that arrived at {@code startNanos} ({@link System#nanoTime()}). */
    public static RequestTiming arrivedAt(long startNanos, Duration serviceLevelTimeout) {
        return new RequestTiming(startNanos, serviceLevelTimeout, true);
    }
}
