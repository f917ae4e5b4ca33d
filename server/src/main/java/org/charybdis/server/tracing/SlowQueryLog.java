package org.charybdis.server.tracing;

import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.system.TraceTables;

import java.util.concurrent.TimeUnit;

/**
 * The settings of ScyllaDB's slow query log: whether it records requests, how slow a request must be (from its arrival
 * to its response, in microseconds), how long its rows live, and whether it keeps the events of the requests it records
 * ({@code fast}: it does not, ScyllaDB's lightweight mode). Every request is timed; only a slow one costs more.
 *
 * @param fast when false, every request records its events in case it turns out slow, as ScyllaDB's full slow query
 *             tracing does; that costs every request what TRACING ON costs, so the default is true
 */
public record SlowQueryLog(boolean enabled, long thresholdMicros, int ttlSeconds, boolean fast) {
    /** ScyllaDB's slow query record TTL: a day. */
    public static final int DEFAULT_TTL_SECONDS = TraceTables.TTL_SECONDS;
    /** CQL's largest TTL: twenty years. */
    public static final int MAX_TTL_SECONDS = 630_720_000;

    /** The settings the configuration starts with. */
    public static SlowQueryLog of(ServerConfig config) {
        return new SlowQueryLog(config.get(ServerConfig.SLOW_QUERY_LOG_ENABLED),
                TimeUnit.MILLISECONDS.toMicros(config.get(ServerConfig.SLOW_QUERY_LOG_TIMEOUT_IN_MS)), DEFAULT_TTL_SECONDS, true);
    }

    /** Whether a request that took {@code elapsedNanos} is recorded. */
    public boolean isSlow(long elapsedNanos) {
        return enabled && elapsedNanos / 1000 > thresholdMicros;
    }

    /** Whether requests nobody traces record their events in case they turn out slow. */
    boolean recordsEveryRequest() {
        return enabled && !fast;
    }
}
