package org.charybdis.server.replica;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.CoordinatorHops;
import org.charybdis.server.testing.ShardRoutingWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coordinator's count of operations that hop to another shard. A driver that is not shard-aware (the Apache
 * driver) sends every request through one connection, on one shard, so about half of them hop on two shards; the
 * shard-aware driver's side (none hop) is tested in the tools module, which has ScyllaDB's driver on its classpath.
 */
class ShardHopsTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @Test
    void countsEachShardsLocalAndCrossShardOperations() {
        ShardHops hops = new ShardHops(3);
        hops.record(0, 0);
        hops.record(0, 2);
        hops.record(2, 2);
        hops.record(2, 2);
        hops.record(1, 0);

        assertThat(new long[] {hops.local(0), hops.local(1), hops.local(2)}).containsExactly(1, 0, 2);
        assertThat(new long[] {hops.crossShard(0), hops.crossShard(1), hops.crossShard(2)}).containsExactly(1, 1, 0);
        assertThat(hops.totalLocal()).isEqualTo(3);
        assertThat(hops.totalCrossShard()).isEqualTo(2);
    }

    @Test
    void aDriverThatIsNotShardAwareHopsForAboutHalfTheOperationsOnTwoShards() {
        // a short schema debounce: the driver waits that long after each of the workload's CREATE statements
        try (CqlSession session = server.session(o -> o.withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(1)))) {
            ShardRoutingWorkload workload = new ShardRoutingWorkload(session);
            CoordinatorHops before = CoordinatorHops.scrape(server);

            int operations = workload.run(200);

            CoordinatorHops counted = CoordinatorHops.scrape(server).since(before);
            assertThat(counted.local() + counted.crossShard()).as(counted.toString()).isGreaterThanOrEqualTo(operations);
            assertThat(counted.crossShardShare()).as(counted.toString()).isBetween(0.35, 0.65);
        }
    }
}
