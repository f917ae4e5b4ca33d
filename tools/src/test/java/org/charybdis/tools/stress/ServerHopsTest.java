package org.charybdis.tools.stress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerHopsTest {
    private static final String EXPOSITION = """
            # HELP charybdis_storage_proxy_coordinator_local_operations_total Partition operations run on the shard...
            # TYPE charybdis_storage_proxy_coordinator_local_operations_total counter
            charybdis_storage_proxy_coordinator_local_operations_total{shard="0"} 120.0
            charybdis_storage_proxy_coordinator_local_operations_total{shard="1"} 80.0
            # TYPE charybdis_storage_proxy_coordinator_cross_shard_operations_total counter
            charybdis_storage_proxy_coordinator_cross_shard_operations_total{shard="0"} 3.0
            charybdis_storage_proxy_coordinator_cross_shard_operations_total{shard="1"} 1.0
            charybdis_transport_requests_total{opcode="EXECUTE",shard="0"} 9999.0
            """;

    @Test
    void sumsTheCountersOverTheShards() {
        ServerHops hops = ServerHops.parse(EXPOSITION);
        assertThat(hops.localOperations()).isEqualTo(200);
        assertThat(hops.crossShardOperations()).isEqualTo(4);
    }

    @Test
    void theRunsShareIsTheDifferenceOfTwoReadings() {
        ServerHops run = ServerHops.of(1200, 104).since(ServerHops.of(200, 4));
        assertThat(run.localOperations()).isEqualTo(1000);
        assertThat(run.crossShardOperations()).isEqualTo(100);
        assertThat(run.crossShardShare()).isEqualTo(100.0 / 1100);
        assertThat(ServerHops.of(0, 0).crossShardShare()).isZero();
    }
}
