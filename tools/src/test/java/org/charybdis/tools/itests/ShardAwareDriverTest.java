package org.charybdis.tools.itests;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.TokenMap;
import com.datastax.oss.driver.api.core.metadata.token.Token;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import com.datastax.oss.driver.internal.core.metadata.token.Murmur3Token;
import com.datastax.oss.driver.internal.core.pool.ChannelPool;
import com.datastax.oss.driver.internal.core.session.DefaultSession;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.CoordinatorHops;
import org.charybdis.server.testing.PrometheusText;
import org.charybdis.server.testing.ShardRoutingWorkload;
import org.charybdis.storage.dht.Murmur3Partitioner;
import org.charybdis.storage.dht.ShardOf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ScyllaDB's shard-aware Java driver (a fork of the Apache driver with the same packages): it reads
 * the SCYLLA_* sharding facts, opens a connection to every shard through the shard-aware port, and
 * routes each statement to the shard that owns its partition.
 */
class ShardAwareDriverTest {
    private static final int SHARDS = 2;

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @Test
    void poolReachesEveryShardAndQueriesWork() throws InterruptedException {
        try (CqlSession session = server.session(options -> {})) {
            Node node = session.getMetadata().getNodes().values().iterator().next();
            assertThat(node.getShardingInfo()).as("the driver read SCYLLA_NR_SHARDS").isNotNull();
            assertThat(node.getShardingInfo().getShardsCount()).isEqualTo(SHARDS);

            // this driver (4.18.0.x) has no "advanced shard awareness": it never uses SCYLLA_SHARD_AWARE_PORT, and opens
            // connections to the CQL port until each shard has one, which the node's round-robin placement makes quick
            awaitAConnectionPerShard(session);
            assertThat(everyShardHasAConnection()).as("charybdis_transport_connections > 0 on every shard").isTrue();

            session.execute("CREATE KEYSPACE IF NOT EXISTS shard_aware WITH replication = "
                    + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TABLE IF NOT EXISTS shard_aware.kv (k int PRIMARY KEY, v text)");
            PreparedStatement insert = session.prepare("INSERT INTO shard_aware.kv (k, v) VALUES (?, ?)");
            PreparedStatement select = session.prepare("SELECT v FROM shard_aware.kv WHERE k = ?");
            for (int k = 0; k < 50; k++) session.execute(insert.bind(k, "v" + k));
            for (int k = 0; k < 50; k++) {
                Row row = session.execute(select.bind(k)).one();
                assertThat(row).as("row " + k).isNotNull();
                assertThat(row.getString(0)).isEqualTo("v" + k);
            }
        }
    }

    @Test
    void driverComputesTheSameOwnerShardAsTheServer() {
        try (CqlSession session = server.session(options -> {})) {
            Node node = session.getMetadata().getNodes().values().iterator().next();
            TokenMap tokens = session.getMetadata().getTokenMap().orElseThrow();
            ShardOf serverSharding = ShardOf.withDefaultIgnoreMsb(SHARDS);
            int[] perShard = new int[SHARDS];
            for (int k = 0; k < 200; k++) {
                ByteBuffer key = TypeCodecs.INT.encode(k, session.getContext().getProtocolVersion());
                Token token = tokens.newToken(key);
                long serverToken = Murmur3Partitioner.token(key.duplicate());
                assertThat(((Murmur3Token) token).getValue()).isEqualTo(serverToken);
                int driverShard = node.getShardingInfo().shardId(token);
                assertThat(driverShard).as("shard of key " + k).isEqualTo(serverSharding.shard(serverToken));
                perShard[driverShard]++;
            }
            assertThat(perShard[0]).isGreaterThan(50);
            assertThat(perShard[1]).isGreaterThan(50);
        }
    }

    @Test
    void preparedStatementsRunOnTheShardOwningTheirPartition() throws InterruptedException {
        // a short schema debounce: the driver waits that long after each of the workload's CREATE statements
        try (CqlSession session = server.session(o -> o.withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(1)))) {
            awaitAConnectionPerShard(session);
            ShardRoutingWorkload workload = new ShardRoutingWorkload(session);
            CoordinatorHops before = CoordinatorHops.scrape(server);

            int operations = workload.run(200);

            CoordinatorHops counted = CoordinatorHops.scrape(server).since(before);
            assertThat(counted.local()).as(counted.toString()).isGreaterThanOrEqualTo(operations);
            assertThat(counted.crossShard()).as(counted + " of " + operations + " statements").isZero();
        }
    }

    /** Waits until the driver's pool holds a connection to every shard: before that it sends to the shards it has. */
    private static void awaitAConnectionPerShard(CqlSession session) throws InterruptedException {
        Node node = session.getMetadata().getNodes().values().iterator().next();
        ChannelPool pool = ((DefaultSession) session).getPools().get(node);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (int shard = 0; shard < SHARDS; shard++) {
            // the pool answers a channel of the suggested shard when it has one, else one of another shard
            while (pool.next(null, shard) == null || pool.next(null, shard).getShardId() != shard) {
                assertThat(System.nanoTime()).as("the driver's pool reaches shard " + shard).isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    private static boolean everyShardHasAConnection() {
        String metrics = PrometheusText.scrape(server);
        for (int shard = 0; shard < SHARDS; shard++) {
            if (PrometheusText.sum(metrics, "charybdis_transport_connections", "shard=\"" + shard + "\"") == 0) return false;
        }
        return true;
    }
}
