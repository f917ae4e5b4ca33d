package org.charybdis.tools.itests;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.TokenMap;
import com.datastax.oss.driver.api.core.metadata.token.Token;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import com.datastax.oss.driver.internal.core.metadata.token.Murmur3Token;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.HttpGet;
import org.charybdis.storage.dht.Murmur3Partitioner;
import org.charybdis.storage.dht.ShardOf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((node.getOpenConnections() < SHARDS || !everyShardHasAConnection()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(node.getOpenConnections()).isGreaterThanOrEqualTo(SHARDS);
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

    private static boolean everyShardHasAConnection() {
        String metrics = HttpGet.body(server.prometheusPort(), "/metrics");
        Matcher m = Pattern.compile("(?m)^charybdis_transport_connections\\{shard=\"(\\d+)\"\\} (\\S+)$").matcher(metrics);
        boolean[] connected = new boolean[SHARDS];
        while (m.find()) {
            if (Double.parseDouble(m.group(2)) > 0) connected[Integer.parseInt(m.group(1))] = true;
        }
        for (boolean c : connected) if (!c) return false;
        return true;
    }
}
