package org.charybdis.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A stock cassandra.yaml or scylla.yaml starts Charybdis: the keys it shares are read (with Cassandra 4.1's units),
 * the rest are accepted with a notice each, and what would silently not be done is refused.
 */
class DropInConfigurationTest {
    @TempDir
    Path dir;

    static Path stock(String name) {
        try {
            return Path.of(DropInConfigurationTest.class.getResource("/config/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void cassandrasStockFileIsReadWithItsUnits() {
        ServerConfig config = new ConfigLoader().yaml(stock("cassandra-stock.yaml")).build();

        assertThat(config.get(ServerConfig.CLUSTER_NAME)).isEqualTo("Test Cluster");
        assertThat(config.get(ServerConfig.COMMITLOG_SYNC_PERIOD_IN_MS)).isEqualTo(10_000);
        assertThat(config.get(ServerConfig.COMMITLOG_SEGMENT_SIZE_IN_MB)).isEqualTo(32);
        assertThat(config.get(ServerConfig.READ_REQUEST_TIMEOUT_IN_MS)).isEqualTo(5_000);
        assertThat(config.get(ServerConfig.PERMISSIONS_VALIDITY_IN_MS)).isEqualTo(2_000);
        assertThat(config.get(ServerConfig.AUTHENTICATOR)).isEqualTo("AllowAllAuthenticator");
        assertThat(config.notices()).anySatisfy(n -> assertThat(n).startsWith("Ignoring num_tokens").contains("single node"))
                .anySatisfy(n -> assertThat(n).startsWith("Ignoring seed_provider"))
                .anySatisfy(n -> assertThat(n).startsWith("Ignoring hinted_handoff_enabled"))
                .anySatisfy(n -> assertThat(n).startsWith("Ignoring concurrent_reads").contains("does not use it"));
        assertThat(config.notices()).noneMatch(n -> n.startsWith("Ignoring commitlog_sync_period"));
    }

    @Test
    void scyllasStockFileIsRead() {
        ServerConfig config = new ConfigLoader().yaml(stock("scylla-stock.yaml")).build();

        assertThat(config.dataDirectory()).isEqualTo(Path.of("/var/lib/scylla/data"));
        assertThat(config.get(ServerConfig.COMMITLOG_TOTAL_SPACE_IN_MB)).isEqualTo(ServerConfig.COMMITLOG_TOTAL_SPACE_IN_MB.defaultValue());
        assertThat(config.get(ServerConfig.WRITE_REQUEST_TIMEOUT_IN_MS)).isEqualTo(2_000);
        assertThat(config.notices()).anySatisfy(n -> assertThat(n).startsWith("Ignoring rpc_port").contains("Thrift"))
                .anySatisfy(n -> assertThat(n).startsWith("Ignoring enable_tablets"));
    }

    @Test
    void theOldAndTheNewNameOfOneKeyCannotBothBeSet() throws IOException {
        Path file = write("read_request_timeout_in_ms: 5000\nread_request_timeout: 7s\n");

        assertThatThrownBy(() -> new ConfigLoader().yaml(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("sets both read_request_timeout_in_ms and read_request_timeout");
    }

    @Test
    void unitsAreConvertedOrRefusedWithTheKeysName() throws IOException {
        ServerConfig config = new ConfigLoader().yaml(write("""
                write_request_timeout: 2s
                commitlog_total_space: 1GiB
                native_transport_max_frame_size: 32MiB
                native_transport_max_request_data_in_flight: 64MiB
                memory: 2G
                """)).build();
        assertThat(config.get(ServerConfig.WRITE_REQUEST_TIMEOUT_IN_MS)).isEqualTo(2_000);
        assertThat(config.get(ServerConfig.COMMITLOG_TOTAL_SPACE_IN_MB)).isEqualTo(1024);
        assertThat(config.get(ServerConfig.NATIVE_TRANSPORT_MAX_FRAME_SIZE_IN_MB)).isEqualTo(32);
        assertThat(config.get(ServerConfig.NATIVE_TRANSPORT_MAX_REQUEST_DATA_IN_FLIGHT)).isEqualTo(64L << 20);
        assertThat(config.get(ServerConfig.MEMORY)).isEqualTo(2L << 30);

        assertThatThrownBy(() -> new ConfigLoader().yaml(write("read_request_timeout: 5 parsecs\n")))
                .hasMessageContaining("read_request_timeout_in_ms").hasMessageContaining("not a duration");
        assertThatThrownBy(() -> new ConfigLoader().yaml(write("commitlog_segment_size: 1500KiB\n")))
                .hasMessageContaining("commitlog_segment_size_in_mb").hasMessageContaining("whole number of MiB");
    }

    @Test
    void aFeatureCharybdisLacksIsRefusedWhenTurnedOnRatherThanIgnored() throws IOException {
        assertThat(new ConfigLoader().yaml(write("cdc_enabled: false\n")).build().notices()).hasSize(1);
        assertThatThrownBy(() -> new ConfigLoader().yaml(write("cdc_enabled: true\n"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("cdc_enabled is turned on").hasMessageContaining("does not support it");
        assertThatThrownBy(() -> new ConfigLoader().yaml(write("transparent_data_encryption_options:\n  enabled: true\n")))
                .hasMessageContaining("transparent_data_encryption_options is turned on");
    }

    @Test
    void scyllasSwitchesTakeOneOrZero() throws IOException {
        ServerConfig config = new ConfigLoader().yaml(write("developer_mode: 1\noverprovisioned: 0\n")).build();
        assertThat(config.get(ServerConfig.DEVELOPER_MODE)).isTrue();
        assertThat(config.get(ServerConfig.OVERPROVISIONED)).isFalse();
        assertThat(new ConfigLoader().set(ServerConfig.DEVELOPER_MODE, "1").build().get(ServerConfig.DEVELOPER_MODE)).isTrue();
    }

    @Test
    void onlyMurmur3IsAPartitioner() throws IOException {
        assertThat(new ConfigLoader().yaml(write("partitioner: Murmur3Partitioner\n")).build().get(ServerConfig.PARTITIONER))
                .isEqualTo("Murmur3Partitioner");
        assertThatThrownBy(() -> new ConfigLoader().yaml(write("partitioner: org.apache.cassandra.dht.RandomPartitioner\n")))
                .hasMessageContaining("partitioner").hasMessageContaining("Murmur3Partitioner");
    }

    @Test
    void environmentVariablesSetKeysBetweenTheFileAndTheCommandLine() throws IOException {
        Path file = write("native_transport_port: 9142\nsmp: 3\n");
        ServerConfig config = new ConfigLoader().yaml(file)
                .environment(Map.of("CHARYBDIS_NATIVE_TRANSPORT_PORT", "9242", "CHARYBDIS_SMP", "4",
                        "CHARYBDIS_CLIENT_ENCRYPTION_OPTIONS_ENABLED", "false", "CHARYBDIS_HOME", "/opt/charybdis"))
                .set(ServerConfig.SMP, "5")
                .build();

        assertThat(config.get(ServerConfig.NATIVE_TRANSPORT_PORT)).isEqualTo(9242);
        assertThat(config.get(ServerConfig.SMP)).isEqualTo(5);
        assertThat(ConfigLoader.environmentVariable(ServerConfig.CLIENT_ENCRYPTION_OPTIONS.enabled)).isEqualTo("CHARYBDIS_CLIENT_ENCRYPTION_OPTIONS_ENABLED");
        assertThatThrownBy(() -> new ConfigLoader().environment(Map.of("CHARYBDIS_SMP", "many")))
                .hasMessageContaining("environment variable CHARYBDIS_SMP");
    }

    @Test
    void broadcastAddressesDefaultToTheListenAndRpcAddresses() {
        ServerConfig config = ServerConfig.defaults().with(ServerConfig.LISTEN_ADDRESS, "127.0.0.2").with(ServerConfig.RPC_ADDRESS, "0.0.0.0");
        assertThat(config.broadcastAddress()).isEqualTo("127.0.0.2");
        assertThat(config.broadcastRpcAddress()).isEqualTo("127.0.0.2");
        assertThat(config.with(ServerConfig.BROADCAST_RPC_ADDRESS, "10.1.2.3").broadcastRpcAddress()).isEqualTo("10.1.2.3");
        assertThat(config.with(ServerConfig.RPC_ADDRESS, "127.0.0.3").broadcastRpcAddress()).isEqualTo("127.0.0.3");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("conf-" + System.nanoTime() + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
