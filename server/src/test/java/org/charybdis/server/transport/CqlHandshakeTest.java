package org.charybdis.server.transport;

import org.charybdis.cql.exceptions.ErrorCode;
import org.charybdis.cql.messages.ErrorResponse;
import org.charybdis.cql.messages.ReadyResponse;
import org.charybdis.cql.messages.Response;
import org.charybdis.cql.transport.Compression;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.server.CharybdisServer;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.CqlTestClient;
import org.charybdis.server.testing.CqlTestClient.RawFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The connection handshake over a raw socket: OPTIONS, STARTUP in every version, compression, v5 segments. */
class CqlHandshakeTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @Test
    void optionsAnswersSupportedWithVersionsCompressionAndShardingFacts() {
        try (CqlTestClient client = server.rawClient()) {
            Map<String, List<String>> options = client.options();

            assertThat(options.get("CQL_VERSION")).containsExactly(CharybdisServer.CQL_VERSION);
            assertThat(options.get("COMPRESSION")).contains("lz4", "snappy");
            assertThat(options.get("PROTOCOL_VERSIONS")).containsExactly("3/v3", "4/v4", "5/v5");
            assertThat(options.get("SCYLLA_NR_SHARDS")).containsExactly("2");
            assertThat(options.get("SCYLLA_SHARD")).singleElement().isIn("0", "1");
            assertThat(options.get("SCYLLA_SHARDING_ALGORITHM")).containsExactly("biased-token-round-robin");
            assertThat(options.get("SCYLLA_SHARDING_IGNORE_MSB")).containsExactly("12");
            assertThat(options.get("SCYLLA_PARTITIONER")).containsExactly("org.apache.cassandra.dht.Murmur3Partitioner");
            assertThat(options.get("SCYLLA_SHARD_AWARE_PORT")).containsExactly(Integer.toString(server.shardAwarePort()));
        }
    }

    @Test
    void regularPortSpreadsConnectionsOverBothShards() {
        java.util.Set<String> shards = new java.util.HashSet<>();
        for (int i = 0; i < 4; i++) {
            try (CqlTestClient client = server.rawClient()) {
                shards.add(client.options().get("SCYLLA_SHARD").getFirst());
            }
        }
        assertThat(shards).containsExactlyInAnyOrder("0", "1");
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void startupIsAnsweredReadyInEveryVersion(ProtocolVersion version) {
        try (CqlTestClient client = server.rawClient()) {
            assertThat(client.startup(version)).isInstanceOf(ReadyResponse.class);
            // a request after the handshake still works (v5: inside a segment)
            assertThat(client.options().get("SCYLLA_NR_SHARDS")).containsExactly("2");
        }
    }

    @Test
    void v5SegmentsCarryRequestsAfterReady() {
        try (CqlTestClient client = server.rawClient()) {
            assertThat(client.startup(ProtocolVersion.V5)).isInstanceOf(ReadyResponse.class);
            for (int i = 0; i < 3; i++) {
                assertThat(client.options()).containsKey("CQL_VERSION");
            }
            assertSyntaxError(client.query("SELEC nothing"));
        }
    }

    @Test
    void v5SegmentsWithLz4() {
        try (CqlTestClient client = server.rawClient()) {
            assertThat(client.startup(ProtocolVersion.V5, Compression.LZ4)).isInstanceOf(ReadyResponse.class);
            assertThat(client.options()).containsKey("COMPRESSION");
            assertSyntaxError(client.query("SELEC " + "x".repeat(5000)));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"LZ4", "SNAPPY"})
    void v4CompressesFramesAfterStartup(Compression compression) {
        try (CqlTestClient client = server.rawClient()) {
            assertThat(client.startup(ProtocolVersion.V4, compression)).isInstanceOf(ReadyResponse.class);
            // a repetitive statement compresses well, so the request really goes out compressed
            assertThat(client.options()).containsKey("PROTOCOL_VERSIONS");
            assertSyntaxError(client.query("SELEC " + "abc ".repeat(2000)));
            assertThat(client.options()).containsKey("PROTOCOL_VERSIONS");
        }
    }

    @Test
    void snappyIsRefusedOnV5() {
        try (CqlTestClient client = server.rawClient()) {
            Response answer = client.startup(ProtocolVersion.V5, Compression.SNAPPY);
            assertProtocolError(answer, "Snappy");
        }
    }

    @Test
    void unknownCompressionIsAProtocolError() {
        try (CqlTestClient client = server.rawClient().version(ProtocolVersion.V4)) {
            Response answer = client.request(new org.charybdis.cql.messages.StartupRequest(
                    Map.of("CQL_VERSION", "3.0.0", "COMPRESSION", "zip")));
            assertProtocolError(answer, "zip");
        }
    }

    @Test
    void v6BetaIsRefusedNamingTheSupportedVersions() {
        try (CqlTestClient client = server.rawClient()) {
            client.sendRaw(CqlTestClient.frameBytes(6, 0x10, 7, Opcode.STARTUP.code(), CqlTestClient.startupBody()));
            RawFrame answer = client.receiveRaw();

            assertThat(answer.opcode()).isEqualTo(Opcode.ERROR.code());
            assertThat(answer.version()).isEqualTo(5);
            assertThat(answer.stream()).isEqualTo(7);
            assertThat(answer.error().code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
            assertThat(answer.error().getMessage()).contains("(6)").contains("3/v3, 4/v4, 5/v5");
            assertThat(client.closedByServer()).isTrue();
        }
        assertFreshConnectionWorks();
    }

    @Test
    void v2IsRefusedInItsOwnFraming() {
        try (CqlTestClient client = server.rawClient()) {
            client.sendRaw(CqlTestClient.legacyFrameBytes(2, 3, Opcode.STARTUP.code(), CqlTestClient.startupBody()));
            RawFrame answer = client.receiveRaw();

            assertThat(answer.version()).isEqualTo(2);
            assertThat(answer.stream()).isEqualTo(3);
            assertThat(answer.error().code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
            assertThat(answer.error().getMessage()).contains("(2)").contains("3/v3, 4/v4, 5/v5");
            assertThat(client.closedByServer()).isTrue();
        }
        assertFreshConnectionWorks();
    }

    @Test
    void secondStartupIsAProtocolError() {
        try (CqlTestClient client = server.rawClient()) {
            client.startup(ProtocolVersion.V4);
            assertProtocolError(client.startup(ProtocolVersion.V4), "STARTUP");
            assertThat(client.options()).containsKey("CQL_VERSION");
        }
    }

    static void assertFreshConnectionWorks() {
        try (CqlTestClient client = server.rawClient()) {
            assertThat(client.startup(ProtocolVersion.V4)).isInstanceOf(ReadyResponse.class);
            assertThat(client.options()).containsKey("CQL_VERSION");
        }
    }

    static void assertSyntaxError(Response response) {
        assertThat(response).as(CqlTestClient.describe(response)).isInstanceOf(ErrorResponse.class);
        ErrorResponse error = (ErrorResponse) response;
        assertThat(error.error().code()).isEqualTo(ErrorCode.SYNTAX_ERROR);
        assertThat(error.error().getMessage()).startsWith("line 1:");
    }

    static void assertProtocolError(Response response, String messagePart) {
        assertThat(response).as(CqlTestClient.describe(response)).isInstanceOf(ErrorResponse.class);
        ErrorResponse error = (ErrorResponse) response;
        assertThat(error.error().code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
        assertThat(error.error().getMessage()).contains(messagePart);
    }
}
