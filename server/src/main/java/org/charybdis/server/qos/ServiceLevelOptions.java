package org.charybdis.server.qos;

import java.time.Duration;
import java.util.Objects;

/**
 * What a service level sets: its shares of CPU and disk (1 to 1000), a default timeout for its requests (null
 * for the node's configured timeouts) and its workload type.
 */
public record ServiceLevelOptions(int shares, Duration timeout, WorkloadType workloadType) {
    public static final int DEFAULT_SHARES = 1000;
    public static final int MIN_SHARES = 1;
    public static final int MAX_SHARES = 1000;
    /** What a level created without options has, and what the {@code default} level has. */
    public static final ServiceLevelOptions DEFAULTS = new ServiceLevelOptions(DEFAULT_SHARES, null, WorkloadType.UNSPECIFIED);

    public ServiceLevelOptions {
        Objects.requireNonNull(workloadType, "workloadType");
    }
}
