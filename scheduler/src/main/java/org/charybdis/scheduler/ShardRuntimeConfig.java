package org.charybdis.scheduler;

import org.charybdis.scheduler.io.IoCapacity;

import java.time.Duration;
import java.util.Objects;

/**
 * How the shard runtime is laid out.
 *
 * @param shards         number of shards (reactor threads); one per core by default
 * @param transport      which Netty IO transport the reactors drive
 * @param taskQuota      how long a group runs before the reactor looks at IO and other groups (~0.5 ms)
 * @param stallThreshold a task running longer than this is logged by the stall detector (25 ms)
 * @param ioCapacity     what the data disk can do (io-properties.yaml); {@link IoCapacity#UNLIMITED} by default
 */
public record ShardRuntimeConfig(int shards, IoTransport transport, Duration taskQuota, Duration stallThreshold,
                                 IoCapacity ioCapacity) {
    public enum IoTransport { AUTO, IO_URING, EPOLL, NIO }

    public ShardRuntimeConfig {
        if (shards < 1) throw new IllegalArgumentException("shards must be at least 1: " + shards);
        Objects.requireNonNull(transport, "transport");
        if (taskQuota.isNegative() || taskQuota.isZero()) throw new IllegalArgumentException("taskQuota must be positive");
        if (stallThreshold.isNegative() || stallThreshold.isZero()) {
            throw new IllegalArgumentException("stallThreshold must be positive");
        }
        Objects.requireNonNull(ioCapacity, "ioCapacity");
    }

    /** A layout with an unlimited disk capacity. */
    public ShardRuntimeConfig(int shards, IoTransport transport, Duration taskQuota, Duration stallThreshold) {
        this(shards, transport, taskQuota, stallThreshold, IoCapacity.UNLIMITED);
    }

    public static ShardRuntimeConfig defaults(int shards) {
        return new ShardRuntimeConfig(shards, IoTransport.AUTO, Duration.ofNanos(500_000), Duration.ofMillis(25));
    }

    public ShardRuntimeConfig withTransport(IoTransport newTransport) {
        return new ShardRuntimeConfig(shards, newTransport, taskQuota, stallThreshold, ioCapacity);
    }

    public ShardRuntimeConfig withStallThreshold(Duration newThreshold) {
        return new ShardRuntimeConfig(shards, transport, taskQuota, newThreshold, ioCapacity);
    }

    public ShardRuntimeConfig withIoCapacity(IoCapacity newCapacity) {
        return new ShardRuntimeConfig(shards, transport, taskQuota, stallThreshold, newCapacity);
    }
}
