package org.charybdis.server.cql.statements.select;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.server.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * ScyllaDB's limits on an unpaged query's result, whose size nothing else bounds:
 * {@code max_memory_for_unlimited_query_soft_limit} logs a warning (at most one every few seconds, so a client
 * repeating the query cannot flood the log), {@code max_memory_for_unlimited_query_hard_limit} fails the query.
 */
record UnpagedResultLimit(long softBytes, long hardBytes) {
    private static final Logger log = LoggerFactory.getLogger(UnpagedResultLimit.class);
    private static final long WARN_INTERVAL_NANOS = 10_000_000_000L;
    private static final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);

    static UnpagedResultLimit of(ServerConfig config) {
        return new UnpagedResultLimit(config.get(ServerConfig.MAX_MEMORY_FOR_UNLIMITED_QUERY_SOFT_LIMIT),
                config.get(ServerConfig.MAX_MEMORY_FOR_UNLIMITED_QUERY_HARD_LIMIT));
    }

    /**
     * Checks the result after a page: {@code before} bytes were read before it, {@code after} with it.
     * Throws past the hard limit; warns when the soft limit is first passed.
     */
    void check(long before, long after, String query) {
        if (after > hardBytes) {
            throw new InvalidRequestException("Memory usage of unpaged query exceeds hard limit of " + hardBytes
                    + " bytes (configured via max_memory_for_unlimited_query_hard_limit); page the query (set a fetch size) or raise the limit");
        }
        if (before <= softBytes && after > softBytes) {
            long now = System.nanoTime();
            long last = lastWarning.get();
            if (now - last >= WARN_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
                log.warn("Memory usage of unpaged query exceeds soft limit of {} bytes (configured via max_memory_for_unlimited_query_soft_limit): {}",
                        softBytes, query);
            }
        }
    }
}
