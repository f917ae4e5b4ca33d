package org.charybdis.server.transport;

import org.charybdis.cql.messages.ReadyResponse;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.server.config.ServerConfig;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.CqlTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.server.transport.CqlHandshakeTest.assertProtocolError;

/** native_transport_max_frame_size_in_mb: a larger frame is refused, the rest goes on. */
class MaxFrameSizeTest {
    private static final int ONE_MB = 1024 * 1024;

    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension()
            .with(ServerConfig.NATIVE_TRANSPORT_MAX_FRAME_SIZE_IN_MB, 1);

    @Test
    void oversizedFrameIsRefusedAndTheConnectionGoesOn() {
        try (CqlTestClient big = server.rawClient(); CqlTestClient other = server.rawClient()) {
            big.startup(ProtocolVersion.V4);
            other.startup(ProtocolVersion.V4);

            big.sendRaw(CqlTestClient.frameBytes(4, 0, 77, Opcode.QUERY.code(), new byte[2 * ONE_MB]));

            assertProtocolError(big.receiveFor(77).response(), "Request is too big");
            assertThat(other.options()).containsKey("CQL_VERSION");
            // the oversized body was skipped: the next frame on the same connection is read correctly
            assertThat(big.options()).containsKey("CQL_VERSION");
        }
        try (CqlTestClient fresh = server.rawClient()) {
            assertThat(fresh.startup(ProtocolVersion.V4)).isInstanceOf(ReadyResponse.class);
        }
    }

    @Test
    void frameJustUnderTheLimitIsProcessed() {
        try (CqlTestClient client = server.rawClient()) {
            client.startup(ProtocolVersion.V4);
            // a syntax error shows the statement reached the parser
            CqlHandshakeTest.assertSyntaxError(client.query("SELEC " + "x".repeat(ONE_MB - 1000)));
        }
    }

    @Test
    void errorMessageNamesTheSetting() {
        try (CqlTestClient client = server.rawClient()) {
            client.startup(ProtocolVersion.V4);
            client.sendRaw(CqlTestClient.frameBytes(4, 0, 5, Opcode.QUERY.code(), new byte[ONE_MB + 1]));
            assertProtocolError(client.receiveFor(5).response(), "native_transport_max_frame_size_in_mb = 1");
        }
    }
}
