package org.charybdis.server.testing;

import org.charybdis.cql.messages.ReadyResponse;
import org.charybdis.cql.transport.ProtocolVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The child-JVM server crash tests build on: start, serve, kill -9, restart on the same ports. */
class ChildServerProcessTest {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void startsServesSurvivesKillAndRestarts() {
        try (ChildServerProcess child = ChildServerProcess.start(dir.resolve("node"), Map.of("cluster_name", "Child"), START)) {
            try (CqlTestClient client = CqlTestClient.connect(child.nativePort())) {
                assertThat(client.startup(ProtocolVersion.V4)).isInstanceOf(ReadyResponse.class);
                assertThat(client.options().get("SCYLLA_NR_SHARDS")).containsExactly("2");
            }
            assertThat(HttpGet.body(child.apiPort(), "/info")).contains("\"cluster_name\" : \"Child\"");

            child.kill();
            assertThat(child.isAlive()).isFalse();

            child.restart(START);
            try (CqlTestClient client = CqlTestClient.connect(child.nativePort())) {
                assertThat(client.startup(ProtocolVersion.V4)).isInstanceOf(ReadyResponse.class);
            }
            assertThat(child.stop(Duration.ofSeconds(30))).isIn(0, 143);
        }
    }
}
