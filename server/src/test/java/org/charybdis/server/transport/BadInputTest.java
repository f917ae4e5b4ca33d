package org.charybdis.server.transport;

import org.charybdis.cql.exceptions.ErrorCode;
import org.charybdis.cql.messages.ErrorResponse;
import org.charybdis.cql.messages.InboundResponse;
import org.charybdis.cql.messages.ReadyResponse;
import org.charybdis.cql.messages.Response;
import org.charybdis.cql.messages.SupportedResponse;
import org.charybdis.cql.transport.Opcode;
import org.charybdis.cql.transport.ProtocolVersion;
import org.charybdis.server.testing.CharybdisServerExtension;
import org.charybdis.server.testing.CqlTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charybdis.server.transport.CqlHandshakeTest.assertProtocolError;
import static org.charybdis.server.transport.CqlHandshakeTest.assertSyntaxError;

/**
 * Malformed or out-of-order input gets a CQL error on its own stream; the connection (unless the
 * byte stream itself is lost) and the server keep working.
 */
class BadInputTest {
    @RegisterExtension
    static final CharybdisServerExtension server = new CharybdisServerExtension();

    @AfterEach
    void serverStillServesNewConnections() {
        try (CqlTestClient client = server.rawClient()) {
            assertThat(client.startup(ProtocolVersion.V4)).isInstanceOf(ReadyResponse.class);
            assertThat(client.options()).containsKey("CQL_VERSION");
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void queryBeforeStartupIsAProtocolError(ProtocolVersion version) {
        try (CqlTestClient client = server.rawClient().version(version)) {
            assertProtocolError(client.query("SELECT * FROM system.local"), "expecting STARTUP or OPTIONS");
            // the connection can still be started
            assertThat(client.startup(version)).isInstanceOf(ReadyResponse.class);
        }
    }

    @Test
    void unknownOpcodeIsAProtocolErrorOnItsStream() {
        try (CqlTestClient client = server.rawClient()) {
            client.startup(ProtocolVersion.V4);
            client.sendRaw(CqlTestClient.frameBytes(4, 0, 42, 0x42, new byte[] {1, 2, 3}));
            InboundResponse answer = client.receiveFor(42);

            assertProtocolError(answer.response(), "Unknown opcode 66");
            assertThat(client.options()).containsKey("CQL_VERSION");
        }
    }

    @Test
    void responseOpcodeFromAClientIsAProtocolError() {
        try (CqlTestClient client = server.rawClient()) {
            client.startup(ProtocolVersion.V4);
            client.sendRaw(CqlTestClient.frameBytes(4, 0, 9, Opcode.READY.code(), new byte[0]));

            assertThat(client.receiveFor(9).response()).isInstanceOf(ErrorResponse.class);
            assertThat(client.options()).containsKey("CQL_VERSION");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"V4", "V5"})
    void truncatedQueryBodyIsAnErrorOnThatStreamOnly(ProtocolVersion version) {
        try (CqlTestClient client = server.rawClient()) {
            client.startup(version);
            // [long string] claiming 50 bytes, followed by 2
            byte[] body = {0, 0, 0, 50, 'S', 'E'};
            client.sendRaw(CqlTestClient.frameBytes(version.code(), 0, 11, Opcode.QUERY.code(), body));
            Response answer = client.receiveFor(11).response();

            assertThat(answer).as(CqlTestClient.describe(answer)).isInstanceOf(ErrorResponse.class);
            assertThat(((ErrorResponse) answer).error().code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
            assertThat(client.options()).containsKey("CQL_VERSION");
        }
    }

    @Test
    void garbageBodyIsAnErrorAndTheConnectionKeepsWorking() {
        try (CqlTestClient client = server.rawClient()) {
            client.startup(ProtocolVersion.V4);
            byte[] garbage = new byte[64];
            new java.util.Random(7).nextBytes(garbage);
            for (Opcode opcode : new Opcode[] {Opcode.QUERY, Opcode.PREPARE, Opcode.EXECUTE, Opcode.BATCH, Opcode.REGISTER}) {
                client.sendRaw(CqlTestClient.frameBytes(4, 0, 20 + opcode.code(), opcode.code(), garbage));
                Response answer = client.receiveFor(20 + opcode.code()).response();
                assertThat(answer).as(opcode + ": " + CqlTestClient.describe(answer)).isInstanceOf(ErrorResponse.class);
            }
            assertThat(client.request(org.charybdis.cql.messages.OptionsRequest.INSTANCE)).isInstanceOf(SupportedResponse.class);
        }
    }

    @Test
    void compressedFrameWithoutNegotiatedCompressionIsAnError() {
        try (CqlTestClient client = server.rawClient()) {
            client.startup(ProtocolVersion.V4);
            client.sendRaw(CqlTestClient.frameBytes(4, 0x01, 13, Opcode.OPTIONS.code(), new byte[] {9, 9, 9, 9}));

            assertProtocolError(client.receiveFor(13).response(), "compress");
            assertThat(client.options()).containsKey("CQL_VERSION");
        }
    }

    @Test
    void versionChangeMidConnectionIsFatal() {
        try (CqlTestClient client = server.rawClient()) {
            client.startup(ProtocolVersion.V4);
            client.sendRaw(CqlTestClient.frameBytes(3, 0, 5, Opcode.OPTIONS.code(), new byte[0]));

            assertProtocolError(client.receive().response(), "Invalid message version");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void syntaxErrorNamesTheLine() {
        try (CqlTestClient client = server.rawClient()) {
            client.startup(ProtocolVersion.V4);
            assertSyntaxError(client.query("SELEC * FROM t"));
            assertSyntaxError(client.query("CREATE TABLE (("));
            assertThat(client.options()).containsKey("CQL_VERSION");
        }
    }

    @Test
    void startupWithoutCqlVersionIsAProtocolError() {
        try (CqlTestClient client = server.rawClient().version(ProtocolVersion.V4)) {
            Response answer = client.request(new org.charybdis.cql.messages.StartupRequest(java.util.Map.of()));
            assertProtocolError(answer, "CQL_VERSION");
        }
    }

    @Test
    void clientClosingMidFrameDoesNotHurtTheServer() {
        try (CqlTestClient client = server.rawClient()) {
            client.startup(ProtocolVersion.V4);
            byte[] frame = CqlTestClient.frameBytes(4, 0, 3, Opcode.QUERY.code(), new byte[100]);
            client.sendRaw(java.util.Arrays.copyOf(frame, 30));
        }
    }
}
