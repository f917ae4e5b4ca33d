package org.charybdis.server.cql.udf;

import org.charybdis.cql.exceptions.InvalidRequestException;
import org.charybdis.server.config.ServerConfig;

import java.util.concurrent.TimeUnit;

/**
 * {@code user_defined_functions_enabled}, and the fail timeout and allocation allowance of one call.
 *
 * @param failAllocationKilobytes 0 for no allocation limit
 */
public record UdfSettings(boolean enabled, long failTimeoutMillis, long failAllocationKilobytes) {
    public static final UdfSettings DISABLED = new UdfSettings(false, 1500, 0);

    public static UdfSettings from(ServerConfig config) {
        return new UdfSettings(config.get(ServerConfig.USER_DEFINED_FUNCTIONS_ENABLED),
                config.get(ServerConfig.USER_DEFINED_FUNCTIONS_FAIL_TIMEOUT_IN_MS),
                config.get(ServerConfig.USER_DEFINED_FUNCTIONS_FAIL_ALLOCATION_IN_KB));
    }

    /** Cassandra's refusal of CREATE FUNCTION and CREATE AGGREGATE while UDFs are off. */
    public void checkEnabled() {
        if (!enabled) {
            throw new InvalidRequestException("User defined functions are disabled in cassandra.yaml - set user_defined_functions_enabled=true to enable");
        }
    }

    long failTimeoutNanos() {
        return TimeUnit.MILLISECONDS.toNanos(failTimeoutMillis);
    }

    long failAllocationBytes() {
        return failAllocationKilobytes * 1024;
    }
}
