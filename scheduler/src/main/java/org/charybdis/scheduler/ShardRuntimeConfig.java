package org.charybdis.scheduler;

import java.time.Duration;

/**
 * How the shard runtime is laid out.
 *
 * @param shards         number of shards (reactor threads); one per core by default
 * @param transport      which Netty IO transport the reactors drive
 * @param taskQuota      how long a group runs before the reactor looks at IO and other groups (~0.5 ms)
 * @param stallThreshold a task running longer than this is logged by the stall detector (25 ms)
 */
public record ShardRuntimeConfig(int shards, IoTransport transport, Duration taskQuota, Duration stallThreshold) {
    public enum IoTransport { AUTO, IO_URING, EPOLL, NIO }

    public static ShardRuntimeConfig defaults(int shards) {
        return new ShardRuntimeConfig(shards, IoTransport.AUTO, Duration.ofNanos(500_000), Duration.ofMillis(25));
    }
}
