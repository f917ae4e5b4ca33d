package org.charybdis.server.transport;

import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.CqlTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** On the shard-aware port, the client's source port picks the shard: client_port % smp. */
class ShardAwarePortTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @Test
    void sourcePortPicksTheShard() {
        int base = freeEvenPortPair();
        for (int localPort : new int[] {base, base + 1}) {
            try (CqlTestClient client = CqlTestClient.connect(server.shardAwarePort(), localPort)) {
                assertThat(client.localPort()).isEqualTo(localPort);
                assertThat(client.options().get("SCYLLA_SHARD")).as("local port " + localPort)
                        .containsExactly(Integer.toString(localPort % 2));
                assertThat(client.startup(ProtocolVersion.V4)).isInstanceOf(org.charybdis.cql.messages.ReadyResponse.class);
            }
        }
    }

    @Test
    void shardAwarePortIsAnnouncedOnBothPorts() {
        try (CqlTestClient regular = server.rawClient();
             CqlTestClient aware = CqlTestClient.connect(server.shardAwarePort())) {
            String port = Integer.toString(server.shardAwarePort());
            assertThat(regular.options().get("SCYLLA_SHARD_AWARE_PORT")).containsExactly(port);
            assertThat(aware.options().get("SCYLLA_SHARD_AWARE_PORT")).containsExactly(port);
        }
    }

    /** An even port p with p and p + 1 currently free, so both shards can be targeted. */
    private static int freeEvenPortPair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket probe = new ServerSocket(0)) {
                int even = probe.getLocalPort() & ~1;
                if (even == probe.getLocalPort()) {
                    try (ServerSocket next = new ServerSocket(even + 1)) {
                        return even;
                    } catch (IOException busy) {
                        continue;
                    }
                }
                try (ServerSocket first = new ServerSocket(even)) {
                    return even;
                } catch (IOException busy) {
                    // try another pair
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free pair of local ports found");
    }
}
